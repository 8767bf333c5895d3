// generator-youtube preview [--out DIR] [--json]: the proxy of the current timeline (WebM VP8 + Vorbis,
// 360p class) written to <DIR>/<key>/proxy.webm with its filmstrip and manifest, through the same core flow
// the extension's preview panel uses. Needs the local engine (--local, or NEMO_API_URL at a running one):
// the cloud has no preview endpoint, which is said plainly.
import * as path from 'node:path';
import { fetchPreview, NemoError, PreviewUnavailable, t } from '../../core/index';
import { m } from '../messages';
import type { StepContext } from '../steps';

export async function preview(ctx: StepContext, outDir: string): Promise<void> {
  const { backend, out, lang } = ctx;
  const session = backend.workflow.session;
  if (!session) throw new NemoError({ kind: 'bad-input', userMessage: m(lang, 'noSession', { url: backend.client.apiUrl }), action: { id: 'none', label: '' } });
  const root = path.resolve(outDir);
  try {
    const p = await fetchPreview(backend.client, session.sessionId, root, {
      signal: ctx.signal,
      onProgress: (pct) => out.progress(m(lang, 'previewRendering'), pct / 100),
    });
    out.done();
    out.line(t(lang, 'preview.written', { path: p.proxyPath }));
    out.event('result', {
      path: p.proxyPath, filmstrip: p.filmstripPath, manifest: path.join(p.dir, 'manifest.json'), key: p.key, reused: p.reused,
      durationMs: p.manifest.durationMs, width: p.manifest.width, height: p.manifest.height, size: p.manifest.size,
    });
  } catch (e) {
    out.done();
    if (e instanceof PreviewUnavailable) {
      // Nothing to show / a missing file are the user's to fix (exit 4); ffmpeg, a failed render, no endpoint: 3.
      const kind = e.reason === 'empty' || e.reason === 'missing-source' ? 'bad-input' : 'server';
      throw new NemoError({ kind, userMessage: e.message, action: { id: 'none', label: '' }, detail: `preview: ${e.reason}` });
    }
    throw e;
  }
}
