// Builds the bundles the product ships: the extension host bundle, the local engine, the CLI and the webview.
// Node bundles are CommonJS: ESM output breaks undici ("Dynamic require of node:assert").
// `buildOptions()` is exported so the bundle-size benchmark measures exactly what ships.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The local engine (server, planner, renderer) is its own bundle, dist/engine.js: a cloud user never loads
 * it, and the extension bundle stays small and quick to parse at activation. The extension's lazy
 * `import('../engine/index.js')` is pointed at that file and becomes a require() at run time.
 * @type {import('esbuild').Plugin}
 */
const engineAsSeparateBundle = {
  name: 'engine-as-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /\/engine\/index(\.js)?$/ }, (args) =>
      args.importer.includes(`${'src'}/vscode/`) ? { path: './engine.js', external: true } : undefined);
  },
};

/**
 * Every bundle's options; entries whose source does not exist yet are left out.
 * @param {{ production: boolean }} opts
 * @returns {import('esbuild').BuildOptions[]}
 */
export function buildOptions({ production }) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: 'none',
    logLevel: 'info',
  };
  const builds = [
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      plugins: [engineAsSeparateBundle],
      // Keep `import('./engine.js')` a require(): the extension host loads CommonJS.
      supported: { 'dynamic-import': false },
      metafile: true,
    },
    {
      ...common,
      entryPoints: ['src/engine/index.ts'],
      outfile: 'dist/engine.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    },
    {
      // The executable: starts a local-engine run's ffmpeg check, then loads dist/cli-main.js (src/cli/launch.ts).
      ...common,
      entryPoints: ['src/cli/launch.ts'],
      outfile: 'dist/cli.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      external: ['vscode', './cli-main.js'],
    },
    {
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli-main.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    },
    {
      ...common,
      entryPoints: ['src/webview/chat/main.ts'],
      outfile: 'dist/webview/chat.js',
      // markdown-it needs only entities' decoder; its package index also drags in the 23 KB encoder table.
      alias: { entities: 'entities/lib/decode.js' },
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
    },
    {
      ...common,
      entryPoints: ['src/webview/preview/main.ts'],
      outfile: 'dist/webview/preview.js',
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
    },
  ];
  return builds.filter((b) => existsSync(b.entryPoints[0]));
}

// Run only when executed (`node esbuild.mjs [--production] [--watch]`), not when imported by the benchmark.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const active = buildOptions({ production: process.argv.includes('--production') });
  if (process.argv.includes('--watch')) {
    const contexts = await Promise.all(active.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] build started');
  } else {
    await Promise.all(active.map((b) => esbuild.build(b)));
  }
}
