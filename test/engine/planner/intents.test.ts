// How messages are read: a table of everyday phrasings → intents, and the time expressions they contain.
import * as assert from 'node:assert/strict';
import { type Intent, parseIntents } from '../../../src/engine/planner/intents';
import { formatTime, parseTime } from '../../../src/engine/planner/timecode';
import { fromCompact, toCompact } from '../../../src/engine/planner/format';

type Partial<I> = { [K in keyof I]?: I[K] };
const cases: Array<[string, Array<Partial<Intent> & { kind: Intent['kind'] }>]> = [
  ['Add an intro that says Welcome to Tokyo', [{ kind: 'intro', title: 'Welcome to Tokyo' }]],
  ['add a 5 second intro titled Hello', [{ kind: 'intro', title: 'Hello', dur: 5000 }]],
  ['add an intro titled X and an outro', [{ kind: 'intro', title: 'X' }, { kind: 'outro' }]],
  ['cut the first 5s and the last 3s', [{ kind: 'cut', mode: 'first', a: 5000 }, { kind: 'cut', mode: 'last', a: 3000 }]],
  ['remove 0:10-0:15', [{ kind: 'cut', mode: 'range', a: 10000, b: 15000 }]],
  ['delete from 10s to 15.5s', [{ kind: 'cut', mode: 'range', a: 10000, b: 15500 }]],
  ['make it 30 seconds long', [{ kind: 'cut', mode: 'keepFirst', a: 30000 }]],
  ['make it 9:16', [{ kind: 'aspect', aspect: '9:16' }]],
  ['Make it vertical for TikTok and fill the screen', [{ kind: 'aspect', aspect: '9:16', fit: 'fill' }]],
  ['add music "song.mp3" at 50%', [{ kind: 'music', ref: 'song.mp3', volume: 0.5, duck: true }]],
  ['add a lower third "John Smith" at 0:05', [{ kind: 'lowerThird', name: 'John Smith', s: 5000, e: 8000 }]],
  ['add title "Outro text" for the last 4 seconds', [{ kind: 'title', text: 'Outro text', lastMs: 4000 }]],
  ['add a caption "Hello"', [{ kind: 'title', text: 'Hello' }]],
  ['add a fade between clips', [{ kind: 'crossfade', ms: 500 }]],
  ['make the music quieter', [{ kind: 'musicVolume', factor: 0.7 }]],
  ['Create a video from my clips with music', [{ kind: 'generate', intro: true, cuts: true, outro: true }, { kind: 'music' }]],
  ['speed up the video', [{ kind: 'speed', factor: 1.5, guessed: true }]],
  ['speed up the middle part 2x', [{ kind: 'speed', factor: 2, guessed: false, range: { kind: 'part', from: 1 / 3, to: 2 / 3, en: 'the middle third', zh: '中间三分之一' } }]],
  ['add title "Trim the first 10 seconds"', [{ kind: 'title', text: 'Trim the first 10 seconds' }]],
  ['去掉开头5秒', [{ kind: 'cut', mode: 'first', a: 5000 }]],
  ['保留0:10到0:40', [{ kind: 'cut', mode: 'keep', a: 10000, b: 40000 }]],
  ['把视频改成9:16', [{ kind: 'aspect', aspect: '9:16' }]],
  ['交换clip1和clip2', [{ kind: 'order', op: 'swap', a: 'clip1', b: 'clip2' }]],
  ['make it pop', [{ kind: 'clarify' }]],
  ['do the thing with the stuff', []],
];

describe('planner: reading everyday phrasings', () => {
  for (const [message, want] of cases) {
    it(`"${message}"`, () => {
      const got = parseIntents(message);
      assert.equal(got.length, want.length, JSON.stringify(got));
      want.forEach((w, i) => {
        for (const [k, v] of Object.entries(w)) assert.deepEqual((got[i] as Record<string, unknown>)[k], v, `${k} of ${JSON.stringify(got[i])}`);
      });
    });
  }
});

describe('planner: time expressions', () => {
  it('parses clock, unit and Chinese forms to ms', () => {
    const table: Array<[string, number]> = [
      ['0:30', 30000], ['1:45', 105000], ['1:02:03', 3723000], ['10', 10000], ['10s', 10000], ['1.5 sec', 1500],
      ['2 minutes', 120000], ['1m30s', 90000], ['1 min 30 s', 90000], ['10秒', 10000], ['2分钟', 120000], ['1分30秒', 90000],
    ];
    for (const [text, want] of table) assert.equal(parseTime(text), want, text);
    assert.equal(parseTime('soon'), null);
  });

  it('formats times for replies', () => {
    assert.equal(formatTime(83000), '1:23');
    assert.equal(formatTime(5250), '0:05.3');
  });
});

describe('planner: compact draft round trip', () => {
  it('keeps our own drafts unchanged through fromCompact → toCompact', () => {
    const c = {
      d: 9500, m: { title: 'T', name: 'T', width: 1920, height: 1080, fps: 30, aspect: '16:9', fit: 'fit', used: ['m1'], engine: 'local', v: 1, seq: 3 },
      t: [
        { tt: 0, d: 9500, m: { name: 'Video' }, sg: [
          { id: 'c1', k: 'card', dur: 3000, s: 0, e: 3000, m: { role: 'intro', name: 'Intro card', title: 'T' } },
          { id: 'v2', k: 'clip', src: 'm1', in: 0, out: 7000, s: 2500, e: 9500, xf: 500, m: { name: 'a.mp4' } },
        ] },
        { tt: 7, d: 9500, m: { name: 'Titles' }, sg: [{ id: 't3', s: 0, e: 2000, m: { text: 'Hi', name: 'Title', pos: 'center', fade: 400 } }] },
      ],
    };
    assert.deepEqual(toCompact(fromCompact(c)), c);
  });

  it('reads a foreign draft leniently: unknown tracks and fields are no reason to throw', () => {
    const foreign = { d: 10000, m: { title: 'Cloud' }, t: [
      { tt: 0, d: 10000, sg: [{ src: 'm1', s: 0, e: 10000, extra: true }, { weird: 1 }] },
      { tt: 42, d: 10000, sg: [{ anything: 'x' }] },
      { tt: 1, d: 10000, sg: [{ src: 'a1', m: { volume: 0.3 } }] },
    ] };
    const d = fromCompact(foreign as never);
    assert.equal(d.video.length, 1);
    assert.equal(d.video[0].k === 'clip' && d.video[0].out, 10000);
    assert.equal(d.music?.m.volume, 0.3);
    assert.equal(d.meta.width, 1920);
  });
});
