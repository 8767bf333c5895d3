// Runs the engine in its own process so restart tests can kill it like a crash (SIGKILL), not a clean close.
// Usage: node child-engine.js <dataDir>; prints one JSON line {url} when listening. Inert when mocha loads it.
import { startEngine } from '../../../src/engine/server/index';

if (require.main === module) {
  const dataDir = process.argv[2];
  startEngine({ dataDir }).then(
    (e) => process.stdout.write(`${JSON.stringify({ url: e.url })}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
