// "Burn the captions in" (EN/ZH) reaches the upload kit through the draft: the planner only records the wish
// (m.burnCaptions), because captions are the client's files. Other caption requests get an honest answer
// that says where captions come from.
import * as assert from 'node:assert/strict';
import type { CompactDraft, MediaInfo } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';

const clip: MediaInfo = { id: 'm1', filename: 'talk.mp4', path: '/x/talk.mp4', kind: 'video', duration: 10, width: 1920, height: 1080, fps: 30, hasAudio: true, hash: 'h', size: 1, url: '' };

async function turn(text: string, draft: CompactDraft | null, language: 'en' | 'zh' = 'en') {
  return plan(text, { draft, media: [clip], language, detectSilences: async () => [] });
}

describe('planner: burn the captions in', () => {
  it('EN and ZH requests set m.burnCaptions; "don\'t burn" clears it; the rest of the draft is untouched', async () => {
    const base = (await turn('add an intro titled Talk', null)).draft!;
    for (const [text, lang] of [['burn the captions in', 'en'], ['please hardcode the subtitles into the video', 'en'], ['把字幕烧录进视频', 'zh'], ['烧录字幕', 'zh']] as const) {
      const r = await turn(text, base, lang);
      assert.equal(r.draft?.m?.burnCaptions, true, text);
      assert.deepEqual(r.toolCalls.map((c) => c.name), ['burn_captions'], text);
      assert.deepEqual(r.draft?.t, base.t, `${text}: tracks unchanged`);
      assert.match(r.reply ?? '', lang === 'zh' ? /烧录字幕/ : /burned in/);
    }
    const on = (await turn('burn the captions in', base)).draft!;
    const off = await turn("don't burn the captions in", on);
    assert.equal(off.draft?.m?.burnCaptions, undefined);
    assert.deepEqual(off.toolCalls.map((c) => c.args), [{ on: false }]);
  });

  it('asking for captions or a thumbnail says where they come from instead of refusing', async () => {
    const base = (await turn('add an intro titled Talk', null)).draft!;
    const cap = await turn('add captions', base);
    assert.match(cap.reply ?? '', /\.srt or \.vtt named like your clip/);
    assert.equal(cap.toolCalls.length, 0);
    const th = await turn('make a thumbnail', base, 'zh');
    assert.match(th.reply ?? '', /缩略图/);
  });
});
