// Every user-facing string the core produces, in English and Simplified Chinese.
// The core never asks the editor for a locale: callers pass `lang` (the extension maps vscode.env.language,
// the CLI maps LANG/LC_ALL). Keys are typed so a missing Chinese string is a compile error.

export type Lang = 'en' | 'zh';

const en = {
  // errors: plain words plus the one action that fixes it
  'err.auth': 'Your NemoVideo sign-in expired or is invalid.',
  'err.auth.env': 'The token in NEMO_TOKEN was rejected. Set a valid token or unset NEMO_TOKEN to use a free anonymous one.',
  'err.auth.user': 'The server rejected your token. Set a new token, or remove it to use a free anonymous one.',
  'err.plan.anon': 'Exporting needs a registered account: the free anonymous one cannot export. Register to unlock export; your session is kept.',
  'err.session.reuploaded': 'The previous editing session had expired, so a new one was started and your files were uploaded to it again ({files}): the timeline restarts from them.',
  'err.session.reuploadMissing': 'These files could not be uploaded again because they no longer exist: {files}.',
  'err.exportCancelled': 'The export {id} was cancelled; no file was saved.',
  'export.cancelled': 'The export {id} was cancelled.',
  'export.cancelNotSupported': 'This server cannot cancel exports, so {id} is no longer followed here. The backend may still finish it: it stays in the list.',
  'export.cancelFinished': 'The export {id} had already finished ({status}); there was nothing to cancel.',
  'export.cancelUnknown': 'The server has no export {id}: nothing is running there, so there was nothing to cancel.',
  'export.noneRunning': 'No export is running in this session.',
  'err.session': 'The editing session was not found on the server.',
  'err.session.restarted': 'The previous editing session had expired, so a new one was started: the timeline starts empty again.',
  'err.credits.anon': 'You are out of free credits. Register to keep the session and get more.',
  'err.credits.user': 'You are out of credits. Top up your account to continue.',
  'err.unsupportedType': 'This file type is not supported. Accepted types: {types}.',
  'err.tooLarge': 'The file is larger than the 500 MB limit ({size}). Trim or compress it, then try again.',
  'err.clientId': 'The server needs a client id; a new one was created.',
  'err.plan': 'Your current plan cannot export videos. Upgrade your subscription to export.',
  'err.rateLimit': 'The server is busy (too many requests). Wait a minute, then try again.',
  'err.network': 'Could not reach the server ({detail}). Check your connection or proxy settings.',
  'err.server': 'The server had a problem ({detail}). Try again in a moment.',
  'err.badResponse': 'The server sent an answer this version does not understand ({detail}).',
  'err.timeout': 'The server stopped answering for too long. Check the status to see what was done.',
  'err.cancelled': 'Stopped.',
  'err.badInput': '{detail}',
  'err.fileMissing': 'File not found: {path}.',
  'err.notAFile': 'Not a file: {path}.',
  'err.fileEmpty': '{path} is empty (0 bytes): upload the actual file.',
  'err.fileRead': 'Could not read {path} while uploading ({detail}). Check the file and try again; nothing was added.',
  'err.noFiles': 'Nothing to upload: give at least one file or URL.',
  'err.turnBusy': 'The previous message is still being worked on. Wait for it to finish (or Stop listening) before sending another.',
  'err.notReady': 'The timeline is empty, so there is nothing to export yet. Upload footage and describe the video first.',
  'err.exportFailed': 'The export failed: {detail}.',
  'err.download': 'The download failed ({detail}). The partial file was kept and the next try resumes it.',
  'err.outputFolder': 'Cannot create the output folder {path} ({detail}). Choose another folder.',
  'err.writeFile': 'Cannot write {path} ({detail}). Free some disk space or choose another output folder; the partial file was kept.',
  'err.downloadLength': 'The downloaded file is incomplete ({got} of {expected} bytes). Try the download again: it resumes.',
  'err.streamError': 'The editor reported a problem: {detail}',
  'err.unknownCode': 'The server refused the request: {detail}.',
  // preview (engine proxy, or the last export on the cloud)
  'preview.empty': 'The timeline has nothing to show yet. Upload a clip and describe your video in the chat.',
  'preview.missingSource': '{detail}',
  'preview.ffmpeg': 'The preview needs ffmpeg. {detail}',
  'preview.failed': 'The preview render failed: {detail}',
  'preview.noExport': 'The cloud backend makes no previews: export once and the preview plays that export.',
  'preview.exportStale': 'This is the export of {when}; the timeline changed since. Export again to see the changes.',
  'preview.noSound': 'Playing the export as is: sound needs ffmpeg (install it to get a preview with sound).',
  'preview.written': 'Preview written: {path}',
  // recovery action labels
  'action.new-session': 'Start a new session',
  'action.register': 'Register',
  'action.top-up': 'Top up credits',
  'action.show-formats': 'Show accepted formats',
  'action.retry': 'Try again',
  'action.set-token': 'Set a token',
  'action.check-status': 'Check status',
  'action.trim-or-compress': 'Trim or compress the file',
  'action.open-settings': 'Open settings',
  'action.none': 'OK',
  'action.see-plans': 'See plans',
  // chat turn
  'turn.stillWorking': 'Still working… ({minutes} min)',
  'turn.timedOut': 'No answer for {minutes} minutes, so I stopped listening. The editor may still finish: check the status in a moment.',
  'turn.hardCap': 'The answer took longer than {minutes} minutes, so I stopped listening. The editor may still finish: check the status in a moment.',
  'turn.stopped': 'Stopped listening. The editor may still finish this request; check the status in a moment.',
  'turn.stoppedNoSession': 'Stopped before a session was started: your message was not sent, so nothing will change.',
  'turn.stoppedNotSent': 'Stopped before your message was sent: the editor did not get it, so nothing will change.',
  // generate stopped before its chat turn (the turn's own stops are above): what is true for each step.
  'stop.makingSession': 'Stopped while the session was being made: nothing was uploaded or edited.',
  'stop.uploading': 'Stopped during the upload: nothing was edited. Files the server already received may stay in the session.',
  'turn.dropped': 'The connection dropped. The message was not sent again (that could run the work twice); checking what changed…',
  'turn.droppedNoChange': 'The connection dropped and the timeline has not changed yet. The editor may still be working: check the status later.',
  'turn.silentChanged': 'Done. {changes}',
  'turn.silentNoChange': 'The editor finished without a reply and the timeline did not change.',
  'progress.working': 'Working…',
  'progress.editing': 'Editing timeline…',
  'progress.music': 'Adding music…',
  'progress.analysing': 'Analysing footage…',
  'progress.generating': 'Generating media…',
  'progress.text': 'Adding text…',
  'progress.export': 'Preparing export…',
  'progress.uploading': 'Uploading {name}…',
  // timeline summary and diff
  'tl.summary': 'Timeline ({count} {tracks}):',
  'tl.track': 'track',
  'tl.tracks': 'tracks',
  'tl.empty': 'Timeline (0 tracks): empty.',
  'tl.video': 'Video',
  'tl.audio': 'BGM',
  'tl.text': 'Title',
  'tl.other': 'Track (type {type})',
  'tl.clips': '{count} clips',
  'diff.added': 'added {label}',
  'diff.removed': 'removed {label}',
  'diff.changed': '{label}: {what}',
  'diff.segments': '{from} → {to} segments',
  'diff.time': '{from} → {to}',
  'diff.volume': 'volume {from} → {to}',
  'diff.renamed': 'was {from}',
  'diff.duration': 'length {from} → {to}',
  'diff.other': 'details changed',
  'diff.header': 'Timeline changes: {list}.',
  // intents and workflow
  'credits.line': 'Credits: {available} available, {frozen} reserved, {total} total.',
  'export.started': 'Export started ({id}).',
  'export.progress': 'Exporting… {progress}%',
  'export.done': 'Export finished.',
  'export.saved': 'Saved to {path}.',
  'upload.done': 'Uploaded {count} file(s).',
  'upload.askFiles': 'Choose the files to upload.',
  'claim.line': 'Open this link to keep this project in your NemoVideo account: {url}',
  // GUI-phrase replacements (what to do here instead of clicking in a web app)
  'gui.export': 'say "export" to render and download it',
  'gui.billing': 'say "credits" to see your balance',
  'gui.preview': 'say "status" to see the track summary',
  'gui.panel': 'say "status" to see the current state',
  'gui.drag': 'describe the change in a message (for example "move clip 2 before clip 1")',
  'gui.click': 'ask me to "{what}"',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'err.auth': 'NemoVideo 登录已过期或无效。',
  'err.auth.env': 'NEMO_TOKEN 中的令牌被拒绝。请设置有效的令牌，或取消 NEMO_TOKEN 以使用免费的匿名令牌。',
  'err.auth.user': '服务器拒绝了你的令牌。请设置新的令牌，或删除它以使用免费的匿名令牌。',
  'err.plan.anon': '导出需要注册账号：免费匿名账号不能导出。注册即可解锁导出，当前会话会保留。',
  'err.session.reuploaded': '之前的编辑会话已过期，已新建会话并重新上传了你的文件（{files}）：时间线从这些文件重新开始。',
  'err.session.reuploadMissing': '以下文件已不存在，无法重新上传：{files}。',
  'err.exportCancelled': '导出 {id} 已取消，没有保存文件。',
  'export.cancelled': '导出 {id} 已取消。',
  'export.cancelNotSupported': '此服务器不支持取消导出，因此这里不再跟踪 {id}。后台可能仍会完成它：它会保留在列表中。',
  'export.cancelFinished': '导出 {id} 已经结束（{status}），无需取消。',
  'export.cancelUnknown': '服务器上没有导出 {id}：那里没有任何任务在运行，无需取消。',
  'export.noneRunning': '此会话中没有正在进行的导出。',
  'err.session': '服务器上找不到该编辑会话。',
  'err.session.restarted': '之前的编辑会话已过期，已新建会话：时间线重新从空白开始。',
  'err.credits.anon': '免费积分已用完。注册账号即可保留此会话并获得更多积分。',
  'err.credits.user': '积分已用完。请充值后继续。',
  'err.unsupportedType': '不支持该文件类型。可接受的类型：{types}。',
  'err.tooLarge': '文件超过 500 MB 上限（{size}）。请裁剪或压缩后重试。',
  'err.clientId': '服务器需要客户端 ID；已新建一个。',
  'err.plan': '当前套餐不能导出视频。请升级订阅后再导出。',
  'err.rateLimit': '服务器繁忙（请求过多）。请稍等一分钟再试。',
  'err.network': '无法连接服务器（{detail}）。请检查网络或代理设置。',
  'err.server': '服务器出现问题（{detail}）。请稍后重试。',
  'err.badResponse': '服务器返回了此版本无法识别的内容（{detail}）。',
  'err.timeout': '服务器长时间没有响应。请查看状态了解已完成的内容。',
  'err.cancelled': '已停止。',
  'err.badInput': '{detail}',
  'err.fileMissing': '找不到文件：{path}。',
  'err.notAFile': '不是文件：{path}。',
  'err.fileEmpty': '{path} 是空文件（0 字节）：请上传实际的文件。',
  'err.fileRead': '上传时无法读取 {path}（{detail}）。请检查文件后重试；没有添加任何内容。',
  'err.noFiles': '没有可上传的内容：请至少提供一个文件或链接。',
  'err.turnBusy': '上一条消息仍在处理中。请等待完成（或停止等待）后再发送。',
  'err.notReady': '时间线为空，暂时没有可导出的内容。请先上传素材并描述想要的视频。',
  'err.exportFailed': '导出失败：{detail}。',
  'err.download': '下载失败（{detail}）。已保留部分文件，下次会继续下载。',
  'err.outputFolder': '无法创建输出文件夹 {path}（{detail}）。请换一个文件夹。',
  'err.writeFile': '无法写入 {path}（{detail}）。请释放磁盘空间或换一个输出文件夹；已保留部分文件。',
  'err.downloadLength': '下载的文件不完整（{got} / {expected} 字节）。请重新下载：会从中断处继续。',
  'err.streamError': '编辑器报告了一个问题：{detail}',
  'err.unknownCode': '服务器拒绝了请求：{detail}。',
  'preview.empty': '时间线还是空的。请上传素材，并在聊天中描述你的视频。',
  'preview.missingSource': '{detail}',
  'preview.ffmpeg': '预览需要 ffmpeg。{detail}',
  'preview.failed': '预览渲染失败：{detail}',
  'preview.noExport': '云端后端不生成预览：先导出一次，预览将播放该导出。',
  'preview.exportStale': '这是 {when} 的导出；之后时间线已更改。请重新导出以查看更改。',
  'preview.noSound': '按原样播放导出：声音需要 ffmpeg（安装后可得到有声音的预览）。',
  'preview.written': '预览已写入：{path}',
  'action.new-session': '新建会话',
  'action.register': '注册',
  'action.top-up': '充值积分',
  'action.show-formats': '查看支持的格式',
  'action.retry': '重试',
  'action.set-token': '设置令牌',
  'action.check-status': '查看状态',
  'action.trim-or-compress': '裁剪或压缩文件',
  'action.open-settings': '打开设置',
  'action.none': '好的',
  'action.see-plans': '查看套餐',
  'turn.stillWorking': '仍在处理…（{minutes} 分钟）',
  'turn.timedOut': '{minutes} 分钟没有回复，已停止等待。编辑器可能仍会完成：稍后请查看状态。',
  'turn.hardCap': '回复超过 {minutes} 分钟，已停止等待。编辑器可能仍会完成：稍后请查看状态。',
  'turn.stopped': '已停止等待。编辑器可能仍会完成此请求；稍后请查看状态。',
  'turn.stoppedNoSession': '已停止：会话尚未建立，消息没有发送，不会有任何改动。',
  'turn.stoppedNotSent': '已停止：消息尚未发送，编辑器没有收到，不会有任何改动。',
  'stop.makingSession': '已停止：会话尚在建立，没有上传任何文件，也没有做任何编辑。',
  'stop.uploading': '已在上传中途停止：没有做任何编辑。服务器已收到的文件可能会留在会话中。',
  'turn.dropped': '连接已断开。消息没有重新发送（否则可能重复执行）；正在检查有哪些变化…',
  'turn.droppedNoChange': '连接已断开，时间线暂时没有变化。编辑器可能仍在处理：请稍后查看状态。',
  'turn.silentChanged': '完成。{changes}',
  'turn.silentNoChange': '编辑器已完成但没有回复，时间线没有变化。',
  'progress.working': '处理中…',
  'progress.editing': '正在编辑时间线…',
  'progress.music': '正在添加音乐…',
  'progress.analysing': '正在分析素材…',
  'progress.generating': '正在生成素材…',
  'progress.text': '正在添加文字…',
  'progress.export': '正在准备导出…',
  'progress.uploading': '正在上传 {name}…',
  'tl.summary': '时间线（{count} 条{tracks}）：',
  'tl.track': '轨道',
  'tl.tracks': '轨道',
  'tl.empty': '时间线（0 条轨道）：空。',
  'tl.video': '视频',
  'tl.audio': '背景音乐',
  'tl.text': '标题',
  'tl.other': '轨道（类型 {type}）',
  'tl.clips': '{count} 个片段',
  'diff.added': '新增 {label}',
  'diff.removed': '删除 {label}',
  'diff.changed': '{label}：{what}',
  'diff.segments': '片段 {from} → {to}',
  'diff.time': '{from} → {to}',
  'diff.volume': '音量 {from} → {to}',
  'diff.renamed': '原为 {from}',
  'diff.duration': '时长 {from} → {to}',
  'diff.other': '细节有变化',
  'diff.header': '时间线变化：{list}。',
  'credits.line': '积分：可用 {available}，冻结 {frozen}，共 {total}。',
  'export.started': '已开始导出（{id}）。',
  'export.progress': '正在导出… {progress}%',
  'export.done': '导出完成。',
  'export.saved': '已保存到 {path}。',
  'upload.done': '已上传 {count} 个文件。',
  'upload.askFiles': '请选择要上传的文件。',
  'claim.line': '打开此链接，把项目保存到你的 NemoVideo 账号：{url}',
  'gui.export': '输入“导出”即可渲染并下载',
  'gui.billing': '输入“积分”查看余额',
  'gui.preview': '输入“状态”查看轨道摘要',
  'gui.panel': '输入“状态”查看当前状态',
  'gui.drag': '用一句话描述修改（例如“把片段 2 移到片段 1 前面”）',
  'gui.click': '让我“{what}”',
};

const TABLES: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** Fills `{name}` placeholders from `vars`; unknown placeholders stay visible. Every message table uses it. */
export function fillVars(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Formats one message; `{name}` placeholders are replaced by `vars`. Unknown placeholders stay visible. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fillVars(TABLES[lang]?.[key] ?? en[key], vars);
}

/** Every key, for tests that check both tables are complete. */
export function messageKeys(): MessageKey[] {
  return Object.keys(en) as MessageKey[];
}

/** Han characters (CJK Unified Ideographs and Extension A): the one test of "this text is Chinese". */
const HAN = /[\u3400-\u9fff]/g;

/**
 * The language a text is written in. Chinese when more than `minHanShare` of its letters are Han (0: any Han
 * character at all, as for a chat message; a caption file mixing in English names asks for more), English
 * when it has Latin letters, else `fallback` (digits or emoji alone say nothing).
 */
export function langOfText(text: string, fallback: Lang, minHanShare = 0): Lang {
  const han = (text.match(HAN) ?? []).length;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (han > 0 && han / Math.max(letters, 1) > minHanShare) return 'zh';
  return /[A-Za-z]/.test(text) ? 'en' : fallback;
}

/** Maps a locale tag (vscode.env.language, LANG) to the core's language. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale && /^zh/i.test(locale) ? 'zh' : 'en';
}
