// The one description of a preview: proxy sizes, the filmstrip sprite's layout and the waveform peaks. The
// engine writes it as manifest.json next to proxy.webm and filmstrip.jpg and answers the preview endpoint
// with it; the core keeps a local copy of the same file (core/preview/fetch.ts, fromExport.ts); the preview
// panel's messages carry its filmstrip and peaks. A manifest read back from disk goes through the schema, so
// a damaged or older file counts as "no preview here" (it is made again) instead of breaking the panel.
import * as z from 'zod';

/** The filmstrip sprite: `count` tiles left to right, tile i shows output time i × stepSec. */
export const filmstripLayout = z.object({
  count: z.number().int().min(1),
  stepSec: z.number().positive(),
  tileWidth: z.number().int().min(1),
  tileHeight: z.number().int().min(1),
});

/** 0..1 absolute peak of each 1/perSecond slice of the mix (mono sum). */
export const waveformPeaks = z.object({
  perSecond: z.number().positive(),
  peaks: z.array(z.number().min(0).max(1)),
});

export const previewManifest = z.object({
  key: z.string(),
  durationMs: z.number(),
  width: z.number(),
  height: z.number(),
  fps: z.number(),
  /** Bytes of the proxy. */
  size: z.number(),
  filmstrip: filmstripLayout,
  peaks: waveformPeaks,
});

export type FilmstripLayout = z.infer<typeof filmstripLayout>;
export type WaveformPeaks = z.infer<typeof waveformPeaks>;
export type PreviewManifest = z.infer<typeof previewManifest>;

/** Checks a manifest.json's text (the plain shape, or a writer's extension of it); undefined when it is not valid. */
export function parseManifest<T extends z.ZodTypeAny = typeof previewManifest>(text: string, schema?: T): z.infer<T> | undefined {
  try {
    const parsed = (schema ?? previewManifest).safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as z.infer<T>) : undefined;
  } catch {
    return undefined;
  }
}
