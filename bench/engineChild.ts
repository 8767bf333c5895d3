// The local engine in its own process for the benchmarks (so the client or curl being measured never
// shares an event loop with it). Prints `ENGINE <url>` once listening; stops on SIGTERM or stdin close.
import { startEngine } from '../src/engine/server';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: engineChild <dataDir>');
  const engine = await startEngine({ dataDir, initialCredits: 1_000_000 });
  process.stdout.write(`ENGINE ${engine.url}\n`);
  const stop = () => {
    void engine.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
