// The renderer under bad input and interruption: clear errors, the caller's signal obeyed, and nothing
// half-written left at the output path. Plus the startup check and silence detection against real ffmpeg.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactDraft, MediaInfo, RenderRequest } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';
import { checkFfmpeg, detectSilences, renderDraft } from '../../../src/engine/render';
import { findExecutable, REQUIRED_FILTERS, smokeGraph, smokeTest } from '../../../src/engine/render/check';
import { ffmpegVersion, rememberFfmpegVersion, versionIdentity } from '../../../src/engine/render/spanKeys';
import { execFileSync, spawnSync } from 'node:child_process';
import { FFMPEG, FFPROBE, mediaInfo, speechClip, tempDir, toolPath } from '../../support/media';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';

describe('renderer: faults and bad input', function () {
  this.timeout(120000);
  let dir: string;
  let clip: MediaInfo;
  let draft: CompactDraft;

  before(async () => {
    dir = tempDir('gy-render-faults-');
    clip = await mediaInfo('m1', await speechClip(dir));
    draft = (await plan('hi', { draft: null, media: [clip], language: 'en', detectSilences: async () => [] })).draft as CompactDraft;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function request(over: Partial<RenderRequest>, tag: string): RenderRequest {
    return {
      draft, media: [clip], outPath: path.join(dir, tag, 'out.mp4'), workDir: path.join(dir, tag, 'work'),
      ffmpeg: { ffmpeg: FFMPEG, ffprobe: FFPROBE }, onProgress: () => undefined, signal: new AbortController().signal, ...over,
    };
  }

  it('[bad-input] a draft naming a file that is not in the session fails with a clear message and writes nothing', async () => {
    const req = request({ media: [] }, 'missing');
    await assert.rejects(renderDraft(req), /not in this session.*upload it again/);
    assert.ok(!fs.existsSync(req.outPath) && !fs.existsSync(`${req.outPath}.part`));
  });

  it('[bad-input] an empty timeline is refused before ffmpeg runs', async () => {
    const req = request({ draft: { t: [{ tt: 0, sg: [], d: 0 }], d: 0 } }, 'empty');
    await assert.rejects(renderDraft(req), /timeline is empty/);
  });

  it('[bad-input] a text file named .mp4 fails with ffmpeg\'s own reason, and leaves no .part', async () => {
    const fake = path.join(dir, 'fake.mp4');
    fs.writeFileSync(fake, 'this is not a video\n');
    const req = request({ media: [{ ...clip, path: fake }] }, 'fake');
    await assert.rejects(renderDraft(req), (err: Error) => {
      assert.match(err.message, /Invalid data found when processing input|fake\.mp4/);
      assert.doesNotMatch(err.message, /^Conversion failed/);
      return true;
    });
    assert.ok(!fs.existsSync(req.outPath) && !fs.existsSync(`${req.outPath}.part`));
  });

  it('[fault] aborting mid-render kills ffmpeg, rejects with AbortError, and leaves no output', async () => {
    const ac = new AbortController();
    const req = request({
      signal: ac.signal,
      // Abort as soon as the video encode reports progress (the audio run takes the first 8%).
      onProgress: (p) => { if (p > 8) ac.abort(); },
    }, 'abort');
    await assert.rejects(renderDraft(req), (err: Error) => err.name === 'AbortError');
    assert.ok(!fs.existsSync(req.outPath) && !fs.existsSync(`${req.outPath}.part`));
  });

  it('[fault] an already-aborted signal starts nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const req = request({ signal: ac.signal }, 'pre-aborted');
    await assert.rejects(renderDraft(req), (err: Error) => err.name === 'AbortError');
    assert.ok(!fs.existsSync(path.join(req.workDir, 'mix.wav')));
  });

  it('[fault] a missing ffmpeg binary is reported by name', async () => {
    const req = request({ ffmpeg: { ffmpeg: path.join(dir, 'no-such-ffmpeg'), ffprobe: FFPROBE } }, 'nobin');
    await assert.rejects(renderDraft(req), /Could not start ffmpeg .*no-such-ffmpeg/);
  });
});

describe('renderer: startup check and silence detection', () => {
  it('finds every filter and encoder it needs in Debian\'s ffmpeg 5.1', async () => {
    const r = await checkFfmpeg({ ffmpeg: FFMPEG, ffprobe: FFPROBE });
    assert.deepEqual(r.missing, []);
    assert.equal(r.ok, true);
    assert.match(r.version, /^5\.1/);
  });

  it('its one smoke run passes on Debian\'s ffmpeg 5.1 (else every start would pay for the exact listing)', async () => {
    const r = await smokeTest({ ffmpeg: FFMPEG, ffprobe: FFPROBE });
    assert.equal(r.ok, true);
    assert.match(r.version, /^5\.1/);
  });

  it('the banner of any ffmpeg run gives the same version identity as -version (the render cache keys on it)', () => {
    const version = execFileSync(FFMPEG, ['-hide_banner', '-version'], { encoding: 'utf8' });
    const run = spawnSync(FFMPEG, ['-nostdin', '-f', 'lavfi', '-i', 'nullsrc=d=0.04', '-f', 'null', '-'], { encoding: 'utf8' });
    const fromVersion = versionIdentity(version);
    assert.match(fromVersion, /^ffmpeg version 5\.1\S* .*\|configuration: --/);
    assert.equal(versionIdentity(run.stderr), fromVersion);
    assert.equal(versionIdentity('no banner here'), '');
  });

  it('a version learnt from the check is used by the render cache without running ffmpeg -version', async () => {
    const bin = '/nonexistent/ffmpeg-remembered';
    rememberFfmpegVersion(bin, 'ffmpeg version 9.9|configuration: --x');
    assert.equal(await ffmpegVersion(bin), 'ffmpeg version 9.9|configuration: --x');
    assert.equal(await ffmpegVersion('/nonexistent/ffmpeg-never-seen'), 'unknown', 'asked, it does not run');
  });

  it('its one-run smoke graph uses every required filter, so passing it proves the list', () => {
    const used = new Set([...smokeGraph('/f.ttf').matchAll(/(?:^|[\],;]\s*|\n)([a-z0-9_]+)(?==|[,;[]|$)/gm)].map((m) => m[1]));
    assert.deepEqual(REQUIRED_FILTERS.filter((f) => !used.has(f)), []);
  });

  it('[fault] names the one missing filter when the smoke run fails (an ffmpeg without xfade)', async () => {
    const bin = tempDir('gy-noxfade-');
    try {
      // A scripted fault: real ffmpeg, except that it has no xfade (the smoke run fails, -filters omits it).
      const real = toolPath(FFMPEG);
      const fake = path.join(bin, 'ffmpeg');
      fs.writeFileSync(fake, [
        '#!/bin/sh',
        'case "$*" in',
        `  *-filter_complex*) echo "No such filter: 'xfade'" >&2; exit 1 ;;`,
        `  *-filters*) '${real}' "$@" | grep -v ' xfade ' ; exit 0 ;;`,
        'esac',
        `exec '${real}' "$@"`,
      ].join('\n'), { mode: 0o755 });
      const r = await checkFfmpeg({ ffmpeg: fake, ffprobe: FFPROBE });
      assert.equal(r.ok, false);
      assert.deepEqual(r.missing, ['filter xfade']);
      assert.match(r.version, /^5\.1/);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });

  it('[fault] names ffprobe when ffmpeg is complete but ffprobe is missing (it is looked up, not run)', async () => {
    const r = await checkFfmpeg({ ffmpeg: FFMPEG, ffprobe: '/nonexistent/ffprobe' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.missing, ['ffprobe (/nonexistent/ffprobe did not run)']);
  });

  it('looks executables up like a shell: on PATH, by path, never a folder or a file without the x bit', async () => {
    const bin = tempDir('gy-which-');
    try {
      fs.writeFileSync(path.join(bin, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
      fs.writeFileSync(path.join(bin, 'plain'), 'not a program', { mode: 0o644 });
      fs.mkdirSync(path.join(bin, 'folder'));
      const env = { PATH: ['/nonexistent', bin].join(path.delimiter) };
      assert.equal(await findExecutable('tool', env), true);
      assert.equal(await findExecutable(path.join(bin, 'tool'), env), true);
      assert.equal(await findExecutable('plain', env), false);
      assert.equal(await findExecutable('folder', env), false);
      assert.equal(await findExecutable('missing', env), false);
      assert.equal(await findExecutable('tool', { PATH: '' }), false);
      assert.equal(await findExecutable(FFPROBE), true, 'the real ffprobe on this machine\'s PATH');
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });

  it('[fault] says exactly what is missing and how to install it when ffmpeg is not there', async () => {
    const r = await checkFfmpeg({ ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' });
    assert.equal(r.ok, false);
    assert.match(r.missing[0], /ffmpeg \(\/nonexistent\/ffmpeg did not run\)/);
    assert.match(r.hint, /install/i);
  });

  it('detects the silent stretch of a real clip', async () => {
    const dir = tempDir('gy-render-silence-');
    try {
      const file = await speechClip(dir);
      const s = await detectSilences(file, FFMPEG);
      assert.equal(s.length, 1);
      assert.ok(Math.abs(s[0][0] - 1.5) < 0.1 && Math.abs(s[0][1] - 3.0) < 0.1, JSON.stringify(s));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
