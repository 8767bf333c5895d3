// The planner, one instruction family at a time, in English and (where supported) Chinese.
import * as assert from 'node:assert/strict';
import { plan } from '../../../src/engine/planner';
import { GENERATED_BED } from '../../../src/engine/planner/format';
import { TWO_CLIPS, ctx, last, media, track, turns, videoSegs } from './fixtures';

describe('planner: base draft', () => {
  it('builds the timeline from the uploads in upload order on the first turn', async () => {
    const r = await plan('add an intro titled Hello', ctx());
    const clips = videoSegs(r.draft).filter((s) => s.k === 'clip');
    assert.deepEqual(clips.map((s) => s.src), ['m1', 'm2']);
    assert.equal(r.toolCalls[0].name, 'create_timeline');
    assert.equal(r.draft?.m?.width, 1920);
    assert.equal(r.draft?.m?.height, 1080);
    assert.equal(r.draft?.m?.fps, 30);
    assert.equal(r.draft?.d, 3000 + 80000);
  });

  it('takes a vertical canvas from a vertical first clip and 60 fps from a 60 fps source', async () => {
    const r = await plan('hi', ctx({ media: [media('v', 'phone.mov', { width: 1080, height: 1920, fps: 59.94, duration: 10 })] }));
    assert.equal(r.draft?.m?.aspect, '9:16');
    assert.equal(r.draft?.m?.fps, 60);
  });

  it('asks for an upload when there is nothing to edit, spending nothing', async () => {
    const r = await plan('add an intro', ctx({ media: [] }));
    assert.equal(r.draft, null);
    assert.equal(r.credits, 0);
    assert.match(r.reply ?? '', /Upload a video first/);
  });

  it('appends a clip uploaded after the timeline was built, before the outro', async () => {
    const rs = await turns(['add an outro'], { media: [TWO_CLIPS[0]] });
    const r = await plan('add crossfades', ctx({ draft: last(rs).draft, media: TWO_CLIPS }));
    const segs = videoSegs(r.draft);
    assert.deepEqual(segs.map((s) => s.k === 'card' ? 'outro' : s.src), ['m1', 'm2', 'outro']);
    assert.ok(r.toolCalls.some((c) => c.name === 'add_clips'));
  });
});

describe('planner: intro and outro cards', () => {
  it('adds an intro card titled from the message (unquoted and quoted)', async () => {
    for (const msg of ['add an intro titled My Trip', 'add an intro titled "My Trip"']) {
      const r = await plan(msg, ctx());
      const first = videoSegs(r.draft)[0];
      assert.equal(first.k, 'card');
      assert.equal(first.m.role, 'intro');
      assert.equal(first.m.title, 'My Trip');
      assert.equal(r.toolCalls[1].name, 'add_intro_card');
      assert.match(r.reply ?? '', /intro card "My Trip"/);
    }
  });

  it('titles an intro from the file name when none is given, and replaces rather than stacks intros', async () => {
    const rs = await turns(['add an intro', 'add an intro titled Second']);
    assert.equal(videoSegs(rs[0].draft)[0].m.title, 'City Timelapse');
    const cards = videoSegs(last(rs).draft).filter((s) => s.k === 'card');
    assert.equal(cards.length, 1);
    assert.equal(cards[0].m.title, 'Second');
  });

  it('understands the intro in Chinese', async () => {
    const r = await plan('加一个片头，标题为「我的旅行」', ctx({ language: 'zh' }));
    assert.equal(videoSegs(r.draft)[0].m.title, '我的旅行');
    assert.match(r.reply ?? '', /片头/);
  });

  it('adds an outro card last for "add an outro" and "thanks for watching" (and 片尾)', async () => {
    for (const [msg, language] of [['add an outro', 'en'], ['thanks for watching', 'en'], ['加个片尾', 'zh']] as const) {
      const r = await plan(msg, ctx({ language }));
      const segs = videoSegs(r.draft);
      const outro = segs[segs.length - 1];
      assert.equal(outro.k, 'card', msg);
      assert.equal(outro.m.role, 'outro');
      assert.equal(outro.m.title, language === 'zh' ? '感谢观看' : 'Thanks for watching');
    }
  });

  it('removes an intro on request', async () => {
    const rs = await turns(['add an intro', 'remove the intro']);
    assert.ok(videoSegs(last(rs).draft).every((s) => s.k === 'clip'));
  });
});

describe('planner: title overlays', () => {
  it('adds a title for the first 3 seconds without cutting anything', async () => {
    const r = await plan("add title 'Urban Dreams' for the first 3 seconds", ctx());
    const titles = track(r.draft, 7)?.sg ?? [];
    assert.equal(titles.length, 1);
    assert.equal(titles[0].m.text, 'Urban Dreams');
    assert.deepEqual([titles[0].s, titles[0].e], [0, 3000]);
    assert.equal(r.draft?.d, 80000, 'the title phrase must not read as a trim');
  });

  it('takes other time forms: from/to, at … for, and keeps text verbatim', async () => {
    const r1 = await plan('add text "Part 2: 100% done" from 0:05 to 0:08', ctx());
    const t1 = track(r1.draft, 7)?.sg[0];
    assert.equal(t1?.m.text, 'Part 2: 100% done');
    assert.deepEqual([t1?.s, t1?.e], [5000, 8000]);
    const r2 = await plan('show title "Hi" at 10s for 2 seconds', ctx());
    const t2 = track(r2.draft, 7)?.sg[0];
    assert.deepEqual([t2?.s, t2?.e], [10000, 12000]);
  });

  it('moves a title that would cover an intro card\'s own text to the bottom', async () => {
    const rs = await turns(['add an intro', "add title 'Urban Dreams' for the first 3 seconds", "add title 'Later' from 0:10 to 0:12"]);
    const titles = track(last(rs).draft, 7)?.sg ?? [];
    assert.deepEqual(titles.map((t) => t.m.pos), ['bottom', 'center']);
  });

  it('starts a title without times where the footage starts, after the intro', async () => {
    const rs = await turns(['add an intro', 'add title "Chapter 1"']);
    const t = track(last(rs).draft, 7)?.sg[0];
    assert.deepEqual([t?.s, t?.e, t?.m.pos], [3000, 6000, 'center']);
  });

  it('removes titles on request (and 删除标题)', async () => {
    const rs = await turns(["add title 'A' for 2 seconds", 'remove the titles']);
    assert.equal(track(last(rs).draft, 7), undefined);
    assert.match(last(rs).reply ?? '', /Removed 1 title/);
    const zh = await turns(["add title 'A' for 2 seconds", '删除标题'], { language: 'zh' });
    assert.equal(track(last(zh).draft, 7), undefined);
  });

  it('understands a Chinese title request', async () => {
    const r = await plan('前3秒显示标题“城市之梦”', ctx({ language: 'zh' }));
    const t = track(r.draft, 7)?.sg[0];
    assert.equal(t?.m.text, '城市之梦');
    assert.deepEqual([t?.s, t?.e], [0, 3000]);
  });
});

describe('planner: cuts on the footage', () => {
  const footage = (r: { draft: unknown }) => videoSegs(r.draft as never).filter((s) => s.k === 'clip').map((s) => [s.src, s.in, s.out]);

  it('trims the first 10 seconds', async () => {
    const r = await plan('trim the first 10 seconds', ctx());
    assert.deepEqual(footage(r), [['m1', 10000, 60000], ['m2', 0, 20000]]);
    assert.equal(r.draft?.d, 70000);
  });

  it('removes the last 20 seconds (a whole clip here)', async () => {
    const r = await plan('remove the last 20 seconds', ctx());
    assert.deepEqual(footage(r), [['m1', 0, 60000]]);
  });

  it('cuts a range that crosses a clip boundary: from 0:30 to 1:05', async () => {
    const r = await plan('cut from 0:30 to 1:05', ctx());
    assert.deepEqual(footage(r), [['m1', 0, 30000], ['m2', 5000, 20000]]);
  });

  it('keeps only 0:10–0:40', async () => {
    const r = await plan('keep 0:10–0:40', ctx());
    assert.deepEqual(footage(r), [['m1', 10000, 40000]]);
    assert.equal(r.draft?.d, 30000);
  });

  it('splits a clip for a cut in its middle and leaves cards alone', async () => {
    const rs = await turns(['add an intro', 'cut 0:10 to 0:20']);
    const segs = videoSegs(last(rs).draft);
    assert.equal(segs[0].k, 'card');
    assert.deepEqual(footage(last(rs)), [['m1', 0, 10000], ['m1', 20000, 60000], ['m2', 0, 20000]]);
  });

  it('understands Chinese cuts: 剪掉前10秒, 删掉最后5秒', async () => {
    const rs = await turns(['剪掉前10秒', '删掉最后5秒'], { language: 'zh' });
    assert.deepEqual(footage(last(rs)), [['m1', 10000, 60000], ['m2', 0, 15000]]);
  });

  it('says so when a cut starts past the end, and changes nothing', async () => {
    const base = (await plan('hi', ctx())).draft;
    const r = await plan('cut from 5:00 to 6:00', ctx({ draft: base }));
    assert.deepEqual(r.draft, base);
    assert.equal(r.credits, 0);
    assert.match(r.reply ?? '', /only 1:20 long/);
  });
});

describe('planner: cuts that would remove everything', () => {
  it('refuses a cut that leaves no footage and keeps the draft', async () => {
    const base = (await plan('hi', ctx())).draft;
    const r = await plan('trim the first 100 seconds', ctx({ draft: base }));
    assert.deepEqual(r.draft, base);
    assert.equal(r.credits, 0);
    assert.match(r.reply ?? '', /would cut all 1:20 of the footage/);
  });

  it('keeps a clip that is silent throughout instead of deleting it', async () => {
    const r = await plan('remove silences', ctx({ silences: { m2: [[0, 20]] } }));
    assert.equal(r.draft?.d, 80000);
    assert.match(r.reply ?? '', /clip2\.mp4 is silent throughout, so it was kept whole/);
  });
});

describe('planner: silence removal', () => {
  it('cuts detected silences keeping 0.2 s of margin on each side', async () => {
    const r = await plan('remove the silences', ctx({ silences: { m1: [[5, 8], [59.5, 60]], m2: [[0, 0.3]] } }));
    const clips = videoSegs(r.draft).filter((s) => s.k === 'clip').map((s) => [s.src, s.in, s.out]);
    // 5–8 s becomes 5.2–7.8 s; a silence that ends the file (59.5–60) needs no margin after it; one that starts it (0–0.3) keeps 0.2 s before the speech.
    assert.deepEqual(clips, [['m1', 0, 5200], ['m1', 7800, 59700], ['m2', 100, 20000]]);
    const call = r.toolCalls.find((c) => c.name === 'remove_silences');
    assert.equal(call?.args.margin_ms, 200);
  });

  it('understands "dead air" and 去除静音', async () => {
    for (const [msg, language] of [['cut out the dead air', 'en'], ['去除静音', 'zh']] as const) {
      const c = ctx({ silences: { m1: [[1, 3]] }, language });
      const r = await plan(msg, c);
      assert.deepEqual(c.detected, ['m1', 'm2'], msg);
      assert.equal(r.draft?.d, 80000 - 1600, msg);
    }
  });
});

describe('planner: background music', () => {
  it('adds the generated bed at 35%, ducked, when no audio was uploaded', async () => {
    const r = await plan('add lo-fi BGM at 35%', ctx());
    const mu = track(r.draft, 1);
    assert.equal(mu?.sg[0].src, GENERATED_BED);
    assert.equal(mu?.sg[0].m.volume, 0.35);
    assert.equal(mu?.sg[0].m.duck, true);
    assert.equal(mu?.sg[0].m.name, 'generated bed');
    assert.equal(mu?.sg[0].e, r.draft?.d);
  });

  it('uses an uploaded audio file, and honours "without ducking"', async () => {
    const all = [...TWO_CLIPS, media('a1', 'song.mp3')];
    const r = await plan('add background music at 20% without ducking', ctx({ media: all }));
    const seg = track(r.draft, 1)?.sg[0];
    assert.equal(seg?.src, 'a1');
    assert.equal(seg?.m.volume, 0.2);
    assert.equal(seg?.m.duck, false);
    // Audio is music material, never a video clip.
    assert.ok(videoSegs(r.draft).every((s) => s.src !== 'a1'));
  });

  it('prefers an uploaded audio file for "lo-fi BGM", and the bed only when asked for "generated"', async () => {
    const all = [...TWO_CLIPS, media('a1', 'song.mp3')];
    assert.equal(track((await plan('add lo-fi BGM at 35%', ctx({ media: all }))).draft, 1)?.sg[0].src, 'a1');
    assert.equal(track((await plan('add the generated music bed', ctx({ media: all }))).draft, 1)?.sg[0].src, GENERATED_BED);
  });

  it('changes the music volume as a silent edit (reply null) and removes music with a reply', async () => {
    const rs = await turns(['add music', 'set the music volume to 10%', 'remove the music']);
    assert.equal(rs[1].reply, null);
    assert.equal(rs[1].toolCalls[0].name, 'set_music_volume');
    assert.equal(track(rs[1].draft, 1)?.sg[0].m.volume, 0.1);
    assert.equal(track(rs[2].draft, 1), undefined);
    assert.match(rs[2].reply ?? '', /Removed the background music/);
  });

  it('understands 加背景音乐 30%', async () => {
    const r = await plan('加背景音乐 30%', ctx({ language: 'zh' }));
    assert.equal(track(r.draft, 1)?.sg[0].m.volume, 0.3);
    assert.match(r.reply ?? '', /背景音乐/);
  });
});

describe('planner: transitions and fades', () => {
  it('crossfades between different clips and cards, never inside a cut clip', async () => {
    const rs = await turns(['add an intro', 'cut 0:10 to 0:20', 'add 1 second crossfades']);
    const segs = videoSegs(last(rs).draft);
    assert.deepEqual(segs.map((s) => s.xf ?? 0), [0, 1000, 0, 1000]);
    assert.equal(last(rs).draft?.d, 3000 + 70000 - 2000);
  });

  it('removes crossfades for "no transitions" and sets fades in and out', async () => {
    const rs = await turns(['add crossfades', 'no transitions', 'fade in and out']);
    assert.ok(videoSegs(last(rs).draft).every((s) => !s.xf));
    assert.equal(last(rs).draft?.m?.fadeIn, 500);
    assert.equal(last(rs).draft?.m?.fadeOut, 1000);
  });

  it('understands 转场 and 淡入淡出', async () => {
    const rs = await turns(['加转场', '淡入淡出'], { language: 'zh' });
    assert.equal(videoSegs(rs[0].draft)[1].xf, 500);
    assert.equal(last(rs).draft?.m?.fadeOut, 1000);
  });
});

describe('planner: aspect ratio (silent edits)', () => {
  it('makes it 9:16 for Shorts with no text reply, and fill on request', async () => {
    const rs = await turns(['make it 9:16 for Shorts', 'fill the frame']);
    assert.equal(rs[1].reply, null);
    assert.equal(rs[1].draft?.m?.width, 1080);
    assert.equal(rs[1].draft?.m?.height, 1920);
    assert.equal(rs[1].draft?.m?.fit, 'fill');
    assert.equal(rs[1].toolCalls[0].name, 'set_aspect');
    assert.match(rs[1].toolCalls[0].summary, /1080×1920/);
  });

  it('does 1:1 and 16:9, and 竖屏', async () => {
    const square = last(await turns(['hi', 'square please']));
    assert.deepEqual([square.draft?.m?.width, square.draft?.m?.height], [1080, 1080]);
    const wide = last(await turns(['hi', 'make it vertical', 'back to 16:9']));
    assert.deepEqual([wide.draft?.m?.width, wide.draft?.m?.height], [1920, 1080]);
    const zh = last(await turns(['hi', '改成竖屏'], { language: 'zh' }));
    assert.equal(zh.draft?.m?.aspect, '9:16');
  });
});

describe('planner: clip order', () => {
  const order = (r: { draft: unknown }) => videoSegs(r.draft as never).filter((s) => s.k === 'clip').map((s) => s.src);
  const three = [...TWO_CLIPS, media('m3', 'beach.mp4', { duration: 10 })];

  it('puts clip2 first (by file name) and "clip 3" last (by position)', async () => {
    const rs = await turns(['hi', 'put clip2 first', 'move clip 1 to the end'], { media: three });
    assert.deepEqual(order(rs[1]), ['m2', 'm1', 'm3']);
    assert.deepEqual(order(rs[2]), ['m2', 'm3', 'm1']);
  });

  it('swaps, moves before/after and reverses; the intro stays first', async () => {
    const rs = await turns(['add an intro', 'swap beach and clip2', 'put beach.mp4 after city_timelapse', 'reverse the order'], { media: three });
    assert.deepEqual(order(rs[1]), ['m1', 'm3', 'm2']);
    assert.deepEqual(order(rs[2]), ['m1', 'm3', 'm2']);
    assert.deepEqual(order(rs[3]), ['m2', 'm3', 'm1']);
    assert.equal(videoSegs(rs[3].draft)[0].k, 'card');
  });

  it('understands 把第二个视频放在最前面', async () => {
    const rs = await turns(['hi', '把第二个视频放在最前面'], { media: three, language: 'zh' });
    assert.deepEqual(order(last(rs)), ['m2', 'm1', 'm3']);
  });

  it('names the clips when the one asked for is not there', async () => {
    const rs = await turns(['hi', 'put sunset.mp4 first'], { media: three });
    assert.equal(last(rs).credits, 0);
    assert.match(last(rs).reply ?? '', /could not find "sunset\.mp4".*1\. city_timelapse\.mp4, 2\. clip2\.mp4, 3\. beach\.mp4/);
  });
});

describe('planner: one-shot YouTube video', () => {
  it('generates intro (from the file name), silence cuts and outro from raw footage', async () => {
    const c = ctx({ silences: { m1: [[10, 15]] } });
    const r = await plan('generate a YouTube-ready video with intro, cuts, and outro from my raw footage', c);
    const segs = videoSegs(r.draft);
    assert.equal(segs[0].m.role, 'intro');
    assert.equal(segs[0].m.title, 'City Timelapse');
    assert.equal(segs[segs.length - 1].m.role, 'outro');
    assert.deepEqual(c.detected, ['m1', 'm2']);
    assert.deepEqual(r.toolCalls.map((x) => x.name), ['create_timeline', 'remove_silences', 'add_intro_card', 'add_outro_card']);
    assert.equal(r.draft?.d, 3000 + 80000 - 4600 + 4000);
    assert.ok(r.reply && r.reply.split(/(?<=\.)\s/).length <= 3);
  });

  it('keeps the title of an intro the user already made', async () => {
    const rs = await turns(['add an intro titled Mine', 'generate a youtube video with intro and outro']);
    assert.equal(videoSegs(last(rs).draft)[0].m.title, 'Mine');
  });

  it('uses a given title, and 生成 in Chinese', async () => {
    const r = await plan('make a youtube video titled "Tokyo Nights"', ctx());
    assert.equal(videoSegs(r.draft)[0].m.title, 'Tokyo Nights');
    assert.equal(r.draft?.m?.title, 'Tokyo Nights');
    const zh = await plan('生成一个带片头和片尾的视频', ctx({ language: 'zh' }));
    const segs = videoSegs(zh.draft);
    assert.equal(segs[0].m.role, 'intro');
    assert.equal(segs[segs.length - 1].m.role, 'outro');
    assert.ok(!zh.toolCalls.some((x) => x.name === 'remove_silences'), 'only what was asked for');
  });
});

describe('planner: what it cannot do, and unknown requests', () => {
  it('does not pretend to transcribe captions: says where they come from and changes nothing', async () => {
    const base = (await plan('hi', ctx())).draft;
    const r = await plan('add captions', ctx({ draft: base }));
    assert.match(r.reply ?? '', /^I cannot transcribe speech here\. Captions come from a \.srt or \.vtt named like your clip/);
    assert.deepEqual(r.draft, base);
    assert.equal(r.credits, 0);
    assert.deepEqual(r.toolCalls, []);
    const zh = await plan('加字幕', ctx({ draft: base, language: 'zh' }));
    assert.match(zh.reply ?? '', /这里无法识别语音。字幕来自与片段同名的 \.srt 或 \.vtt/);
  });

  it('does what it can and says what it cannot in one turn', async () => {
    const r = await plan('add an outro and a voice-over', ctx());
    assert.ok(r.toolCalls.some((c) => c.name === 'add_outro_card'));
    assert.match(r.reply ?? '', /Voice-over needs the cloud backend/);
  });

  it('answers an unknown request with the list of what works, spending nothing', async () => {
    const base = (await plan('hi', ctx())).draft;
    const r = await plan('do the thing with the stuff', ctx({ draft: base }));
    assert.match(r.reply ?? '', /^I did not understand that request, so nothing in it was applied\. I can: add an intro/);
    assert.equal(r.understood, false);
    assert.equal(r.kind, 'not-understood');
    assert.deepEqual(r.draft, base);
    assert.equal(r.credits, 0);
    assert.deepEqual(r.draft, base);
    const zh = await plan('随便弄弄', ctx({ draft: base, language: 'zh' }));
    assert.match(zh.reply ?? '', /^我没有理解这个请求.*我可以/);
  });
});

describe('planner: determinism', () => {
  it('gives the same draft, calls and reply for the same input', async () => {
    const msgs = ['generate a youtube video with intro, cuts and outro', 'add lo-fi BGM at 35%', 'add crossfades'];
    const a = await turns(msgs, { silences: { m1: [[3, 6]] } });
    const b = await turns(msgs, { silences: { m1: [[3, 6]] } });
    assert.deepEqual(a, b);
  });
});
