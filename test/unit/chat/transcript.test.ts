// The transcript reducer: how the core's TurnEvents become what the panel shows.
import * as assert from 'node:assert/strict';
import { decodeDraft, NemoError, type RenderJob, type TurnEvent } from '../../../src/core';
import type { Entry } from '../../../src/shared/protocol';
import { recoverInterrupted, renderEntry, Transcript, TRANSCRIPT_LIMITS, TurnReducer, type TranscriptTexts } from '../../../src/vscode/chat/transcript';

const texts: TranscriptTexts = { stopped: 'Stopped listening.', checkStatus: 'Check status', interrupted: 'Interrupted by a reload.' };

function run(events: TurnEvent[], start: Entry[] = []): { entries: readonly Entry[]; upserts: Entry[]; removed: string[]; reducer: TurnReducer } {
  const t = new Transcript(start, 't');
  const upserts: Entry[] = [];
  const removed: string[] = [];
  const reducer = new TurnReducer(t, texts, { upsert: (e) => upserts.push(e), remove: (id) => removed.push(id) }, () => 1000);
  reducer.begin();
  for (const ev of events) reducer.apply(ev);
  return { entries: t.entries, upserts, removed, reducer };
}

const job = (over: Partial<RenderJob> = {}): RenderJob => ({ id: 'render_1', sessionId: 's1', status: 'pending', progress: 0, createdAt: 1, updatedAt: 1, ...over });

describe('chat transcript reducer', () => {
  it('streamed text replaces the reply (never appends), one assistant entry per turn', () => {
    const { entries } = run([
      { type: 'text', text: 'Added' },
      { type: 'text', text: 'Added an intro' },
      { type: 'text', text: 'Added an intro card.' },
      { type: 'done', outcome: 'text' },
    ]);
    assert.equal(entries.length, 1);
    const a = entries[0];
    assert.ok(a.kind === 'assistant');
    assert.equal(a.text, 'Added an intro card.');
    assert.equal(a.status, 'done');
  });

  it('progress lines are compact: consecutive duplicates dropped, at most 12 kept', () => {
    const labels = ['Editing timeline…', 'Editing timeline…', 'Adding music…', ...Array.from({ length: 20 }, (_, i) => `Step ${i}`)];
    const { entries } = run([...labels.map((label): TurnEvent => ({ type: 'progress', label })), { type: 'done', outcome: 'text' }]);
    const a = entries[0];
    assert.ok(a.kind === 'assistant');
    assert.equal(a.progress.length, TRANSCRIPT_LIMITS.progressLines);
    assert.equal(a.progress[a.progress.length - 1], 'Step 19');
    const { entries: e2 } = run([{ type: 'progress', label: 'Editing timeline…' }, { type: 'progress', label: 'Editing timeline…' }]);
    assert.ok(e2[0].kind === 'assistant');
    assert.deepEqual(e2[0].progress, ['Editing timeline…']);
  });

  it('still-working sets the elapsed time on the streaming reply', () => {
    const { entries } = run([{ type: 'still-working', elapsedMs: 120_000 }]);
    assert.ok(entries[0].kind === 'assistant');
    assert.equal(entries[0].stillWorkingMs, 120_000);
    assert.equal(entries[0].status, 'streaming');
  });

  it('a silent edit shows the summary card with the tracks; the empty reply bubble is removed', () => {
    const timeline = decodeDraft({ t: [{ tt: 0, sg: [{ d: 5000, m: { name: 'clip.mp4' } }], m: { name: 'Main' } }] }, 'en');
    const { entries, removed } = run([
      { type: 'summary', text: 'Done. Added track 1', timeline },
      { type: 'done', outcome: 'silent' },
    ]);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].kind, 'summary');
    assert.ok(entries[0].kind === 'summary' && entries[0].tracks.length === 1);
    assert.equal(removed.length, 1);
  });

  it('intents become cards: export → render card (tracked by job id), credits, status', () => {
    const timeline = decodeDraft({ t: [{ tt: 1, sg: [{ d: 3000 }], m: { name: 'Lo-fi', volume: 0.35 } }] }, 'en');
    const { entries, reducer } = run([
      { type: 'intent', intent: 'export', job: job({ progress: 12.6, status: 'processing' }), text: 'Export started' },
      { type: 'intent', intent: 'credits', credits: { available: 90, frozen: 2, total: 100 }, text: 'Credits: 90' },
      { type: 'intent', intent: 'status', timeline, text: 'Timeline (1 track)' },
      { type: 'done', outcome: 'text' },
    ]);
    assert.deepEqual(entries.map((e) => e.kind), ['render', 'credits', 'status']);
    const r = entries[0];
    assert.ok(r.kind === 'render' && r.jobId === 'render_1' && r.progress === 13 && r.status === 'processing');
    assert.equal(reducer.renderCards.get('render_1'), r.id);
    assert.ok(entries[1].kind === 'credits' && entries[1].available === 90);
    assert.ok(entries[2].kind === 'status' && entries[2].tracks.length === 1);
  });

  it('errors carry the one action from NemoError.action (label and url kept)', () => {
    const error = new NemoError({ kind: 'credits', userMessage: 'You are out of free credits.', action: { id: 'register', label: 'Register', url: 'https://nemovideo.com/register?bind=u1' } });
    const { entries } = run([{ type: 'error', error }, { type: 'done', outcome: 'error' }]);
    assert.equal(entries.length, 1);
    const e = entries[0];
    assert.ok(e.kind === 'error');
    assert.equal(e.text, 'You are out of free credits.');
    assert.deepEqual(e.action, { id: 'register', label: 'Register', url: 'https://nemovideo.com/register?bind=u1' });
  });

  it('an action the panel cannot perform ("none") is left out', () => {
    const error = new NemoError({ kind: 'bad-input', userMessage: 'Nope.', action: { id: 'none', label: 'OK' } });
    const { entries } = run([{ type: 'error', error }, { type: 'done', outcome: 'error' }]);
    assert.ok(entries[0].kind === 'error' && entries[0].action === undefined);
  });

  it('Stop: what arrived stays, the reply is marked stopped, the notice offers a status check', () => {
    const { entries } = run([{ type: 'text', text: 'Working on it' }, { type: 'notice', text: 'Stopped listening (core).' }, { type: 'done', outcome: 'stopped' }]);
    assert.deepEqual(entries.map((e) => e.kind), ['assistant', 'notice']);
    assert.ok(entries[0].kind === 'assistant' && entries[0].status === 'stopped' && entries[0].text === 'Working on it');
    const n = entries[1];
    assert.ok(n.kind === 'notice' && n.text === 'Stopped listening (core).' && n.action?.id === 'check-status');
  });

  it('Stop before anything arrived: one notice of our own with the status check', () => {
    const { entries } = run([{ type: 'done', outcome: 'stopped' }]);
    assert.equal(entries.length, 1);
    assert.ok(entries[0].kind === 'notice' && entries[0].text === texts.stopped && entries[0].action?.label === 'Check status');
  });

  it('Stop before the message reached the editor (sent: false): the core\'s notice stays as is, no status check offered', () => {
    const { entries } = run([{ type: 'notice', text: 'Stopped before your message was sent (core).' }, { type: 'done', outcome: 'stopped', sent: false }]);
    assert.equal(entries.length, 1, JSON.stringify(entries));
    assert.ok(entries[0].kind === 'notice' && entries[0].text === 'Stopped before your message was sent (core).' && entries[0].action === undefined);
  });

  it('[bad-input] huge text is clipped and the transcript keeps at most 200 entries', () => {
    const { entries } = run([{ type: 'text', text: 'x'.repeat(1_000_000) }]);
    assert.ok(entries[0].kind === 'assistant' && entries[0].text.length === TRANSCRIPT_LIMITS.entryChars);
    const t = new Transcript([], 'b');
    for (let i = 0; i < 250; i++) t.upsert({ kind: 'notice', id: t.newId(), text: String(i) });
    assert.equal(t.entries.length, TRANSCRIPT_LIMITS.entries);
    assert.ok(t.entries[0].kind === 'notice' && t.entries[0].text === '50');
  });

  it('render updates keep the card id and clamp progress', () => {
    const e = renderEntry('c1', job({ status: 'completed', progress: 140, localPath: '/tmp/out.mp4', outputUrl: 'http://127.0.0.1:1/x.mp4' }));
    assert.deepEqual(e, { kind: 'render', id: 'c1', jobId: 'render_1', status: 'completed', progress: 100, localPath: '/tmp/out.mp4', outputUrl: 'http://127.0.0.1:1/x.mp4' });
  });
});

describe('chat transcript after a reload', () => {
  it('a reply that was streaming is marked interrupted, a status check is offered, nothing is re-sent', () => {
    let n = 0;
    const before: Entry[] = [
      { kind: 'user', id: 'u', text: 'add lo-fi BGM at 35%', at: 1 },
      { kind: 'assistant', id: 'a', text: 'Adding mu', progress: ['Adding music…'], status: 'streaming', at: 2 },
      { kind: 'upload', id: 'up', name: 'clip.mp4', status: 'uploading', sentBytes: 10, totalBytes: 100 },
    ];
    const after = recoverInterrupted(before, texts, () => `r${++n}`);
    assert.equal(after.length, 4);
    assert.ok(after[1].kind === 'assistant' && after[1].status === 'interrupted' && after[1].text === 'Adding mu');
    assert.ok(after[2].kind === 'upload' && after[2].status === 'cancelled');
    const last = after[3];
    assert.ok(last.kind === 'notice' && last.text === texts.interrupted && last.action?.id === 'check-status');
    assert.equal(after.filter((e) => e.kind === 'user').length, 1, 'the user message is not duplicated');
  });

  it('a finished transcript is left alone', () => {
    const done: Entry[] = [{ kind: 'assistant', id: 'a', text: 'ok', progress: [], status: 'done', at: 1 }];
    assert.deepEqual(recoverInterrupted(done, texts, () => 'x'), done);
  });
});
