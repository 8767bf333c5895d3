// The backend talks as if its web GUI were on screen ("click Export", "open the panel", "drag the clip").
// Here there is no such GUI, so those phrases are rewritten into what works in this client before the user
// sees them. English and Chinese forms; the replacement uses the language of the phrase it replaces.
import { t, type Lang } from '../i18n';

interface Rule {
  re: RegExp;
  replace: (lang: Lang, groups: Array<string | undefined>) => string;
}

const EN_RULES: Rule[] = [
  // "click the Export button", "press [Export]", "hit 'Download'"
  { re: /\b(?:click|press|tap|hit|use)\s+(?:on\s+)?(?:the\s+)?[[("'“]?(?:export|download|render)[\])"'”]?(?:\s+button)?(?:\s+to\s+(?:download|export|render|save|get)(?:\s+(?:it|them|the\s+video|your\s+video|the\s+file))?)?/gi, replace: (l) => t(l, 'gui.export') },
  { re: /\b(?:the\s+)?["'“[]?export["'”\]]?\s+button\b/gi, replace: (l) => t(l, 'gui.export') },
  { re: /\bcheck\s+(?:your\s+)?(?:account|billing|balance|credits?)(?:\s+(?:page|settings|section))?\b/gi, replace: (l) => t(l, 'gui.billing') },
  { re: /\b(?:go\s+to|visit|open)\s+(?:the\s+)?(?:billing|account|pricing)(?:\s+(?:page|settings|section))?\b/gi, replace: (l) => t(l, 'gui.billing') },
  { re: /\bpreview\s+(?:it\s+|them\s+|the\s+(?:video|result|changes?)\s+)?(?:in|on)\s+the\s+timeline\b/gi, replace: (l) => t(l, 'gui.preview') },
  { re: /\b(?:open|check|look\s+at)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:panel|tab|sidebar)\b(?:\s+to\s+(?:check|see|view|review)\b[^.,;!?\n]*)?/gi, replace: (l) => t(l, 'gui.panel') },
  { re: /\b(?:drag\s+and\s+drop|drag-and-drop|drag(?:ging)?)\b(?:\s+(?:it|them|the\s+[\w-]+))?(?:\s+(?:to|onto|into)\s+the\s+[\w-]+)?/gi, replace: (l) => t(l, 'gui.drag') },
  // any other "click the X button" → ask me to "X"
  { re: /\b(?:click|press|tap)\s+(?:on\s+)?(?:the\s+)?[[("'“]?([\w][\w\s-]{0,30}?)[\])"'”]?\s+button\b/gi, replace: (l, g) => t(l, 'gui.click', { what: (g[0] ?? '').trim().toLowerCase() }) },
];

const ZH_RULES: Rule[] = [
  { re: /(?:请)?(?:点击|单击|点)\s*[「“"【\[]?(?:导出|下载|渲染)[」”"】\]]?(?:按钮)?/g, replace: () => t('zh', 'gui.export') },
  { re: /[「“"【\[]?导出[」”"】\]]?按钮/g, replace: () => t('zh', 'gui.export') },
  { re: /(?:查看|检查|打开)(?:你的|您的)?(?:(?:账户|账号|账单)(?:余额|积分)?|余额|积分)(?:页面|设置)?/g, replace: () => t('zh', 'gui.billing') },
  { re: /在时间线(?:上|中)?预览/g, replace: () => t('zh', 'gui.preview') },
  { re: /打开[^，。,.\s]{0,10}?(?:面板|窗口|标签页|侧边栏)/g, replace: () => t('zh', 'gui.panel') },
  { re: /(?:拖拽|拖动|拖放)[^，。,.！!？?\n]{0,12}/g, replace: () => t('zh', 'gui.drag') },
  { re: /(?:点击|单击)\s*[「“"【\[]?([^」”"】\]\s，。]{1,12})[」”"】\]]?按钮/g, replace: (_l, g) => t('zh', 'gui.click', { what: g[0] ?? '' }) },
];

function applyRules(text: string, rules: Rule[], lang: Lang): string {
  let out = text;
  for (const rule of rules) {
    out = out.replace(rule.re, (_whole: string, ...rest: unknown[]) => {
      // rest = capture groups…, offset, input: keep only the groups.
      const groups = rest.slice(0, -2).map((g) => (typeof g === 'string' ? g : undefined));
      return rule.replace(lang, groups);
    });
  }
  return out;
}

/** Rewrites GUI instructions ("click Export", "点击导出") into what to do in this client. */
export function translateGuiPhrases(text: string): string {
  return applyRules(applyRules(text, EN_RULES, 'en'), ZH_RULES, 'zh');
}
