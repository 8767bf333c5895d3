// YouTube's recommended upload settings: H.264 High yuv420p with bt709 tags, ~8 Mbps at 1080p30 (12 at 60),
// closed GOP of half the frame rate, 2 B-frames, AAC-LC 48 kHz stereo at 384 kb/s, moov atom first.
// Split in three (video encoder, audio encoder, MP4 muxer) because the span renderer encodes the video in
// spans with exactly the video half, encodes the audio once with the audio half, and joins them with the
// muxer half: the whole render and the joined one carry the same settings by construction.

/** x264 preset: env GENERATOR_YOUTUBE_X264_PRESET (tests use ultrafast), else veryfast (≥1.5× realtime on 2 cores). */
export const X264_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;

export function x264Preset(override?: string): string {
  const wanted = override ?? process.env.GENERATOR_YOUTUBE_X264_PRESET ?? 'veryfast';
  return (X264_PRESETS as readonly string[]).includes(wanted) ? wanted : 'veryfast';
}

/** YouTube's SDR upload recommendation for 1080p (any orientation, square included): 8 Mbps, 12 at 60 fps. */
export function videoBitrateKbps(width: number, height: number, fps: number): number {
  const base = Math.min(width, height) >= 1000 ? 8000 : 5000;
  return fps > 30 ? Math.round(base * 1.5) : base;
}

/** Closed GOP of half the frame rate (YouTube's recommendation); spans are cut on multiples of it. */
export function gopFrames(fps: number): number {
  return Math.max(1, Math.round(fps / 2));
}

export function videoEncodeArgs(width: number, height: number, fps: number, preset: string): string[] {
  const kbps = videoBitrateKbps(width, height, fps);
  const gop = gopFrames(fps);
  return [
    '-c:v', 'libx264', '-preset', preset, '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    '-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.5)}k`, '-bufsize', `${kbps * 2}k`,
    '-g', String(gop), '-keyint_min', String(gop), '-bf', '2', '-flags', '+cgop',
    // Fast presets turn off the 8x8 transform, and without it x264 writes a Main-profile stream.
    '-x264-params', '8x8dct=1',
    '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
    '-r', String(fps),
  ];
}

/**
 * AAC's encoder delay: ffmpeg's AAC encoder puts 1024 priming samples first. With no edit list to hide them
 * (below), the audio is started 1024 samples into the mix so what a player hears is in sync to the sample.
 */
export const AAC_PRIMING_SAMPLES = 1024;

/** Starts the audio AAC_PRIMING_SAMPLES in, so with the encoder's priming in front it is in sync. */
export function primingTrim(): string {
  return `atrim=start_sample=${AAC_PRIMING_SAMPLES},asetpts=PTS-STARTPTS`;
}

export function audioEncodeArgs(): string[] {
  return ['-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', '384k', '-ar', '48000', '-ac', '2'];
}

/**
 * MP4 for upload: moov first, and no edit lists (B-frame delay goes into negative composition offsets
 * instead), so every tool sees the streams start at 0 with continuous timestamps.
 */
export function mp4MuxArgs(): string[] {
  return ['-use_editlist', '0', '-movflags', '+faststart+negative_cts_offsets', '-f', 'mp4'];
}

export function encodeArgs(width: number, height: number, fps: number, preset: string): string[] {
  return [...videoEncodeArgs(width, height, fps, preset), ...audioEncodeArgs(), ...mp4MuxArgs()];
}
