// The local engine's public surface: start it, and the seam types. Used by the CLI (`--local`,
// `generator-youtube engine`) and the extension (backend "local").
export { startEngine, type EngineOptions, type RunningEngine } from './server/index';
export type { ToolStatus } from './server/context';
export { EngineBusyError } from './server/data-lock';
export { startOrBorrowEngine, type LocalEngine } from './startOrBorrow';
export { Codes } from './server/errors';
export { ACCEPTED_EXTENSIONS, MAX_UPLOAD_BYTES } from './ingest/media-types';
export { RESTARTED_REASON } from './server/render-queue';
export type * from './model';
// For the extension's language-model help (src/vscode/agents/restater.ts): the planner's own list of what it
// can do, and its parser as the check of a restated request.
export { helpText } from './planner/index';
export { plannerUnderstands } from './planner/understood';
