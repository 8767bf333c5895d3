// The CLI's executable (dist/cli.js): a few kilobytes that start a local-engine run's ffmpeg check
// (earlyToolCheck.ts) and then load the CLI itself (dist/cli-main.js, ~1.2 MB) with a V8 code cache
// (codeCache.ts). Loading it takes one core for ~0.1 s; the check uses the other one meanwhile.
// `node out/src/cli/main.js` (tests) runs the CLI without it.
import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';
import { startEarlyToolCheck } from './earlyToolCheck';

const argv = process.argv.slice(2);
startEarlyToolCheck(argv);
const bundle = loadWithCodeCache(path.join(__dirname, 'cli-main.js'));
const cli = bundle.exports as typeof import('./main');
void cli.main(argv).then((code) => {
  process.exitCode = code;
  bundle.save();
});
