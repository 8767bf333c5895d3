// Transcription in the upload kit. No whisper.cpp model file can exist on this machine, so real speech
// recognition is NOT tested here. What is tested: every "no transcriber" case gives its own plain sentence
// (on the page and as a notice), and the kit's contract with whisper-cli (the 16 kHz WAV it is given, the
// arguments, reading its SRT, reporting its failure) through a SCRIPTED whisper-cli — a shell script
// standing in for the real program, named as such — with real ffmpeg and a real video.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildKit, ks, lookupTranscriber, parseCaptions, parseKit } from '../../../src/core/kit';
import { FFMPEG, FFPROBE, run, tempDir } from '../../support/media';

const FF = { ffmpeg: FFMPEG, ffprobe: FFPROBE };

/** A one-clip draft over the whole of a 4 s clip (the "export" is the clip itself). */
function draftFor(name: string): unknown {
  return { d: 0, m: { engine: 'local', v: 1, title: 'Garden tour', width: 320, height: 180, fps: 30 }, t: [{ tt: 0, d: 0, sg: [{ k: 'clip', src: 'm1', in: 0, out: 4000, m: { name } }] }] };
}

function executable(file: string, body: string): string {
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('upload kit: transcription with whisper.cpp (none can run here: the no-transcriber paths and a scripted whisper-cli)', function () {
  this.timeout(120000);
  let dir: string;
  let video: string;
  let emptyPath: string;

  before(async () => {
    dir = tempDir('gy-kit-whisper-');
    video = path.join(dir, 'garden.mp4');
    await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30:d=4', '-f', 'lavfi', '-i', 'sine=f=440:d=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', video]);
    emptyPath = path.join(dir, 'empty-bin');
    fs.mkdirSync(emptyPath);
  });

  it('names why there is no transcriber: nothing set up, no model, a missing model file, a missing or absent whisper-cli', () => {
    const model = path.join(dir, 'ggml-placeholder.bin');
    fs.writeFileSync(model, 'not a model: only its existence is looked at here');
    const env = { PATH: emptyPath };
    assert.deepEqual(lookupTranscriber({}, env), { why: 'not-set-up' });
    assert.deepEqual(lookupTranscriber({ bin: '/opt/whisper/whisper-cli' }, env), { why: 'no-model' });
    assert.deepEqual(lookupTranscriber({ model: '/nowhere/ggml-base.bin' }, env), { why: 'model-missing', path: '/nowhere/ggml-base.bin' });
    assert.deepEqual(lookupTranscriber({ model, bin: '/opt/whisper/whisper-cli' }, env), { why: 'cli-missing', path: '/opt/whisper/whisper-cli' });
    assert.deepEqual(lookupTranscriber({ model }, env), { why: 'cli-not-on-path' });
    // The CLI's environment variables count as the settings.
    assert.deepEqual(lookupTranscriber({}, { PATH: emptyPath, GENERATOR_YOUTUBE_WHISPER_MODEL: '/nowhere/m.bin' }), { why: 'model-missing', path: '/nowhere/m.bin' });
    const bin = executable(path.join(emptyPath, 'whisper-cli'), 'exit 0');
    try {
      assert.deepEqual(lookupTranscriber({ model }, env), { bin, model });
    } finally {
      fs.rmSync(bin);
    }
  });

  it('no caption file and no transcriber: the kit says so plainly (notice and page), EN and ZH, and writes no captions', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const res = await buildKit({ video, draft: draftFor('garden.mp4'), lang, ffmpeg: FF, env: { PATH: emptyPath } });
      assert.ok(res.notices.includes(ks(lang, 'kit.noTranscriber')), res.notices.join('\n'));
      assert.deepEqual(res.kit.captions, []);
      assert.equal(res.files.srt, null);
      const page = fs.readFileSync(res.files.md, 'utf8');
      assert.ok(page.includes(ks(lang, 'md.noCaptions', { reason: ks(lang, 'why.noCaptionSource') })), page);
    }
    assert.match(ks('en', 'kit.noTranscriber'), /No transcriber is available/);
  });

  it('a model setting that points nowhere is named in the notice, not hidden behind "no transcriber"', async () => {
    const res = await buildKit({ video, draft: draftFor('garden.mp4'), lang: 'en', ffmpeg: FF, whisper: { model: '/nowhere/ggml-small.bin' }, env: { PATH: emptyPath } });
    assert.ok(res.notices.includes(ks('en', 'whisper.modelMissing', { path: '/nowhere/ggml-small.bin' })), res.notices.join('\n'));
    assert.match(fs.readFileSync(res.files.md, 'utf8'), /\/nowhere\/ggml-small\.bin does not exist/);
  });

  it('a scripted whisper-cli: gets a 16 kHz mono WAV and the model, and its SRT becomes the kit captions', async () => {
    const model = path.join(dir, 'ggml-placeholder.bin');
    fs.writeFileSync(model, 'placeholder');
    const argsLog = path.join(dir, 'whisper-args.txt');
    // Writes <of>.srt as whisper.cpp does with -osrt -of <base>; logs its arguments and what ffprobe says of -f.
    const bin = executable(path.join(dir, 'whisper-cli'), [
      `echo "$@" > ${argsLog}`,
      'while [ $# -gt 0 ]; do case "$1" in -f) wav="$2"; shift;; -of) of="$2"; shift;; esac; shift; done',
      `${FFPROBE} -v error -show_entries stream=sample_rate,channels,codec_name -of csv=p=0 "$wav" >> ${argsLog}`,
      'printf "1\\n00:00:00,500 --> 00:00:02,000\\nWelcome to the garden\\n\\n2\\n00:00:02,200 --> 00:00:03,600\\nThese are the roses\\n" > "$of.srt"',
    ].join('\n'));
    const res = await buildKit({ video, draft: draftFor('garden.mp4'), lang: 'en', ffmpeg: FF, whisper: { bin, model }, env: { PATH: emptyPath } });
    const log = fs.readFileSync(argsLog, 'utf8');
    assert.match(log, new RegExp(`-m ${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -f \\S+speech\\.wav -osrt -of \\S+transcript -l auto`));
    assert.match(log, /pcm_s16le,16000,1/);
    assert.ok(res.files.srt, res.notices.join('\n'));
    assert.deepEqual(parseCaptions(fs.readFileSync(res.files.srt, 'utf8')).map((c) => [c.start, c.text]), [[0.5, 'Welcome to the garden'], [2.2, 'These are the roses']]);
    assert.deepEqual(parseKit(fs.readFileSync(res.files.json, 'utf8'))?.captions, [{ language: 'en', srt: 'garden.srt', vtt: 'garden.vtt' }]);
    assert.ok(!res.notices.some((n) => /transcri/i.test(n)), res.notices.join('\n'));
  });

  it('a scripted whisper-cli that fails: its last error line is reported, and no captions are made up', async () => {
    const model = path.join(dir, 'ggml-placeholder.bin');
    const bin = executable(path.join(dir, 'whisper-broken'), 'echo "whisper_init_from_file: failed to load model" >&2\nexit 3');
    for (const f of ['garden.srt', 'garden.vtt']) fs.rmSync(path.join(dir, f), { force: true });
    const res = await buildKit({ video, draft: draftFor('garden.mp4'), lang: 'en', ffmpeg: FF, whisper: { bin, model }, env: { PATH: emptyPath } });
    assert.ok(res.notices.includes(ks('en', 'kit.transcribeFailed', { detail: 'whisper_init_from_file: failed to load model' })), res.notices.join('\n'));
    assert.equal(res.files.srt, null);
    assert.equal(fs.existsSync(path.join(dir, 'garden.srt')), false);
  });
});
