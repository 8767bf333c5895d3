// Runs the local engine in its own process so a fault test can kill it like a crash (SIGKILL) and start it
// again on the SAME port (the client keeps its apiUrl). Usage: node engine-child.js <dataDir> [port];
// prints one JSON line {url} when listening, then one JSON line {log} per engine log line (so a test can wait
// for what the engine did instead of polling it). Inert when mocha loads it as part of the tier.
import { startEngine } from '../../../src/engine/server/index';

if (require.main === module) {
  const dataDir = process.argv[2] ?? '';
  const port = Number(process.argv[3] ?? 0);
  process.env.GENERATOR_YOUTUBE_X264_PRESET ??= 'ultrafast';
  startEngine({ dataDir, port, log: (line) => process.stdout.write(`${JSON.stringify({ log: line })}\n`) }).then(
    (e) => process.stdout.write(`${JSON.stringify({ url: e.url })}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
