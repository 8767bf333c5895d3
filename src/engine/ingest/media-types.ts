// The upload types the contract accepts, and what kind of media each extension is.

export const VIDEO_EXTENSIONS = ['mp4', 'mov', 'avi', 'webm', 'mkv'] as const;
export const IMAGE_EXTENSIONS = ['jpg', 'png', 'gif', 'webp'] as const;
export const AUDIO_EXTENSIONS = ['mp3', 'wav', 'm4a', 'aac'] as const;
export const ACCEPTED_EXTENSIONS: readonly string[] = [...VIDEO_EXTENSIONS, ...IMAGE_EXTENSIONS, ...AUDIO_EXTENSIONS];

/** 500 MB as the contract counts it. */
export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

export type MediaKind = 'video' | 'audio' | 'image';

/** Lower-case extension without the dot ('' if none); `.jpeg` counts as jpg. */
export function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename);
  const ext = m ? m[1].toLowerCase() : '';
  return ext === 'jpeg' ? 'jpg' : ext;
}

export function isAccepted(filename: string): boolean {
  return ACCEPTED_EXTENSIONS.includes(extensionOf(filename));
}

export function kindOfExtension(ext: string): MediaKind {
  if ((IMAGE_EXTENSIONS as readonly string[]).includes(ext)) return 'image';
  if ((AUDIO_EXTENSIONS as readonly string[]).includes(ext)) return 'audio';
  return 'video';
}

export function unsupportedTypeMessage(filename: string): string {
  const ext = extensionOf(filename) || '(none)';
  return `Unsupported file type .${ext} for "${filename}". Accepted: ${ACCEPTED_EXTENSIONS.join(' ')}. / 不支持的文件类型，可用类型：${ACCEPTED_EXTENSIONS.join(' ')}。`;
}

export function tooLargeMessage(filename: string): string {
  return `"${filename}" is larger than 500 MB (${MAX_UPLOAD_BYTES} bytes). Trim or compress it (e.g. ffmpeg -crf 28) and upload again. / 文件超过 500 MB，请剪短或压缩后重新上传。`;
}
