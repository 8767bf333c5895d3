// The preview proxy's output profile: WebM with VP8 + Vorbis, because desktop VS Code's webviews decode
// VP8 and Vorbis but not H.264's usual AAC partner, nor VP9 or Opus (an H.264+AAC MP4 plays silent there).
// 360p class (the short side is 360 px, so 9:16 stays vertical), fast realtime VP8, a keyframe every second
// (seeks land fast, and the filmstrip is cut from keyframes only). Exported on its own so a render cache
// (issue 16) can key proxy spans on these exact settings. It lives in the core because the cloud backend's
// preview transcodes the last export with the same settings on the user's machine (src/core/preview).

export const PROXY_SETTINGS = {
  /** Short side of the proxy canvas in pixels. */
  shortSide: 360,
  /** VP8 target bitrate (kb/s); with crf it is a cap on a constant-quality encode. */
  videoKbps: 600,
  crf: 20,
  /** libvpx speed: realtime deadline, fastest usable cpu-used. */
  cpuUsed: 8,
  /** Vorbis quality (-q:a 2 ≈ 96 kb/s stereo). */
  vorbisQuality: 2,
  /** Bumped whenever any setting above changes: it is part of the cache key. */
  version: 1,
} as const;

/** The 360p-class canvas for a draft canvas: short side 360, same aspect, even dimensions. */
export function proxyCanvas(width: number, height: number): { width: number; height: number } {
  const short = Math.min(width, height);
  if (short <= PROXY_SETTINGS.shortSide) return { width: even(width), height: even(height) };
  const k = PROXY_SETTINGS.shortSide / short;
  return { width: even(width * k), height: even(height * k) };
}

function even(v: number): number {
  return Math.max(2, Math.round(v / 2) * 2);
}

/** VP8 video encoder arguments (no audio, no muxer): the span render encodes proxy spans with exactly these. */
export function proxyVideoArgs(_width: number, _height: number, fps: number): string[] {
  const s = PROXY_SETTINGS;
  const gop = Math.max(1, Math.round(fps));
  return [
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', String(s.cpuUsed), '-threads', '2',
    '-b:v', `${s.videoKbps}k`, '-crf', String(s.crf), '-qmin', '4', '-qmax', '48',
    '-g', String(gop), '-keyint_min', String(gop), '-auto-alt-ref', '0', '-lag-in-frames', '0',
    '-pix_fmt', 'yuv420p', '-r', String(fps),
  ];
}

/** Vorbis audio encoder arguments. */
export function proxyAudioArgs(): string[] {
  return ['-c:a', 'libvorbis', '-q:a', String(PROXY_SETTINGS.vorbisQuality), '-ar', '48000', '-ac', '2'];
}

export function proxyEncodeArgs(width: number, height: number, fps: number): string[] {
  return [...proxyVideoArgs(width, height, fps), ...proxyAudioArgs(), '-f', 'webm'];
}

/**
 * How the engine's span render (src/engine/render/spanRender.ts, issue 16) makes a proxy: VP8 spans in WebM,
 * the Vorbis audio whole in WebM, joined by stream copy into one WebM. Structurally the engine's SpanFormat;
 * its `id` and encoder arguments are in every cache key, so proxy spans and export spans never mix.
 */
export const PROXY_SPAN_FORMAT = {
  id: `proxy-webm-v${PROXY_SETTINGS.version}`,
  video: (width: number, height: number, fps: number, _preset: string) => proxyVideoArgs(width, height, fps),
  spanMuxer: 'webm',
  spanExt: '.webm',
  audio: proxyAudioArgs,
  audioMuxer: 'webm',
  audioExt: '.weba',
  // Vorbis in WebM carries no encoder delay to hide (unlike AAC in an MP4 without an edit list).
  audioTrim: null,
  // WebM spans end on a millisecond clock: the join is told each span's exact length (concat `duration`),
  // so the next span starts exactly where the frame count says and timestamps stay continuous.
  concatDurations: true,
  mux: () => ['-f', 'webm'],
  outExt: '.webm',
} as const;

/** Structurally the engine renderer's OutputProfile (src/engine/render/index.ts): canvas + encoder args + span format. */
export const PROXY_PROFILE = { canvas: proxyCanvas, encodeArgs: proxyEncodeArgs, spans: PROXY_SPAN_FORMAT } as const;
