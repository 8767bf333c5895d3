// The upload kit's public surface: pure pieces (edit map, chapters, metadata, captions, the kit files) and the
// one flow, buildKit, that the extension and the CLI call after every export.
export { buildKit, burnCaptionFile, writeAtomic, type CaptionSource, type KitInput, type KitResult } from './build';
export { parseCaptions, writeSrt, writeVtt, CaptionParseError, type Cue } from './captions';
export { makeChapters, chapterStamp, readableName, type Chapter, type ChapterResult } from './chapters';
export { buildEditMap, type EditMap, type MediaRef, type OutputSpan } from './editMap';
export { kitFileNames, kitJson, kitPage, parseKit, loadKit, type LoadedKit, KIT_FIELDS, type YoutubeKit, type KitCaptions } from './document';
export { makeTitle, makeDescription, makeTags, cutAtWord } from './metadata';
export { retimeCaptions, draftCaptions } from './retime';
export { ks, kitKeys, kitTable, type KitKey, type KitLang } from './strings';
export { findTranscriber, lookupTranscriber, type NoTranscriber, type WhisperConfig } from './transcribe';
export { burnCaptions, captionStyle } from './burn';
export { kitForJob, draftWantsBurn, KitUnavailableError, type KitJobDeps, type KitJobOptions } from './forJob';
export {
  isCaptionFile, siblingCaption, captionSources, rememberUploadCaptions, rememberAttachedCaptions, saveExportSnapshot, exportSnapshot, mediaRefs, type ExportSnapshot,
} from './records';
