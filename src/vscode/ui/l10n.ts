// The one translator of the editor side (commands, views, chat, status bar). The strings live where `vscode.l10n.t` keeps them
// (l10n/bundle.l10n.zh-cn.json, keyed by the English text, `{0}` placeholders), but the language follows
// the `generatorYoutube.language` setting: a user may want Chinese messages and chat in an English VS Code
// (or the other way round), and `vscode.l10n.t` can only follow VS Code's display language. With the
// setting on "auto" both agree, since the setting then resolves from vscode.env.language.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Services } from '../services';

type Bundle = Readonly<Record<string, string>>;

const bundles = new Map<string, Bundle>();

function loadBundle(extensionPath: string): Bundle {
  const file = path.join(extensionPath, 'l10n', 'bundle.l10n.zh-cn.json');
  let bundle = bundles.get(file);
  if (!bundle) {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      bundle = parsed && typeof parsed === 'object' ? (parsed as Bundle) : {};
    } catch {
      bundle = {}; // a broken bundle must not break a command: English is always there
    }
    bundles.set(file, bundle);
  }
  return bundle;
}

/** Replaces `{0}`, `{1}`… with the arguments, like vscode.l10n.t. */
export function format(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

/** The shape of `vscode.l10n.t(message, ...args)`: `{0}`, `{1}`… are replaced by the arguments. */
export type Tr = (message: string, ...args: Array<string | number>) => string;

/** English, no bundle: what the pure node builders and their plain-Node tests use by default. */
export const english: Tr = (message, ...args) => format(message, args);

export function translator(services: Pick<Services, 'context' | 'config'>): Tr {
  return (message, ...args) => {
    if (services.config.settings.language !== 'zh') return format(message, args);
    const translated = loadBundle(services.context.extensionPath)[message];
    return format(typeof translated === 'string' && translated.length > 0 ? translated : message, args);
  };
}
