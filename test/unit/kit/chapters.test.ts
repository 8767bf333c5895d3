// Chapters and metadata against YouTube's rules, on edit maps that can and cannot satisfy them.
import * as assert from 'node:assert/strict';
import {
  buildEditMap, type Chapter, cutAtWord, kitJson, kitKeys, kitPage, kitTable, makeChapters, makeDescription, makeTags, makeTitle, parseKit, readableName,
} from '../../../src/core/kit';

function draft(video: Array<Record<string, unknown>>, opts: { title?: string; width?: number; height?: number; texts?: Array<Record<string, unknown>> } = {}): unknown {
  const t: Array<Record<string, unknown>> = [{ tt: 0, d: 0, sg: video }];
  if (opts.texts) t.push({ tt: 7, d: 0, sg: opts.texts });
  return { d: 0, m: { engine: 'local', v: 1, title: opts.title ?? 'Untitled', width: opts.width ?? 1920, height: opts.height ?? 1080, fps: 30 }, t };
}
const clip = (src: string, inS: number, outS: number, name = `${src}.mp4`): Record<string, unknown> => ({ k: 'clip', src, in: inS * 1000, out: outS * 1000, m: { name } });
const card = (role: 'intro' | 'outro', sec: number, title = ''): Record<string, unknown> => ({ k: 'card', dur: sec * 1000, m: { role, title } });

/** Checks every rule YouTube applies to description chapters. */
function assertYoutubeRules(chapters: Chapter[], duration: number): void {
  assert.ok(chapters.length >= 3, `${chapters.length} chapters`);
  assert.equal(chapters[0].seconds, 0);
  chapters.forEach((c, i) => {
    const next = i + 1 < chapters.length ? chapters[i + 1].seconds : Math.floor(duration);
    assert.ok(Number.isInteger(c.seconds));
    assert.ok(next - c.seconds >= 10, `chapter "${c.title}" is ${next - c.seconds} s`);
    assert.ok(c.title.length > 0 && c.title.length <= 80 && !/[<>]/.test(c.title));
  });
}

describe('kit: readable clip names', () => {
  it('turns file names into words and ignores camera/hash names', () => {
    assert.equal(readableName('my_trip_day2.mp4'), 'My trip day 2');
    assert.equal(readableName('/mnt/userdata/Beach-Sunset.MOV'), 'Beach Sunset');
    assert.equal(readableName('harbourWalk.mp4'), 'Harbour Walk');
    assert.equal(readableName('IMG_1234.MOV'), null);
    assert.equal(readableName('3f2a9c0e7b1d4e55.mp4'), null);
    assert.equal(readableName('长城之旅.mp4'), '长城之旅');
  });
});

describe('kit: chapters from the timeline', () => {
  it('a timeline that satisfies the rules: intro merged into the first clip, pieces of one clip are one chapter', () => {
    const map = buildEditMap(draft([
      card('intro', 3, 'Welcome'),
      clip('a', 0, 8, 'my_trip_day1.mp4'), clip('a', 9, 16, 'my_trip_day1.mp4'), // a silence cut: still one chapter
      clip('b', 0, 20, 'my_trip_day2.mp4'),
      clip('c', 0, 4, 'c.mp4'), // 4 s: too short, merged
      clip('d', 0, 25, 'harbour_at_night.mp4'),
      card('outro', 3),
    ]));
    const r = makeChapters(map, [], 'en');
    assert.equal(r.reason, 'ok');
    assertYoutubeRules(r.chapters, map.durationSec);
    assert.deepEqual(r.chapters, [
      { seconds: 0, title: 'My trip day 1' },
      { seconds: 18, title: 'My trip day 2' },
      { seconds: 42, title: 'Harbour at night' }, // the 4 s clip joined the shorter neighbour (b)
    ]);
  });

  it('names a chapter from the title text over it first, and from spoken words last', () => {
    const map = buildEditMap(draft([clip('a', 0, 15, 'IMG_0001.MOV'), clip('b', 0, 15, 'IMG_0002.MOV'), clip('c', 0, 15, 'IMG_0003.MOV')], {
      texts: [{ s: 15_000, e: 18_000, m: { text: 'The <big> climb' } }],
    }));
    const r = makeChapters(map, [{ start: 0.4, end: 2, text: 'so this is where we start, right' }, { start: 31, end: 33, text: '到了山顶' }], 'en');
    assert.deepEqual(r.chapters, [
      { seconds: 0, title: 'So this is where we' },
      { seconds: 15, title: 'The big climb' },
      { seconds: 30, title: '到了山顶' },
    ]);
  });

  it('cannot satisfy the rules: too short, too few long parts, a vertical Short — no chapters, and the reason', () => {
    assert.deepEqual(makeChapters(buildEditMap(draft([clip('a', 0, 12), clip('b', 0, 12)])), [], 'en'), { chapters: [], reason: 'short' });
    assert.deepEqual(makeChapters(buildEditMap(draft([clip('a', 0, 25), clip('b', 0, 25)])), [], 'en'), { chapters: [], reason: 'too-few' });
    const many = [clip('a', 0, 11), clip('b', 0, 11), clip('c', 0, 11), clip('d', 0, 11)];
    assert.deepEqual(makeChapters(buildEditMap(draft(many, { width: 1080, height: 1920 })), [], 'en'), { chapters: [], reason: 'vertical-short' });
    // The same cut horizontal has chapters.
    assertYoutubeRules(makeChapters(buildEditMap(draft(many)), [], 'en').chapters, 44);
  });

  it('many short clips are merged until each chapter is at least 10 s, whatever the lengths', () => {
    for (let seed = 1; seed <= 40; seed++) {
      let x = seed;
      const rnd = (): number => ((x = (x * 48271) % 2147483647) / 2147483647);
      const clips = Array.from({ length: 5 + (seed % 20) }, (_v, i) => clip(`s${i}`, 0, 1 + Math.round(rnd() * 14), `scene_${i}.mp4`));
      const map = buildEditMap(draft(clips));
      const r = makeChapters(map, [], 'en');
      if (r.reason === 'ok') assertYoutubeRules(r.chapters, map.durationSec);
      else assert.equal(r.chapters.length, 0);
    }
  });
});

describe('kit: title, description, tags and the files', () => {
  const map = buildEditMap(draft([card('intro', 3, 'Three days on the coast'), clip('a', 0, 20, 'my_trip_day1.mp4'), clip('b', 0, 20, 'my_trip_day2.mp4'), clip('c', 0, 20, 'harbour.mp4')]));

  it('cuts an over-long title at a word boundary within 100 characters', () => {
    const long = 'A very long title about a walk along the harbour at night with friends and a dog that keeps running away from everyone';
    const t = cutAtWord(long, 100);
    assert.ok(Array.from(t).length <= 100);
    assert.match(t, /away…$|from…$|everyone$|running…$|keeps…$|that…$/);
    assert.ok(long.startsWith(t.slice(0, -1)));
    assert.equal(Array.from(cutAtWord('长'.repeat(150), 100)).length, 100);
    assert.equal(makeTitle(buildEditMap(draft([clip('a', 0, 5)], { title: long })), []).length <= 100, true);
  });

  it('the description lists the chapters as "0:00 Name" lines and stays within 5000 bytes', () => {
    const ch = makeChapters(map, [], 'en');
    const title = makeTitle(map, ch.chapters);
    assert.equal(title, 'Three days on the coast');
    const d = makeDescription(map, ch.chapters, title, 'en', 'x.srt');
    assert.match(d, /\n0:00 My trip day 1\n0:23 My trip day 2\n0:43 Harbour/);
    const huge = buildEditMap(draft(Array.from({ length: 400 }, (_v, i) => clip(`s${i}`, 0, 11, `a_really_quite_long_clip_name_number_${i}_with_words.mp4`))));
    const hc = makeChapters(huge, [], 'zh');
    const hd = makeDescription(huge, hc.chapters, '标题', 'zh', null);
    assert.ok(Buffer.byteLength(hd, 'utf8') <= 5000, `${Buffer.byteLength(hd, 'utf8')} bytes`);
    assert.match(hd, /章节:\n0:00 /);
  });

  it('tags are unique, without "<>", and joined with commas within 500 characters', () => {
    const tags = makeTags(map, 'Three days on the coast', makeChapters(map, [], 'en').chapters);
    assert.ok(tags.includes('three days on the coast') && tags.includes('harbour'));
    assert.equal(new Set(tags).size, tags.length);
    const huge = buildEditMap(draft(Array.from({ length: 200 }, (_v, i) => clip(`s${i}`, 0, 11, `topic_${i}_word${i}x.mp4`))));
    const many = makeTags(huge, 'T', []);
    assert.ok(many.map((t) => (t.includes(' ') ? `"${t}"` : t)).join(',').length <= 500);
  });

  it('the json has exactly the fields of the issue and reads back; the page holds the same', () => {
    const kit = { title: 'T', description: 'D\n0:00 A', tags: ['a'], chapters: [{ seconds: 0, title: 'A' }], thumbnail: 'v.jpg', thumbnails: ['v.jpg', 'v.thumbnail-2.jpg'], captions: [], video: 'v.mp4', durationSeconds: 42 };
    const text = kitJson({ ...kit, extra: 1 } as typeof kit);
    assert.deepEqual(Object.keys(JSON.parse(text)), ['title', 'description', 'tags', 'chapters', 'thumbnail', 'thumbnails', 'captions', 'video', 'durationSeconds']);
    assert.deepEqual(parseKit(text), kit);
    assert.equal(parseKit('{"title":1}'), null);
    const md = kitPage(kit, 'zh', { captionsWhy: '没有' });
    assert.match(md, /## 标题\n\n```text\nT\n```/);
    assert.match(md, /- 0:00 A/);
    assert.match(md, /没有字幕：没有/);
  });

  it('every kit string exists in English and Chinese', () => {
    for (const k of kitKeys()) {
      assert.ok(kitTable('en')[k]);
      assert.ok(kitTable('zh')[k], `zh missing ${k}`);
      assert.deepEqual((kitTable('zh')[k].match(/\{\w+\}/g) ?? []).sort(), (kitTable('en')[k].match(/\{\w+\}/g) ?? []).sort(), k);
    }
  });
});
