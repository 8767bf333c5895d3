// The CLI launcher's early ffmpeg check (src/cli/earlyToolCheck.ts): started only for runs that start the local
// engine, taken once, and only for the same ffmpeg paths. The check itself is the real one (Debian's ffmpeg).
import * as assert from 'node:assert/strict';
import { startEarlyToolCheck, takeEarlyToolCheck } from '../../../src/cli/earlyToolCheck';
import { resolveFfmpegPaths } from '../../../src/core/media/ffmpegPaths';

describe('CLI: the ffmpeg check started before the CLI loads', function () {
  this.timeout(30_000);
  const defaults = resolveFfmpegPaths(undefined);
  afterEach(() => {
    takeEarlyToolCheck(defaults); // never leak one test's check into the next
  });

  it('starts for --local and the engine command, and is taken once', async () => {
    for (const argv of [['generate', 'clip.mp4', '--local'], ['engine', '--port', '0'], ['mcp', '--local']]) {
      startEarlyToolCheck(argv);
      const check = takeEarlyToolCheck(defaults);
      assert.ok(check, argv.join(' '));
      assert.equal((await check).ok, true);
      assert.equal(takeEarlyToolCheck(defaults), undefined, 'a second engine in the same process checks for itself');
    }
  });

  it('does not start for cloud runs, help, or arguments the CLI will refuse', () => {
    for (const argv of [['generate', 'clip.mp4'], ['status'], ['generate', '--local', '--help'], ['--local=yes']]) {
      startEarlyToolCheck(argv);
      assert.equal(takeEarlyToolCheck(defaults), undefined, argv.join(' '));
    }
  });

  it('is not handed to an engine that uses other ffmpeg paths', () => {
    startEarlyToolCheck(['generate', 'clip.mp4', '--local', '--ffmpeg', '/opt/ffmpeg-7/bin/ffmpeg']);
    assert.equal(takeEarlyToolCheck(defaults), undefined);
    startEarlyToolCheck(['generate', 'clip.mp4', '--local', '--ffmpeg=/opt/ffmpeg-7/bin/ffmpeg']);
    assert.ok(takeEarlyToolCheck(resolveFfmpegPaths('/opt/ffmpeg-7/bin/ffmpeg')));
  });
});
