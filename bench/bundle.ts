// Benchmark 8: minified size of the extension bundle and of the webview bundles (chat, preview). Built in memory with
// esbuild's API from esbuild.mjs's own production options (`buildOptions`), so what is measured is what
// ships, and dist/ is never touched.
import * as zlib from 'node:zlib';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { emit, repoRoot, round, type Row } from './lib';

const inMemory = { logLevel: 'silent', write: false, absWorkingDir: repoRoot } as const;

/** The shipped production options of one bundle, from esbuild.mjs. */
async function shipped(entryPoint: string): Promise<esbuild.BuildOptions> {
  const mod = (await import(pathToFileURL(path.join(repoRoot, 'esbuild.mjs')).href)) as { buildOptions(o: { production: boolean }): esbuild.BuildOptions[] };
  const found = mod.buildOptions({ production: true }).find((b) => Array.isArray(b.entryPoints) && b.entryPoints[0] === entryPoint);
  if (!found) throw new Error(`esbuild.mjs builds no ${entryPoint}`);
  return found;
}

async function size(options: esbuild.BuildOptions): Promise<{ bytes: number; gzip: number; top: Array<{ input: string; bytes: number }> }> {
  const result = await esbuild.build({ ...options, ...inMemory, metafile: true });
  const js = result.outputFiles?.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error('esbuild wrote no .js output');
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  // The biggest contributors, by package (node_modules/<pkg>) or source folder: where to look when it grows.
  const byOwner = new Map<string, number>();
  for (const [input, info] of Object.entries(output?.inputs ?? {})) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const owner = m ? m[1] : path.dirname(input);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + info.bytesInOutput);
  }
  const top = [...byOwner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([input, bytes]) => ({ input, bytes }));
  return { bytes: js.contents.length, gzip: zlib.gzipSync(js.contents).length, top };
}

async function main(): Promise<void> {
  const ext = await size({ ...(await shipped('src/extension.ts')), outfile: 'bench-out/extension.js' });
  const web = await size({ ...(await shipped('src/webview/chat/main.ts')), outfile: 'bench-out/chat.js' });
  const preview = await size({ ...(await shipped('src/webview/preview/main.ts')), outfile: 'bench-out/preview.js' });
  const kb = (b: number) => round(b / 1024, 1);
  const rows: Row[] = [
    {
      id: 'bundle-extension', what: 'extension bundle, minified (dist/extension.js --production)',
      subject: kb(ext.bytes), reference: null, referenceLabel: '', unit: 'KB', ratio: null, goal: '≤ 300 KB', pass: ext.bytes <= 300 * 1024,
      details: { bytes: ext.bytes, gzipBytes: ext.gzip, largestContributorsBytes: ext.top },
    },
    {
      id: 'bundle-webview', what: 'webview bundle, minified (dist/webview/chat.js --production)',
      subject: kb(web.bytes), reference: null, referenceLabel: '', unit: 'KB', ratio: null, goal: '≤ 150 KB', pass: web.bytes <= 150 * 1024,
      details: { bytes: web.bytes, gzipBytes: web.gzip, largestContributorsBytes: web.top },
    },
    {
      // The preview's script is plain DOM + canvas (no zod, no markdown): it should stay a fraction of the chat's.
      id: 'bundle-webview-preview', what: 'preview webview bundle, minified (dist/webview/preview.js --production)',
      subject: kb(preview.bytes), reference: null, referenceLabel: '', unit: 'KB', ratio: null, goal: '≤ 30 KB', pass: preview.bytes <= 30 * 1024,
      details: { bytes: preview.bytes, gzipBytes: preview.gzip, largestContributorsBytes: preview.top },
    },
  ];
  emit(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
