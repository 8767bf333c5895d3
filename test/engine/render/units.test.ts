// The renderer's pure parts: frame-grid timeline, text layout and escaping, encoder settings, and the
// parsers for ffmpeg's stderr (silencedetect, loudnorm, the useful error line).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaInfo } from '../../../src/engine/model';
import { WIDE_CHAR, fontFor } from '../../../src/core/media/fonts';
import { type Draft, fromCompact } from '../../../src/engine/planner/format';
import { gainSecondPass, loudnessSecondPass, loudnormSecondPass, parseEbur128, parseLoudnorm } from '../../../src/engine/render/audioGraph';
import { encodeArgs, videoBitrateKbps, x264Preset } from '../../../src/engine/render/encodeArgs';
import { usefulStderrLine } from '../../../src/core/media/ffmpegRun';
import { drawTextFilters, emWidth, filterValue, layoutText } from '../../../src/engine/render/filterText';
import { parseSilences } from '../../../src/engine/render/silences';
import { resolveTimeline } from '../../../src/engine/render/timeline';
import { tempDir } from '../../support/media';

const clip: MediaInfo = { id: 'm1', filename: 'a.mp4', path: '/a.mp4', kind: 'video', duration: 100, width: 1920, height: 1080, fps: 30, hasAudio: true, hash: '', size: 1, url: '' };

function draftWith(pieces: Array<[number, number]>, fps = 30, xf = 0): Draft {
  return fromCompact({
    d: 0,
    m: { fps, width: 1920, height: 1080, aspect: '16:9' },
    t: [{ tt: 0, d: 0, sg: pieces.map(([a, b], i) => ({ id: `v${i}`, k: 'clip', src: 'm1', in: a, out: b, ...(i > 0 && xf ? { xf } : {}), m: { name: 'a.mp4' } })) }],
  });
}

describe('render timeline on the frame grid', () => {
  it('keeps many odd-length cuts within half a frame of the draft duration (no accumulated rounding)', () => {
    const pieces: Array<[number, number]> = [];
    for (let i = 0; i < 40; i++) pieces.push([i * 2000, i * 2000 + 1017]);
    const d = draftWith(pieces);
    const tl = resolveTimeline(d, [clip]);
    const total = pieces.reduce((s, [a, b]) => s + b - a, 0);
    assert.ok(Math.abs(tl.totalFrames / 30 - total / 1000) <= 0.5 / 30);
    assert.equal(tl.totalSamples, (tl.totalFrames * 48000) / 30);
    // In-order pieces of one source share one decoder input.
    assert.equal(tl.items.length, 1);
    assert.equal(tl.items[0].type === 'run' && tl.items[0].pieces.length, 40);
  });

  it('starts a new input for out-of-order pieces and for crossfaded ones, and shortens by the overlap', () => {
    const tl = resolveTimeline(draftWith([[10000, 12000], [0, 2000], [5000, 7000]], 60, 500), [clip]);
    assert.equal(tl.items.length, 3);
    assert.deepEqual(tl.items.map((i) => i.xfFrames), [0, 30, 30]);
    assert.equal(tl.totalFrames, 3 * 120 - 60);
  });

  it('refuses an audio file as a video clip, with a reason', () => {
    assert.throws(() => resolveTimeline(draftWith([[0, 1000]]), [{ ...clip, kind: 'audio' }]), /audio; it can be background music/);
  });
});

describe('drawtext text handling', () => {
  it('escapes filter values for both parsing levels', () => {
    assert.equal(filterValue("/tmp/a b/it's:x,[y];z"), "/tmp/a b/it\\\\\\'s\\\\:x\\,\\[y\\]\\;z");
  });

  it('fits a long title inside 86% of a 1080-wide frame by wrapping and shrinking', () => {
    const text = 'The Incredibly Long Title Of A Video About Everything We Did On Our Summer Holiday';
    const l = layoutText(text, 1080 * 0.86, 108);
    assert.ok(l.lines.length >= 2 && l.lines.length <= 3);
    for (const line of l.lines) assert.ok(emWidth(line) * l.fontSize <= 1080 * 0.86 + 1);
    assert.equal(l.lines.join(' '), text);
  });

  it('keeps a short title on one line at full size, and wraps CJK without spaces', () => {
    assert.deepEqual(layoutText('Hi', 1650, 108), { lines: ['Hi'], fontSize: 108 });
    const cjk = layoutText('这是一个非常非常长的中文标题用于测试自动换行功能是否正常', 930, 108);
    assert.ok(cjk.lines.length > 1);
    assert.equal(cjk.lines.join(''), '这是一个非常非常长的中文标题用于测试自动换行功能是否正常');
  });

  it('writes the text verbatim to a file and never inlines it in the graph', async () => {
    const dir = tempDir('gy-render-text-');
    try {
      const text = 'It\'s 100%: "quoted" {x} \\ done';
      const f = await drawTextFilters({ text, centerY: 0.5, maxSize: 100, color: 'white', enable: null, alpha: null, box: false }, 1920, 1080, dir, 'a');
      assert.match(f, /expansion=none/);
      assert.ok(!f.includes('quoted'));
      const files = fs.readdirSync(dir).filter((n) => n.endsWith('.txt'));
      assert.equal(fs.readFileSync(path.join(dir, files[0]), 'utf8'), text);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('picks a CJK font for Chinese text when one is installed', () => {
    assert.ok(WIDE_CHAR.test('城市'));
    const f = fontFor('城市之梦');
    if (fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc')) assert.match(f.path, /NotoSansCJK/);
    assert.equal(f.coversText, /NotoSansCJK|wqy|PingFang|msyh|uming|STHeiti/.test(f.path));
    assert.equal(fontFor('Hello').coversText, true);
  });
});

describe('encoder settings', () => {
  it('follows YouTube: closed GOP of half the frame rate, 2 B-frames, 8 / 12 Mbps, AAC 384k 48 kHz, faststart', () => {
    const a = encodeArgs(1920, 1080, 30, 'veryfast').join(' ');
    assert.match(a, /-profile:v high -pix_fmt yuv420p -b:v 8000k/);
    assert.match(a, /-g 15 .*-bf 2 -flags \+cgop/);
    assert.match(a, /-color_primaries bt709 -color_trc bt709 -colorspace bt709/);
    assert.match(a, /-c:a aac -profile:a aac_low -b:a 384k -ar 48000 -ac 2 -use_editlist 0 -movflags \+faststart\+negative_cts_offsets/);
    assert.match(encodeArgs(1080, 1920, 60, 'veryfast').join(' '), /-b:v 12000k .*-g 30 /);
    assert.equal(videoBitrateKbps(1080, 1080, 30), 8000);
    assert.equal(videoBitrateKbps(1280, 720, 30), 5000);
  });

  it('takes the preset from the option, then the environment, and ignores unknown names', () => {
    const saved = process.env.GENERATOR_YOUTUBE_X264_PRESET;
    try {
      delete process.env.GENERATOR_YOUTUBE_X264_PRESET;
      assert.equal(x264Preset(), 'veryfast');
      process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
      assert.equal(x264Preset(), 'ultrafast');
      assert.equal(x264Preset('medium'), 'medium');
      assert.equal(x264Preset('; rm -rf /'), 'veryfast');
    } finally {
      if (saved === undefined) delete process.env.GENERATOR_YOUTUBE_X264_PRESET;
      else process.env.GENERATOR_YOUTUBE_X264_PRESET = saved;
    }
  });
});

describe('ffmpeg stderr parsers', () => {
  it('reads silencedetect intervals, including one that runs to the end of the file', () => {
    const err = '[silencedetect @ 0x1] silence_start: 1.5\n[silencedetect @ 0x1] silence_end: 3.02 | silence_duration: 1.52\n[silencedetect @ 0x1] silence_start: 8.25\n';
    assert.deepEqual(parseSilences(err, 10), [[1.5, 3.02], [8.25, 10]]);
    assert.deepEqual(parseSilences('[silencedetect @ 0x1] silence_start: -0.01\n[silencedetect @ 0x1] silence_end: 0.5\n', 2), [[0, 0.5]]);
  });

  it('reads loudnorm\'s measurement and builds a linear second pass with LRA ≥ measured', () => {
    const json = '[Parsed_loudnorm_1 @ 0x1] \n{\n\t"input_i" : "-22.60",\n\t"input_tp" : "-18.53",\n\t"input_lra" : "14.50",\n\t"input_thresh" : "-33.80",\n\t"output_i" : "-14.1",\n\t"target_offset" : "-0.43"\n}\n';
    const m = parseLoudnorm(json);
    assert.deepEqual(m, { input_i: -22.6, input_tp: -18.53, input_lra: 14.5, input_thresh: -33.8, target_offset: -0.43 });
    const f = loudnormSecondPass(m);
    assert.match(f, /I=-14:TP=-1.5:LRA=16:measured_I=-22.6.*linear=true/);
    assert.equal(parseLoudnorm(json.replace('"-22.60"', '"-inf"')), null, 'digital silence is not normalised');
    assert.doesNotMatch(loudnormSecondPass(null), /loudnorm/);
  });

  it('reads ebur128\'s summary and builds the proxy\'s gain: to −14 LUFS, lowered to keep the peak at −1.5 dBFS', () => {
    // The summary exactly as ffmpeg 5.1 prints it (after a per-frame log this parser must skip).
    const log = (i: string, peak: string) => `[Parsed_ebur128_0 @ 0x1] t: 0.1 TARGET:-23 LUFS M: -20.0 S:-120.7 I: -19.0 LUFS\n[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         ${i} LUFS\n    Threshold: -20.5 LUFS\n\n  Loudness range:\n    LRA:         4.6 LU\n\n  Sample peak:\n    Peak:       ${peak} dBFS\n`;
    assert.deepEqual(parseEbur128(log('-9.2', '-4.1')), { i: -9.2, peak: -4.1 });
    assert.match(gainSecondPass({ i: -9.2, peak: -4.1 }), /^volume=-4\.80dB,aformat=/);
    // Quiet but peaky: +8 dB would clip, so the gain stops where the peak reaches −1.5 dBFS.
    assert.match(gainSecondPass({ i: -22, peak: -3 }), /^volume=1\.50dB,/);
    assert.equal(parseEbur128(log('-inf', '-inf')), null, 'digital silence is not normalised');
    assert.equal(parseEbur128(log('-70.0', '-inf')), null, 'silence as ebur128 really reports it (the absolute gate)');
    assert.doesNotMatch(gainSecondPass(null), /volume/);
    assert.match(loudnessSecondPass('gain', log('-20.0', '-10.0')), /^volume=6\.00dB/);
    assert.match(loudnessSecondPass('loudnorm', log('-20.0', '-10.0')), /^aformat=/, 'loudnorm reads loudnorm\'s JSON, not ebur128\'s summary');
  });

  it('picks the line that explains a failure, not the trailing "Conversion failed!"', () => {
    const err = 'Input #0, lavfi\n  Stream #0:0: Video\n[AVFilterGraph @ 0x1] No such filter: \'xfadex\'\nError initializing complex filters.\nInvalid argument\nConversion failed!\n';
    assert.equal(usefulStderrLine(err), "No such filter: 'xfadex'");
    assert.equal(usefulStderrLine('/x/fake.mp4: Invalid data found when processing input\n'), '/x/fake.mp4: Invalid data found when processing input');
  });
});
