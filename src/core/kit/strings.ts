// Every user-facing string of the upload kit, in English and Simplified Chinese (kept beside the kit rather
// than in ../i18n.ts so the kit's words live with the kit; same typed-table rule: a missing Chinese string
// is a compile error).
import { fillVars, type Lang } from '../i18n';

export type KitLang = Lang;

const en = {
  'chapter.intro': 'Intro',
  'chapter.outro': 'Outro',
  'chapter.part': 'Part {n}',
  'desc.chapters': 'Chapters',
  'desc.summary': 'Length: {duration}.',
  'desc.summaryClips': 'Made from {clips} ({duration}).',
  'desc.captions': 'Captions: {file}.',
  'md.title': 'Title',
  'md.description': 'Description',
  'md.tags': 'Tags',
  'md.chapters': 'Chapters',
  'md.noChapters': 'No chapters: {reason}',
  'md.thumbnail': 'Thumbnail',
  'md.thumbnails': 'Other thumbnails',
  'md.captions': 'Captions',
  'md.video': 'Video',
  'md.noThumbnail': 'No thumbnail: {reason}',
  'md.noCaptions': 'No captions: {reason}',
  'md.copy': 'Copy each block into YouTube Studio when you upload {video}.',
  'why.short': 'the video is shorter than 30 seconds (YouTube needs at least 3 chapters of 10 seconds).',
  'why.vertical-short': 'vertical videos up to 3 minutes are Shorts, which have no chapters.',
  'why.too-few': 'the edit has fewer than 3 parts of at least 10 seconds each.',
  'why.noCaptionSource': 'no caption file was found next to the source clips or attached in the chat, and there is no transcriber: install whisper.cpp and choose a model file (settings generatorYoutube.whisperCliPath and generatorYoutube.whisperModel; for the CLI GENERATOR_YOUTUBE_WHISPER_CLI and GENERATOR_YOUTUBE_WHISPER_MODEL).',
  'why.noFfmpeg': 'ffmpeg was not found ({detail}); install it or set generatorYoutube.ffmpegPath.',
  'why.unreadable': 'the exported file could not be read as a video ({detail}).',
  'kit.written': 'Upload kit: {files}',
  'kit.off': 'The upload kit is turned off.',
  'kit.captionError': 'The caption file {file} could not be read: {detail}. Fix that line and export again.',
  'kit.noTranscriber': 'No transcriber is available: captions come only from caption files (a .srt/.vtt next to a clip, or attached in the chat). To transcribe, install whisper.cpp (whisper-cli) and choose a model file.',
  'kit.transcribeFailed': 'Transcription with whisper-cli failed: {detail}',
  'whisper.noSpeech': 'whisper-cli found no speech in the video.',
  'whisper.noModel': 'whisper-cli is set up but no model file is chosen, so nothing was transcribed. Choose a ggml model file (setting generatorYoutube.whisperModel; for the CLI GENERATOR_YOUTUBE_WHISPER_MODEL).',
  'whisper.modelMissing': 'The whisper model file {path} does not exist, so nothing was transcribed. Choose an existing ggml model file.',
  'whisper.cliMissing': 'whisper-cli was not found at {path}, so nothing was transcribed. Install whisper.cpp or fix the path (setting generatorYoutube.whisperCliPath; for the CLI GENERATOR_YOUTUBE_WHISPER_CLI).',
  'whisper.cliNotOnPath': 'A whisper model file is chosen, but whisper-cli is not on PATH, so nothing was transcribed. Install whisper.cpp or set its path (setting generatorYoutube.whisperCliPath; for the CLI GENERATOR_YOUTUBE_WHISPER_CLI).',
  'kit.noCaptionsToBurn': 'There are no captions to burn in: add a .srt or .vtt next to a source clip (or attach one in the chat) and export again.',
  'kit.burned': 'Captions burned in: {path}',
  'kit.captionsAttached': 'Captions {files} will be re-timed through the edit into the kit of every export.',
} as const;

export type KitKey = keyof typeof en;

const zh: Record<KitKey, string> = {
  'chapter.intro': '开场',
  'chapter.outro': '结尾',
  'chapter.part': '第 {n} 部分',
  'desc.chapters': '章节',
  'desc.summary': '时长：{duration}。',
  'desc.summaryClips': '素材：{clips}（{duration}）。',
  'desc.captions': '字幕：{file}。',
  'md.title': '标题',
  'md.description': '简介',
  'md.tags': '标签',
  'md.chapters': '章节',
  'md.noChapters': '没有章节：{reason}',
  'md.thumbnail': '缩略图',
  'md.thumbnails': '其他缩略图',
  'md.captions': '字幕',
  'md.video': '视频',
  'md.noThumbnail': '没有缩略图：{reason}',
  'md.noCaptions': '没有字幕：{reason}',
  'md.copy': '上传 {video} 时，把各部分复制到 YouTube 工作室。',
  'why.short': '视频短于 30 秒（YouTube 需要至少 3 个各 10 秒以上的章节）。',
  'why.vertical-short': '3 分钟以内的竖屏视频是 Shorts，Shorts 没有章节。',
  'why.too-few': '剪辑中不足 3 段、每段至少 10 秒的内容。',
  'why.noCaptionSource': '源片段旁没有字幕文件，聊天中也没有附加字幕，且没有转写工具：请安装 whisper.cpp 并选择模型文件（设置 generatorYoutube.whisperCliPath 和 generatorYoutube.whisperModel；命令行使用 GENERATOR_YOUTUBE_WHISPER_CLI 和 GENERATOR_YOUTUBE_WHISPER_MODEL）。',
  'why.noFfmpeg': '未找到 ffmpeg（{detail}）；请安装，或设置 generatorYoutube.ffmpegPath。',
  'why.unreadable': '导出的文件无法作为视频读取（{detail}）。',
  'kit.written': '上传套件：{files}',
  'kit.off': '上传套件已关闭。',
  'kit.captionError': '无法读取字幕文件 {file}：{detail}。请修正该行后重新导出。',
  'kit.noTranscriber': '没有可用的转写工具：字幕只来自字幕文件（片段旁的 .srt/.vtt，或在聊天中附加）。如需转写，请安装 whisper.cpp（whisper-cli）并选择模型文件。',
  'kit.transcribeFailed': 'whisper-cli 转写失败：{detail}',
  'whisper.noSpeech': 'whisper-cli 在视频中没有识别到语音。',
  'whisper.noModel': '已设置 whisper-cli，但未选择模型文件，因此没有转写。请选择 ggml 模型文件（设置 generatorYoutube.whisperModel；命令行使用 GENERATOR_YOUTUBE_WHISPER_MODEL）。',
  'whisper.modelMissing': 'whisper 模型文件 {path} 不存在，因此没有转写。请选择一个存在的 ggml 模型文件。',
  'whisper.cliMissing': '在 {path} 找不到 whisper-cli，因此没有转写。请安装 whisper.cpp 或修正路径（设置 generatorYoutube.whisperCliPath；命令行使用 GENERATOR_YOUTUBE_WHISPER_CLI）。',
  'whisper.cliNotOnPath': '已选择 whisper 模型文件，但 PATH 中没有 whisper-cli，因此没有转写。请安装 whisper.cpp 或设置其路径（设置 generatorYoutube.whisperCliPath；命令行使用 GENERATOR_YOUTUBE_WHISPER_CLI）。',
  'kit.noCaptionsToBurn': '没有可烧录的字幕：请在源片段旁放置 .srt 或 .vtt（或在聊天中附加），然后重新导出。',
  'kit.burned': '字幕已烧录：{path}',
  'kit.captionsAttached': '字幕 {files} 将按剪辑重新对时，写入每次导出的上传套件。',
};

const TABLES: Record<KitLang, Record<KitKey, string>> = { en, zh };

export function ks(lang: KitLang, key: KitKey, vars: Record<string, string | number> = {}): string {
  return fillVars(TABLES[lang]?.[key] ?? en[key], vars);
}

export function kitKeys(): KitKey[] {
  return Object.keys(en) as KitKey[];
}

export function kitTable(lang: KitLang): Record<KitKey, string> {
  return TABLES[lang];
}
