// Pure chat pieces: ADK frame decoding, partial→aggregate text, GUI-phrase translation and intent routing
// (English and Chinese), trailing-noise removal, progress labels.
import * as assert from 'node:assert/strict';
import { translateGuiPhrases } from '../../../src/core/chat/gui';
import { routeIntent } from '../../../src/core/chat/intents';
import { dropTrailingNoise } from '../../../src/core/chat/noise';
import { progressLabel } from '../../../src/core/chat/progress';
import { decodeFrame, TextAccumulator } from '../../../src/core/sse/decode';

const ev = (o: unknown): string => JSON.stringify(o);

describe('core/sse frame decoding', () => {
  it('heartbeats: empty data and {"type":"heartbeat"}', () => {
    assert.deepEqual(decodeFrame(''), { kind: 'heartbeat' });
    assert.deepEqual(decodeFrame('  '), { kind: 'heartbeat' });
    assert.deepEqual(decodeFrame('{"type":"heartbeat"}'), { kind: 'heartbeat' });
  });

  it('text parts shown, thought parts hidden, unknown keys ignored, both timestamp forms accepted', () => {
    const f = decodeFrame(ev({ content: { role: 'model', parts: [{ text: 'secret plan', thought: true }, { text: 'Hello' }] }, partial: true, timestamp: 1732470000.123, futureKey: 1 }));
    assert.ok(f.kind === 'event');
    assert.equal(f.text, 'Hello');
    assert.equal(f.partial, true);
    const g = decodeFrame(ev({ content: { parts: [{ text: 'x' }] }, timestamp: 1732470000123 }));
    assert.ok(g.kind === 'event' && g.text === 'x' && !g.partial);
  });

  it('ADK customMetadata.plannerOutcome (the local engine\'s label) is read; other metadata and its absence are not', () => {
    const f = decodeFrame(ev({ content: { role: 'model', parts: [{ text: 'x' }] }, customMetadata: { plannerOutcome: 'not-understood' } }));
    assert.ok(f.kind === 'event' && f.plannerOutcome === 'not-understood');
    const snake = decodeFrame(ev({ content: { parts: [{ text: 'x' }] }, custom_metadata: { plannerOutcome: 'edit' } }));
    assert.ok(snake.kind === 'event' && snake.plannerOutcome === 'edit');
    for (const meta of [undefined, { other: 1 }, { plannerOutcome: 3 }, 'not-understood']) {
      const g = decodeFrame(ev({ content: { parts: [{ text: 'x' }] }, customMetadata: meta }));
      assert.ok(g.kind === 'event' && !('plannerOutcome' in g), JSON.stringify(meta));
    }
  });

  it('function calls and results are tool activity, never text (results come with role "user")', () => {
    const call = decodeFrame(ev({ content: { role: 'model', parts: [{ functionCall: { id: '1', name: 'add_bgm', args: {} } }] } }));
    assert.ok(call.kind === 'event');
    assert.deepEqual(call.tools, [{ name: 'add_bgm', phase: 'call' }]);
    assert.equal(call.text, '');
    const result = decodeFrame(ev({ content: { role: 'user', parts: [{ functionResponse: { id: '1', name: 'add_bgm', response: { text: 'done' } } }] }, author: 'nemo_agent' }));
    assert.ok(result.kind === 'event' && result.text === '' && result.tools[0]!.phase === 'result');
  });

  it('{"error":…} frames and ADK errorCode/errorMessage are errors; invalid JSON is unparsable', () => {
    assert.deepEqual(decodeFrame('{"error":"boom"}'), { kind: 'error', message: 'boom' });
    assert.deepEqual(decodeFrame('{"error":{"message":"deep"}}'), { kind: 'error', message: 'deep' });
    assert.deepEqual(decodeFrame(ev({ errorCode: 'SAFETY', errorMessage: 'blocked' })), { kind: 'error', message: 'blocked', code: 'SAFETY' });
    assert.equal(decodeFrame('{"error": oops').kind, 'unparsable');
    assert.equal(decodeFrame('[DONE]').kind, 'unparsable');
  });

  it('partial chunks append; the aggregate replaces them; separate messages become paragraphs', () => {
    const acc = new TextAccumulator();
    const p = (text: string, partial: boolean) => decodeFrame(ev({ content: { role: 'model', parts: [{ text }] }, partial }));
    acc.apply(p('Hel', true));
    acc.apply(p('lo wor', true));
    assert.equal(acc.text(), 'Hello wor');
    acc.apply(p('Hello world!', false));
    assert.equal(acc.text(), 'Hello world!');
    acc.apply(decodeFrame(ev({ content: { role: 'model', parts: [{ functionCall: { name: 'trim' } }] } })));
    acc.apply(p('Trimmed', true));
    assert.equal(acc.text(), 'Hello world!\n\nTrimmed');
    acc.apply(p('Trimmed the end.', false));
    assert.equal(acc.text(), 'Hello world!\n\nTrimmed the end.');
  });

  it('reports a visible change exactly when the shown text changes (whitespace chunks, identical aggregate, closing event)', () => {
    const acc = new TextAccumulator();
    const p = (text: string, partial: boolean) => decodeFrame(ev({ content: { role: 'model', parts: [{ text }] }, partial }));
    assert.equal(acc.apply(p('  ', true)), false, 'a whitespace-only chunk shows nothing');
    assert.equal(acc.apply(p('Hi', true)), true);
    assert.equal(acc.apply(p(' there', true)), true);
    assert.equal(acc.apply(p('Hi there!', false)), true, 'the aggregate differs from the streamed chunks');
    assert.equal(acc.text(), 'Hi there!');
    assert.equal(acc.apply(p('Next', true)), true);
    assert.equal(acc.apply(p('Next', false)), false, 'an aggregate equal to the streamed text changes nothing');
    assert.equal(acc.apply(p('More', true)), true);
    assert.equal(acc.apply(decodeFrame(ev({ content: { role: 'model', parts: [] } }))), false, 'closing keeps what is shown');
    assert.equal(acc.text(), 'Hi there!\n\nNext\n\nMore');
  });

  it('keeps a long streamed reply exact: 5 000 partial chunks then the aggregate', () => {
    const acc = new TextAccumulator();
    const p = (text: string, partial: boolean) => decodeFrame(ev({ content: { role: 'model', parts: [{ text }] }, partial }));
    const words = Array.from({ length: 5000 }, (_, i) => `w${i} `);
    for (const w of words) assert.equal(acc.apply(p(w, true)), true);
    assert.equal(acc.text(), words.join(''));
    assert.equal(acc.apply(p(words.join(''), false)), false);
    assert.equal(acc.text(), words.join(''));
  });
});

describe('core/chat GUI-phrase translation', () => {
  const cases: Array<[string, RegExp]> = [
    ['Click the Export button to download it.', /^say "export" to render and download it\.$/],
    ['Press [Export] when ready', /^say "export" to render and download it when ready$/],
    ['Please check your account billing page.', /say "credits" to see your balance/],
    ['You can preview it in the timeline.', /say "status" to see the track summary/],
    ['Open the media panel to see your clips.', /say "status" to see the current state\./],
    ['Drag the clip to the start.', /describe the change in a message/],
    ['Click the "Add Music" button.', /ask me to "add music"/],
    ['请点击“导出”按钮下载视频。', /输入“导出”即可渲染并下载/],
    ['打开素材面板查看', /输入“状态”查看当前状态/],
    ['拖拽片段到开头', /用一句话描述修改/],
    ['查看账户余额', /输入“积分”查看余额/],
    ['在时间线上预览效果', /输入“状态”查看轨道摘要/],
    ['点击“添加字幕”按钮', /让我“添加字幕”/],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}"`, () => assert.match(translateGuiPhrases(input), expected));
  }

  it('leaves ordinary text alone', () => {
    const s = 'I trimmed the intro to 3 s and added a title card. 已添加片头。';
    assert.equal(translateGuiPhrases(s), s);
  });
});

describe('core/chat intent routing', () => {
  const routes: Array<[string, string]> = [
    ['export', 'export'], ['Export it please', 'export'], ['download', 'download'], ['send me the video', 'export'], ['render the final video now', 'export'],
    ['导出', 'export'], ['请导出视频', 'export'], ['下载', 'export'],
    ['credits', 'credits'], ['balance?', 'credits'], ["what's my balance", 'credits'], ['how many credits do I have left?', 'credits'], ['积分', 'credits'], ['余额', 'credits'], ['查询积分', 'credits'],
    ['status', 'status'], ['show tracks', 'status'], ['show me the timeline', 'status'], ['状态', 'status'], ['查看轨道', 'status'],
    ['upload', 'upload'], ['upload more footage', 'upload'], ['上传', 'upload'], ['上传素材', 'upload'],
    ['add lo-fi music and export later', 'chat'], ['make the status text bigger', 'chat'], ['generate a video with intro, cuts and outro', 'chat'], ['把背景音乐调小', 'chat'], ['导出前加一个片尾', 'chat'],
  ];
  for (const [text, intent] of routes) {
    const want = intent === 'download' ? 'export' : intent;
    it(`"${text}" → ${want}`, () => assert.equal(routeIntent(text), want));
  }

  it('attachments with no text are an upload; with a request, the request is routed', () => {
    assert.equal(routeIntent('', { hasAttachments: true }), 'upload');
    assert.equal(routeIntent('make a short from these', { hasAttachments: true }), 'chat');
  });
});

describe('core/chat noise and progress', () => {
  it('drops a trailing "temporary issue" line after real output, keeps it when it is all there is', () => {
    assert.equal(dropTrailingNoise('Added music.\n\nI encountered a temporary issue. Please try again.'), 'Added music.');
    assert.equal(dropTrailingNoise('Added music. I encountered a temporary issue.'), 'Added music.');
    assert.equal(dropTrailingNoise('I encountered a temporary issue.'), 'I encountered a temporary issue.');
    assert.equal(dropTrailingNoise('已添加音乐。\n我遇到了临时问题，请重试。'), '已添加音乐。');
  });

  it('maps tool names to progress labels in both languages', () => {
    assert.equal(progressLabel('edit_timeline', 'en'), 'Editing timeline…');
    assert.equal(progressLabel('add_bgm', 'en'), 'Adding music…');
    assert.equal(progressLabel('add_intro_card', 'en'), 'Adding text…');
    assert.equal(progressLabel('something_new', 'en'), 'Working…');
    assert.equal(progressLabel('edit_timeline', 'zh'), '正在编辑时间线…');
  });
});
