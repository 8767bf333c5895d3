// The CLI's own user-facing strings (the core's messages come from src/core/i18n). English and Chinese.
import { fillVars, type Lang } from '../core/i18n';

const en = {
  usage: `Usage:
  generator-youtube generate <file...> [--prompt TEXT] [--out DIR] [--aspect 16:9|9:16] [--local] [--no-kit] [--json]
  generator-youtube chat TEXT
  generator-youtube status
  generator-youtube credits
  generator-youtube preview [--out DIR] [--local] [--json]   (WebM proxy of the timeline; local engine only)
  generator-youtube export [--out DIR] [--no-kit] [--burn-captions] [--json]
  generator-youtube kit [render-id] [--burn-captions] [--captions FILE]
  generator-youtube cancel [RENDER-ID]   (no id: this session's running export)
  generator-youtube upload <file|url...>
  generator-youtube engine [--port N]
  generator-youtube mcp [--local] [--no-kit]   serve the tools to AI assistants (MCP over stdio; exports come with the upload kit)

Options:
  --json            one JSON object per event/result on stdout
  --verbose         log requests and show error details
  --local           run the local engine in this process (no cloud account needed)
  --poll-interval S seconds between export status checks (default 30; 2 with --local)
  --data-dir DIR    the local engine's data folder (default: <config dir>/engine)
  --ffmpeg PATH     ffmpeg binary or folder (local engine, upload kit)
  --render-cache-mb N  size limit of the local engine's render cache (default 2048; 0 = off)
  --no-kit          do not write the upload kit (thumbnail, chapters, title/description/tags, captions)
  --burn-captions   also write <name>.captioned.mp4 with the captions burned in
  --captions FILE   kit: use this caption file (in the video's time, e.g. the kit's edited .srt)
  --lang en|zh      language of messages (default from LANG)

Environment: NEMO_TOKEN, NEMO_API_URL, NEMO_WEB_URL, NEMO_CLIENT_ID, GENERATOR_YOUTUBE_RENDER_CACHE_MB;
GENERATOR_YOUTUBE_WHISPER_MODEL (and GENERATOR_YOUTUBE_WHISPER_CLI) to transcribe captions with your whisper.cpp.
Exit codes: 0 done, 2 usage, 3 server/API error, 4 bad input, 130 interrupted.`,
  helpHint: 'Run "generator-youtube --help" for the commands and options.',
  unknownCommand: 'Unknown command "{cmd}".',
  needsFiles: '"{cmd}" needs at least one file.',
  needsText: '"chat" needs the message text.',
  badAspect: '--aspect must be 16:9 or 9:16.',
  badPort: '--port must be a number between 1 and 65535.',
  badCacheMb: '--render-cache-mb must be a whole number of MB, 0 or more (0 turns the render cache off).',
  badPoll: '--poll-interval must be a positive number of seconds.',
  optionNotForCommand: 'The option --{opt} does not apply to "{cmd}".',
  localUnavailable: 'The local engine is not available in this build ({detail}). Use the cloud backend (drop --local) or update generator-youtube.',
  localStarted: 'Local engine running at {url}',
  localTools: 'The local engine cannot render: {hint}',
  engineServing: 'Local engine serving at {url} (data in {dir}). Point clients at it with NEMO_API_URL={url}. Ctrl-C stops it.',
  engineStopped: 'Local engine stopped.',
  session: 'Session {id} on {url}',
  noSession: 'No session yet on {url}: "generate", "upload" or "chat" starts one.',
  identity: 'Token: {token} ({source})',
  'source.env': 'from NEMO_TOKEN',
  'source.stored': 'saved',
  'source.anonymous': 'new anonymous token',
  uploading: 'Uploading',
  uploaded: 'Uploaded: {names}',
  sending: 'Sending to the editor…',
  exporting: 'Exporting',
  downloading: 'Downloading',
  saved: 'Saved: {path}',
  emptyAfterTurn: 'The editor did not produce a timeline to export. Try a more specific --prompt, or check with "generator-youtube status".',
  interrupted: 'Interrupted. The server may still finish what it was doing; "generator-youtube status" shows the result.',
  statusHint: '"generator-youtube status" shows the result.',
  cancelOneId: '"cancel" takes at most one render id (none: the running export of this session).',
  exportHint: 'Run "generator-youtube export" to wait for it and download the video.',
  uploadHint: 'Give the files on the command line: generator-youtube upload <file...>',
  stillWorking: 'Still working… ({minutes} min)',
  previewRendering: 'Rendering preview',
  kitMaking: 'Making the upload kit',
  kitBurning: 'Burning captions in',
  kitWritten: 'Upload kit:',
  kitNoVideo: 'No kit: the exported video is not on this computer ({detail}). Run "generator-youtube export" first.',
  kitNoRender: 'No downloaded export yet: run "generator-youtube export" (or generate) first.',
  kitUnknownRender: 'No downloaded export with id {id}. "generator-youtube status" lists the exports.',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  usage: `用法：
  generator-youtube generate <文件...> [--prompt 文本] [--out 目录] [--aspect 16:9|9:16] [--local] [--no-kit] [--json]
  generator-youtube chat 文本
  generator-youtube status
  generator-youtube credits
  generator-youtube preview [--out 目录] [--local] [--json]   （时间线的 WebM 预览代理；仅限本地引擎）
  generator-youtube export [--out 目录] [--no-kit] [--burn-captions] [--json]
  generator-youtube kit [导出id] [--burn-captions] [--captions 文件]
  generator-youtube cancel [导出ID]      （不写 ID：取消当前会话正在进行的导出）
  generator-youtube upload <文件|链接...>
  generator-youtube engine [--port 端口]
  generator-youtube mcp [--local] [--no-kit]   把工具提供给 AI 助手（MCP，标准输入输出；导出附带上传套件）

选项：
  --json            每个事件/结果在标准输出打印一个 JSON 对象
  --verbose         记录请求并显示错误详情
  --local           在本进程中运行本地引擎（无需云端账号）
  --poll-interval 秒 导出状态的检查间隔（默认 30；--local 时为 2）
  --data-dir 目录   本地引擎的数据目录（默认：<配置目录>/engine）
  --ffmpeg 路径     ffmpeg 程序或目录（本地引擎、上传套件）
  --render-cache-mb N  本地引擎渲染缓存的大小上限（默认 2048；0 为关闭）
  --no-kit          不生成上传套件（缩略图、章节、标题/简介/标签、字幕）
  --burn-captions   另外生成烧录字幕的 <名称>.captioned.mp4
  --captions 文件   kit：使用此字幕文件（按成片计时，例如编辑过的套件 .srt）
  --lang en|zh      消息语言（默认取自 LANG）

环境变量：NEMO_TOKEN、NEMO_API_URL、NEMO_WEB_URL、NEMO_CLIENT_ID、GENERATOR_YOUTUBE_RENDER_CACHE_MB；设置
GENERATOR_YOUTUBE_WHISPER_MODEL（及 GENERATOR_YOUTUBE_WHISPER_CLI）即可用你的 whisper.cpp 转写字幕。
退出码：0 完成，2 用法错误，3 服务器/API 错误，4 输入无效，130 已中断。`,
  helpHint: '运行“generator-youtube --help”查看命令和选项。',
  unknownCommand: '未知命令“{cmd}”。',
  needsFiles: '“{cmd}”至少需要一个文件。',
  needsText: '“chat”需要消息内容。',
  badAspect: '--aspect 只能是 16:9 或 9:16。',
  badPort: '--port 必须是 1 到 65535 之间的数字。',
  badCacheMb: '--render-cache-mb 必须是不小于 0 的整数（MB，0 表示关闭渲染缓存）。',
  badPoll: '--poll-interval 必须是正数（秒）。',
  optionNotForCommand: '选项 --{opt} 不适用于“{cmd}”。',
  localUnavailable: '此版本没有可用的本地引擎（{detail}）。请使用云端后端（去掉 --local）或更新 generator-youtube。',
  localStarted: '本地引擎运行于 {url}',
  localTools: '本地引擎无法渲染：{hint}',
  engineServing: '本地引擎运行于 {url}（数据目录 {dir}）。设置 NEMO_API_URL={url} 即可连接。按 Ctrl-C 停止。',
  engineStopped: '本地引擎已停止。',
  session: '会话 {id}，服务器 {url}',
  noSession: '{url} 上还没有会话：“generate”、“upload”或“chat”会新建一个。',
  identity: '令牌：{token}（{source}）',
  'source.env': '来自 NEMO_TOKEN',
  'source.stored': '已保存',
  'source.anonymous': '新的匿名令牌',
  uploading: '上传中',
  uploaded: '已上传：{names}',
  sending: '正在发送给编辑器…',
  exporting: '导出中',
  downloading: '下载中',
  saved: '已保存：{path}',
  emptyAfterTurn: '编辑器没有生成可导出的时间线。请换一个更具体的 --prompt，或用“generator-youtube status”查看。',
  interrupted: '已中断。服务器可能仍会完成正在进行的工作；“generator-youtube status”可查看结果。',
  statusHint: '“generator-youtube status”可查看结果。',
  cancelOneId: '“cancel”最多接受一个导出 ID（不写则取消当前会话正在进行的导出）。',
  exportHint: '运行“generator-youtube export”等待导出完成并下载视频。',
  uploadHint: '请在命令行给出文件：generator-youtube upload <文件...>',
  stillWorking: '仍在处理…（{minutes} 分钟）',
  previewRendering: '正在渲染预览',
  kitMaking: '正在生成上传套件',
  kitBurning: '正在烧录字幕',
  kitWritten: '上传套件：',
  kitNoVideo: '无法生成套件：导出的视频不在这台电脑上（{detail}）。请先运行“generator-youtube export”。',
  kitNoRender: '还没有已下载的导出：请先运行“generator-youtube export”（或 generate）。',
  kitUnknownRender: '没有 id 为 {id} 的已下载导出。“generator-youtube status”会列出导出。',
};

export type CliKey = Key;

export function m(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return fillVars((lang === 'zh' ? zh : en)[key], vars);
}
