// generator-youtube: the headless front end over the core workflow (bundled to dist/cli.js).
// Exit codes: 0 done · 2 usage · 3 backend/API error · 4 bad input (type, size, missing file) · 130 interrupted.
// Errors are one clear line on stderr (details with --verbose); the token never appears in output.
import { parseArgs } from 'node:util';
import { isNemoError, type Lang, langFromLocale, NemoError, PACKAGE_VERSION } from '../core/index';
import { connect } from './backend';
import { engine } from './commands/engine';
import { generate } from './commands/generate';
import { preview } from './commands/preview';
import { kitCmd } from './kit';
import { cancel, chat, credits, exportCmd, status, upload } from './commands/simple';
import { m } from './messages';
import { Output } from './output';
import { type StepContext, StoppedError } from './steps';

export const EXIT = { ok: 0, usage: 2, api: 3, badInput: 4, interrupted: 130 } as const;

/** Signals that stop a command cleanly (the engine's renders are stopped and their ffmpeg ended first). */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const OPTIONS = {
  prompt: { type: 'string' },
  out: { type: 'string' },
  aspect: { type: 'string' },
  local: { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  port: { type: 'string' },
  'poll-interval': { type: 'string' },
  'data-dir': { type: 'string' },
  ffmpeg: { type: 'string' },
  'render-cache-mb': { type: 'string' },
  lang: { type: 'string' },
  'no-kit': { type: 'boolean' },
  'burn-captions': { type: 'boolean' },
  captions: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;
const COMMON: OptionName[] = ['json', 'verbose', 'lang', 'help', 'version'];
const ALLOWED: Record<string, OptionName[]> = {
  generate: ['prompt', 'out', 'aspect', 'local', 'poll-interval', 'data-dir', 'ffmpeg', 'no-kit', 'burn-captions', 'render-cache-mb'],
  chat: [],
  status: [],
  credits: [],
  preview: ['out', 'local', 'data-dir', 'ffmpeg'],
  export: ['out', 'poll-interval', 'ffmpeg', 'no-kit', 'burn-captions'],
  kit: ['ffmpeg', 'burn-captions', 'captions'],
  cancel: [],
  upload: [],
  engine: ['port', 'data-dir', 'ffmpeg', 'render-cache-mb'],
  mcp: ['local', 'poll-interval', 'data-dir', 'ffmpeg', 'no-kit'],
};

class UsageError extends Error {}

/** Maps an error to its exit code: bad input 4, interrupted 130, everything else from the backend 3. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof UsageError) return EXIT.usage;
  if (isNemoError(e)) {
    if (e.kind === 'cancelled') return EXIT.interrupted;
    if (e.kind === 'bad-input' || e.kind === 'unsupported-type' || e.kind === 'too-large') return EXIT.badInput;
    return EXIT.api;
  }
  return EXIT.api;
}

function langOf(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  return langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  const earlyLang = langOf(undefined, env);
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${m(earlyLang, 'helpHint')}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const lang = langOf(values.lang, env);
  const [command, ...args] = positionals;
  // `mcp` speaks the protocol on stdout: everything the CLI would print goes to stderr instead.
  const out = new Output({ json: values.json ?? false, verbose: values.verbose ?? false, stdout: command === 'mcp' ? process.stderr : undefined });
  if (values.version) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return EXIT.ok;
  }
  if (values.help || !command) {
    (command || values.help ? process.stdout : process.stderr).write(`${m(lang, 'usage')}\n`);
    return values.help ? EXIT.ok : EXIT.usage;
  }

  // First Ctrl-C: stop listening (what the backend may still do is said by what was stopped). Second: leave at once.
  // SIGTERM (kill, a service manager) and SIGHUP (the terminal closed) take the same way out: left to their
  // default, the process died at once and the in-process engine's ffmpeg children rendered on, orphaned.
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  };
  for (const sig of STOP_SIGNALS) process.on(sig, onSigint);
  let close: (() => Promise<void>) | undefined;
  try {
    const allowed = ALLOWED[command];
    if (!allowed) throw new UsageError(m(lang, 'unknownCommand', { cmd: command }));
    for (const [name, v] of Object.entries(values)) {
      if (v !== undefined && !COMMON.includes(name as OptionName) && !allowed.includes(name as OptionName)) {
        throw new UsageError(m(lang, 'optionNotForCommand', { opt: name, cmd: command }));
      }
    }
    const aspect = values.aspect;
    if (aspect !== undefined && aspect !== '16:9' && aspect !== '9:16') throw new UsageError(m(lang, 'badAspect'));
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) throw new UsageError(m(lang, 'badPort'));
    const poll = values['poll-interval'] === undefined ? undefined : Number(values['poll-interval']);
    if (poll !== undefined && !(Number.isFinite(poll) && poll > 0)) throw new UsageError(m(lang, 'badPoll'));
    const cacheMb = values['render-cache-mb'] === undefined ? undefined : Number(values['render-cache-mb']);
    if (cacheMb !== undefined && !(Number.isInteger(cacheMb) && cacheMb >= 0)) throw new UsageError(m(lang, 'badCacheMb'));

    if (command === 'mcp') {
      if (values.json) throw new UsageError(m(lang, 'optionNotForCommand', { opt: 'json', cmd: command }));
      // Loaded only for `mcp`: the MCP SDK (with its zod schemas and ajv) cost every other command ~60 ms of
      // start-up (`--version` 0.29 s → 0.23 s). esbuild keeps it in cli.js, initialised on this first use.
      const { mcp } = await import('./commands/mcp.js');
      await mcp({ lang, out, local: values.local ?? false, dataDir: values['data-dir'], ffmpeg: values.ffmpeg, pollSeconds: poll, noKit: values['no-kit'] ?? false, signal: controller.signal, env });
      return EXIT.ok;
    }
    if (command === 'engine') {
      await engine({ lang, out, port, dataDir: values['data-dir'], ffmpeg: values.ffmpeg, renderCacheMaxMB: cacheMb, signal: controller.signal });
      return EXIT.ok;
    }
    if ((command === 'generate' || command === 'upload') && args.length === 0) throw new UsageError(m(lang, 'needsFiles', { cmd: command }));
    if (command === 'chat' && args.join(' ').trim() === '') throw new UsageError(m(lang, 'needsText'));
    if (command === 'cancel' && args.length > 1) throw new UsageError(m(lang, 'cancelOneId'));

    const backend = await connect({ lang, out, local: values.local ?? false, dataDir: values['data-dir'], ffmpeg: values.ffmpeg, renderCacheMaxMB: cacheMb, pollSeconds: poll, env });
    close = backend.close;
    const kit = { enabled: !values['no-kit'], ffmpeg: values.ffmpeg, burn: values['burn-captions'], captions: values.captions };
    const ctx: StepContext = { backend, out, lang, signal: controller.signal, kit };
    const outDir = values.out ?? process.cwd();
    switch (command) {
      case 'generate':
        await generate(ctx, args, { prompt: values.prompt, aspect: aspect as '16:9' | '9:16' | undefined, outDir });
        break;
      case 'chat':
        await chat(ctx, args.join(' '));
        break;
      case 'status':
        await status(ctx);
        break;
      case 'credits':
        await credits(ctx);
        break;
      case 'export':
        await exportCmd(ctx, outDir);
        break;
      case 'upload':
        await upload(ctx, args);
        break;
      case 'preview':
        await preview(ctx, outDir);
        break;
      case 'kit':
        await kitCmd(ctx, args[0], kit);
        break;
      case 'cancel':
        await cancel(ctx, args[0]);
        break;
    }
    if (controller.signal.aborted) {
      out.error(new NemoError({ kind: 'cancelled', userMessage: m(lang, 'interrupted'), action: { id: 'none', label: '' } }), EXIT.interrupted);
      return EXIT.interrupted;
    }
    return EXIT.ok;
  } catch (e) {
    const code = controller.signal.aborted ? EXIT.interrupted : exitCodeFor(e);
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${m(lang, 'helpHint')}\n`);
      return code;
    }
    // A stop the command could name (a chat turn sent or not, generate's session or upload step) says itself what
    // it meant; any other interruption gets the generic line.
    const err =
      code === EXIT.interrupted && !(e instanceof StoppedError) ? new NemoError({ kind: 'cancelled', userMessage: m(lang, 'interrupted'), action: { id: 'none', label: '' }, cause: e }) : (e as Error);
    out.error(err instanceof Error ? err : new Error(String(err)), code);
    return code;
  } finally {
    for (const sig of STOP_SIGNALS) process.off(sig, onSigint);
    await close?.().catch(() => undefined);
  }
}

// Run when executed (dist/cli.js or `node out/src/cli/main.js`), not when imported by tests.
if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
