// What the agent tools (VS Code language-model tools and the MCP server) say back, in English and Chinese.
// Kept next to the tools rather than in ../i18n.ts: these sentences are for an AI assistant reading a tool
// result, and they change with the tools. Keys are typed so a missing Chinese string is a compile error.
import { fillVars, type Lang } from '../i18n';

const en = {
  badArgs: 'The arguments for {tool} are not valid: {problems}. Fix them and call the tool again.',
  unknownTool: 'There is no tool named "{tool}". The tools are: {names}.',
  noSession: 'There is no video yet: call {generate} with the clips first.',
  generated: 'Uploaded {count} file(s) ({names}) and asked the editor: "{prompt}".',
  editorSaid: 'The editor replied: {reply}',
  notReady: 'The editor did not produce a timeline to export. Try {edit} with a more specific instruction, or check {status}.',
  exported: 'The video was exported and saved to {path}.',
  exportFailed: 'The export failed: {detail}.',
  kitWritten: 'Its YouTube upload kit (title, description with chapters, tags, thumbnails, captions) is next to it: {files}.',
  kitFailed: 'The video was saved, but its upload kit could not be made: {detail}',
  exportStopped: 'Stopped waiting for export {id}. It keeps running on the server; call {export} again to wait for it and download it.',
  jobs: 'Exports of this session: {list}.',
  noJobs: 'No exports yet.',
  progressUpload: 'Uploading {sent} of {total}',
  progressTurn: 'Editing: {label}',
  progressSending: 'Sending the instruction to the editor',
  progressExport: 'Rendering {percent}%',
  progressDownload: 'Downloading {percent}%',
  progressKit: 'Making the upload kit',
  session: 'Session {id}.',
  failed: '{message}',
  cancelled: 'Stopped before it finished. What was already done on the server stays; call {status} to see it.',
  stoppedStatusHint: 'Call {status} to see the result.',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  badArgs: '{tool} 的参数无效：{problems}。请修正后再调用。',
  unknownTool: '没有名为“{tool}”的工具。可用的工具：{names}。',
  noSession: '还没有视频：请先用素材调用 {generate}。',
  generated: '已上传 {count} 个文件（{names}），并请编辑器执行：“{prompt}”。',
  editorSaid: '编辑器回复：{reply}',
  notReady: '编辑器没有生成可导出的时间线。请用 {edit} 给出更具体的指令，或用 {status} 查看。',
  exported: '视频已导出并保存到 {path}。',
  exportFailed: '导出失败：{detail}。',
  kitWritten: '它的 YouTube 上传套件（标题、含章节的简介、标签、缩略图、字幕）在旁边：{files}。',
  kitFailed: '视频已保存，但无法生成上传套件：{detail}',
  exportStopped: '已停止等待导出 {id}。服务器上仍在进行；再次调用 {export} 即可等待并下载。',
  jobs: '本会话的导出：{list}。',
  noJobs: '还没有导出。',
  progressUpload: '已上传 {sent} / {total}',
  progressTurn: '编辑中：{label}',
  progressSending: '正在把指令发给编辑器',
  progressExport: '渲染中 {percent}%',
  progressDownload: '下载中 {percent}%',
  progressKit: '正在生成上传套件',
  session: '会话 {id}。',
  failed: '{message}',
  cancelled: '在完成前已停止。服务器上已完成的部分会保留；调用 {status} 可查看。',
  stoppedStatusHint: '调用 {status} 可查看结果。',
};

export type AgentMessageKey = Key;

export function agentMessage(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return fillVars((lang === 'zh' ? zh : en)[key], vars);
}
