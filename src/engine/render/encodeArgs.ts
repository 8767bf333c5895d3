// YouTube's recommended upload settings: H.264 High yuv420p with bt709 tags, ~8 Mbps at 1080p30 (12 at 60),
// closed GOP of half the frame rate, 2 B-frames, AAC-LC 48 kHz stereo at 384 kb/s, moov atom first.

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

export function encodeArgs(width: number, height: number, fps: number, preset: string): string[] {
  const kbps = videoBitrateKbps(width, height, fps);
  const gop = Math.max(1, Math.round(fps / 2));
  return [
    '-c:v', 'libx264', '-preset', preset, '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    '-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.5)}k`, '-bufsize', `${kbps * 2}k`,
    '-g', String(gop), '-keyint_min', String(gop), '-bf', '2', '-flags', '+cgop',
    // Fast presets turn off the 8x8 transform, and without it x264 writes a Main-profile stream.
    '-x264-params', '8x8dct=1',
    '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
    '-r', String(fps),
    '-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', '384k', '-ar', '48000', '-ac', '2',
    '-movflags', '+faststart', '-f', 'mp4',
  ];
}
