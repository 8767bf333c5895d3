// The CLI's executable (dist/cli.js): a few kilobytes that start a local-engine run's ffmpeg check
// (earlyToolCheck.ts) and then load the CLI itself (dist/cli-main.js, ~1.2 MB). Loading it takes one core for
// ~0.1 s; the check uses the other one meanwhile. `node out/src/cli/main.js` (tests) runs the CLI without it.
import { startEarlyToolCheck } from './earlyToolCheck';

startEarlyToolCheck(process.argv.slice(2));
// A separate bundle, loaded after the check has started (esbuild leaves this require as it is).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('./cli-main.js') as typeof import('./main');
void cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
