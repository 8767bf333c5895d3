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
  /**
   * libvpx speed: realtime deadline, its fastest cpu-used. 16 against 8: the 60 s bench proxy's two span
   * batches took 4.0 s of CPU each instead of 5.7 s, and a 20 s 360p test encode lost 0.15 dB (31.39 vs
   * 31.54 dB PSNR).
   */
  cpuUsed: 16,
  /** Sources are fitted to the 360p canvas with fast bilinear scaling (a third cheaper than bicubic from 1080p). */
  scaleFlags: 'fast_bilinear',
  /** Vorbis quality (-q:a 2 ≈ 96 kb/s stereo). */
  vorbisQuality: 2,
  /** Bumped whenever any setting above changes: it is part of the cache key. */
  version: 2,
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

/**
 * VP8 video encoder arguments (no audio, no muxer): the span render encodes proxy spans with exactly these.
 * `threads` is libvpx's own thread count. The span render runs one encode per core side by side, so it asks
 * for 1: libvpx's threads wait for each other by spinning, and two 2-thread encodes on 2 cores each burned
 * 21 s of CPU for 30 s of 360p where a 1-thread encode beside the other took 6–7 s (measured on this
 * project's 2-core machines). A lone transcode (the cloud preview) may use more.
 */
export function proxyVideoArgs(_width: number, _height: number, fps: number, threads = 1): string[] {
  const s = PROXY_SETTINGS;
  const gop = Math.max(1, Math.round(fps));
  return [
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', String(s.cpuUsed), '-threads', String(Math.max(1, Math.floor(threads))),
    '-b:v', `${s.videoKbps}k`, '-crf', String(s.crf), '-qmin', '4', '-qmax', '48',
    '-g', String(gop), '-keyint_min', String(gop), '-auto-alt-ref', '0', '-lag-in-frames', '0',
    // Tagged bt709 like the export (the renderer outputs bt709): untagged, a player takes 360p VP8 for bt601
    // and the preview's colours drift from the export's.
    '-pix_fmt', 'yuv420p', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-r', String(fps),
  ];
}

/** Vorbis audio encoder arguments. */
export function proxyAudioArgs(): string[] {
  return ['-c:a', 'libvorbis', '-q:a', String(PROXY_SETTINGS.vorbisQuality), '-ar', '48000', '-ac', '2'];
}

export function proxyEncodeArgs(width: number, height: number, fps: number, threads = 1): string[] {
  return [...proxyVideoArgs(width, height, fps, threads), ...proxyAudioArgs(), '-f', 'webm'];
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
  // A measured gain instead of loudnorm's two passes: the same −14 LUFS within a peak limit, at a fifth of
  // the CPU (src/engine/render/audioGraph.ts); the export keeps loudnorm.
  loudness: 'gain',
  // Vorbis in WebM carries no encoder delay to hide (unlike AAC in an MP4 without an edit list).
  audioTrim: null,
  // WebM spans end on a millisecond clock: the join is told each span's exact length (concat `duration`),
  // so the next span starts exactly where the frame count says and timestamps stay continuous.
  concatDurations: true,
  mux: () => ['-f', 'webm'],
  outExt: '.webm',
} as const;

/** Structurally the engine renderer's OutputProfile (src/engine/render/index.ts): canvas + encoder args + span format. */
export const PROXY_PROFILE = { canvas: proxyCanvas, encodeArgs: proxyEncodeArgs, spans: PROXY_SPAN_FORMAT, scaleFlags: PROXY_SETTINGS.scaleFlags } as const;
