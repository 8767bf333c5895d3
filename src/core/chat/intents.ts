// Messages the client handles itself instead of sending them to the agent (contract: export, credits,
// status, upload — English and Chinese). Only short command-like messages match: "add an intro and export
// a draft later" is an editing request and goes to the agent.
export type Intent = 'export' | 'credits' | 'status' | 'upload' | 'chat';

const POLITE = String.raw`(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+|now\s+|just\s+|ok(?:ay)?,?\s+)*`;
const END = String.raw`(?:\s+(?:please|now|thanks|thank\s+you))?\s*[.!?。！？]*$`;

const EN: Array<[Exclude<Intent, 'chat'>, RegExp]> = [
  ['export', new RegExp(String.raw`^${POLITE}(?:export|download|render)(?:\s+(?:it|this|that|the\s+video|my\s+video|the\s+result|the\s+final\s+video|video|as\s+mp4|to\s+mp4|mp4))*${END}`, 'i')],
  ['export', new RegExp(String.raw`^${POLITE}(?:send|give)\s+me\s+(?:the|my)\s+(?:final\s+)?(?:video|mp4|file|result)${END}`, 'i')],
  ['credits', new RegExp(String.raw`^${POLITE}(?:show\s+|check\s+|what(?:'s|\s+is)\s+)?(?:my\s+)?(?:credits?|balance|credit\s+balance)(?:\s+left)?${END}`, 'i')],
  ['credits', new RegExp(String.raw`^${POLITE}how\s+many\s+credits(?:\s+do\s+i\s+have)?(?:\s+left)?${END}`, 'i')],
  ['status', new RegExp(String.raw`^${POLITE}(?:show\s+(?:me\s+)?(?:the\s+)?)?(?:status|state|tracks|timeline)${END}`, 'i')],
  ['status', new RegExp(String.raw`^${POLITE}(?:show|list)\s+(?:me\s+)?(?:the\s+)?(?:tracks|timeline|state)${END}`, 'i')],
  ['upload', new RegExp(String.raw`^${POLITE}upload(?:\s+(?:a|some|my|the|more))?(?:\s+(?:files?|footage|videos?|clips?|media))?${END}`, 'i')],
];

const ZH_POLITE = '(?:请|帮我|麻烦|给我)?';
const ZH_END = '(?:吧|一下|吗)?[。！？!?.]*$';
const ZH: Array<[Exclude<Intent, 'chat'>, RegExp]> = [
  ['export', new RegExp(`^${ZH_POLITE}(?:导出|下载|渲染)(?:视频|成片|一下)?${ZH_END}`)],
  ['export', new RegExp(`^${ZH_POLITE}(?:把)?(?:视频|成片)(?:发给我|导出)${ZH_END}`)],
  ['credits', new RegExp(`^${ZH_POLITE}(?:查看|查询|看看)?(?:我的)?(?:积分|余额)(?:还有多少|多少)?${ZH_END}`)],
  ['status', new RegExp(`^${ZH_POLITE}(?:查看|显示|看看)?(?:当前)?(?:状态|轨道|时间线)${ZH_END}`)],
  ['upload', new RegExp(`^${ZH_POLITE}上传(?:文件|素材|视频)?${ZH_END}`)],
];

/** Decides where a message goes. A message that comes with attachments and no other request is an upload. */
export function routeIntent(text: string, opts: { hasAttachments?: boolean } = {}): Intent {
  const s = text.trim().replace(/\s+/g, ' ');
  if (opts.hasAttachments && s === '') return 'upload';
  for (const [intent, re] of [...EN, ...ZH]) if (re.test(s)) return intent;
  return opts.hasAttachments && s === '' ? 'upload' : 'chat';
}
