// Lint: typescript-eslint's recommended rules, plus the architecture (ARCHITECTURE.md, "may import"):
//   src/core    never imports src/engine, src/cli, src/vscode (or `vscode`): the editor-free core
//   src/engine  never imports src/cli, src/vscode (or `vscode`): the local engine, usable by both front ends
//   src/cli     never imports src/vscode (or `vscode`)
//   src/shared  imports nothing of ours outside src/shared (both sides of the webview boundary use it)
//   src/webview only src/shared (it runs in the browser)
//   src/vscode  feature folders (chat, timeline, renders, commands, statusBar) never import each other:
//               they use ui/, platform/ and the interfaces in contracts.ts; ui/ and platform/ import no feature.
import tseslint from 'typescript-eslint';

const VSCODE = { name: 'vscode', message: 'src/core, src/engine, src/cli and src/shared must stay editor-free: put VS Code code in src/vscode.' };

/** One no-restricted-imports rule: `vscode` (when editor-free) plus relative-path groups that are off limits. */
function boundary({ editorFree, groups }) {
  return {
    'no-restricted-imports': ['error', {
      paths: editorFree ? [VSCODE] : [],
      patterns: groups.map(([group, message]) => ({ group, message })),
    }],
  };
}

/** Relative specifiers reaching a top-level folder of src/ from any depth below src/<x>/. */
const up = (folder) => ['../', '../../', '../../../', '../../../../'].flatMap((d) => [`${d}${folder}`, `${d}${folder}/**`]);

const FEATURES = ['chat', 'timeline', 'renders', 'commands', 'statusBar'];
/** From a file in src/vscode/<folder>/: the feature folders it must not import (its own folder is fine). */
const otherFeatures = (own) =>
  FEATURES.filter((f) => f !== own).flatMap((f) => [
    [[`../${f}`, `../${f}/**`], `src/vscode/${own} must not import the ${f} feature: move what both need to src/vscode/ui (or an interface in contracts.ts).`],
  ]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'bench/.work/**', 'dist-vsix/**', 'media/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: boundary({ editorFree: true, groups: [[[...up('engine'), ...up('cli'), ...up('vscode'), ...up('webview')], 'src/core must not import src/engine, src/cli, src/vscode or src/webview: the core is what they all build on.']] }),
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: boundary({ editorFree: true, groups: [[[...up('cli'), ...up('vscode'), ...up('webview')], 'src/engine must not import src/cli, src/vscode or src/webview: both front ends use the engine, not the other way round.']] }),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: boundary({ editorFree: true, groups: [[[...up('vscode'), ...up('webview')], 'src/cli must not import src/vscode or src/webview.']] }),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: boundary({ editorFree: true, groups: [[['../*', '../**'], 'src/shared imports nothing of ours outside src/shared: both sides of the webview boundary use it.']] }),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: boundary({ editorFree: true, groups: [[[...up('core'), ...up('engine'), ...up('cli'), ...up('vscode')], 'the webview runs in the browser: it may import only src/shared.']] }),
  },
  ...FEATURES.map((own) => ({ files: [`src/vscode/${own}/**/*.ts`], rules: boundary({ editorFree: false, groups: otherFeatures(own) }) })),
  {
    files: ['src/vscode/ui/**/*.ts', 'src/vscode/platform/**/*.ts'],
    rules: boundary({ editorFree: false, groups: [[FEATURES.flatMap((f) => [`../${f}`, `../${f}/**`]), 'ui/ and platform/ are what the features share: they must not import a feature folder.']] }),
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
