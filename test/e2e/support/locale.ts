// Display language for a code-server run. VS Code only switches language when a language pack for it is
// registered in <user-data>/languagepacks.json, and real packs come from the Marketplace (not reachable
// here). So we register an EMPTY pack (fixture-locale/main.i18n.json): VS Code's own UI stays English,
// but the language becomes e.g. zh-cn — so extensions load package.nls.zh-cn.json and their
// l10n/bundle.l10n.zh-cn.json, and `vscode.env.language` says zh-cn. That is what our tests need to check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

const EMPTY_TRANSLATIONS = path.join(repoRoot, 'test', 'e2e', 'support', 'fixture-locale', 'main.i18n.json');

/** Writes languagepacks.json so code-server started with `--locale <locale>` resolves to that language. */
export function registerEmptyLanguagePack(userDataDir: string, locale: string): void {
  const language = locale.toLowerCase();
  fs.mkdirSync(userDataDir, { recursive: true });
  const packs = {
    [language]: {
      hash: `gy-empty-${language}`, // names VS Code's cache folder <user-data>/clp/<hash>.<language>
      label: language,
      extensions: [{ extensionIdentifier: { id: `generator-youtube-tests.empty-language-pack-${language}` }, version: '0.0.1' }],
      translations: { vscode: EMPTY_TRANSLATIONS },
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 1));
}
