// Render Jobs view nodes and the job store, in plain Node: every state, the context values the menus
// match on, stored garbage, and the "needs work" rule the startup resume uses.
import * as assert from 'node:assert/strict';
import { MemoryStateStore, STORE_KEYS } from '../../../src/core';
import { isLocalBackendKey, JobStore, keysNeedingWork, needsWork, validJobs, type TrackedJob } from '../../../src/core/render/jobStore';
import { buildJobNode, buildJobNodes, jobState } from '../../../src/vscode/renders/nodes';

const base: TrackedJob = { id: 'render_1', sessionId: '1234567890123', status: 'processing', progress: 42, createdAt: Date.UTC(2026, 10, 24, 9, 5), updatedAt: 0 };

describe('render job nodes (pure)', () => {
  it('a running job spins and shows its progress, session and time', () => {
    const n = buildJobNode(base, { active: true });
    assert.equal(n.icon, 'loading~spin');
    assert.equal(n.description, 'Rendering 42%');
    assert.match(n.label, /^2026-11-24 \d\d:05 · session …890123$/);
    assert.equal(n.contextValue, 'renderJob.running.cancellable', 'Cancel Export is offered while the backend renders');
    assert.match(n.tooltip ?? '', /1234567890123/);
    assert.equal(buildJobNode({ ...base, status: 'pending', progress: 0 }, { active: true }).description, 'Queued');
  });

  it('a cancelled job shows "Cancelled" with its icon and offers no Cancel; a finished job being downloaded offers none either', () => {
    const n = buildJobNode({ ...base, status: 'cancelled' }, { active: false });
    assert.equal(n.icon, 'circle-slash');
    assert.equal(n.description, 'Cancelled');
    assert.equal(n.contextValue, 'renderJob.cancelled');
    const downloading = buildJobNode({ ...base, status: 'completed', progress: 100 }, { active: true, download: { received: 1, total: 10 } });
    assert.doesNotMatch(downloading.contextValue ?? '', /cancellable/);
  });

  it('uses the title when the export has one', () => {
    assert.match(buildJobNode({ ...base, title: 'Urban Dreams' }, { active: true }).label, / · Urban Dreams$/);
  });

  it('an unfinished job nobody polls is paused, with the last problem', () => {
    const n = buildJobNode(base, { active: false, problem: 'Could not reach the server' });
    assert.equal(jobState(base, undefined), 'paused');
    assert.equal(n.icon, 'debug-pause');
    assert.equal(n.description, 'Paused: Could not reach the server');
    assert.equal(n.contextValue, 'renderJob.paused.cancellable');
  });

  it('a completed, downloaded job shows size, duration and file; Open/Reveal/Copy link apply', () => {
    const done: TrackedJob = { ...base, status: 'completed', progress: 100, size: 12.3 * 1024 * 1024, durationSec: 65, localPath: '/x/Urban-2026.mp4', outputUrl: 'https://cdn/x.mp4' };
    const n = buildJobNode(done, undefined, { fileExists: () => true });
    assert.equal(n.description, '12.3 MB · 1:05 · Urban-2026.mp4');
    assert.equal(n.icon, 'pass');
    assert.equal(n.contextValue, 'renderJob.completed.file.link');
    assert.match(n.contextValue, /^renderJob\.completed.*\.file/, 'the Open/Reveal menu regex matches');
  });

  it('a completed job whose file is gone or never came says so and offers no Open', () => {
    const done: TrackedJob = { ...base, status: 'completed', progress: 100, localPath: '/gone.mp4' };
    const gone = buildJobNode(done, undefined, { fileExists: () => false });
    assert.equal(gone.description, 'File moved or deleted');
    assert.equal(gone.contextValue, 'renderJob.completed');
    assert.equal(gone.icon, 'cloud-download');
    const never = buildJobNode({ ...done, localPath: undefined }, { active: false, problem: 'HTTP 404' });
    assert.equal(never.description, 'Download failed: HTTP 404');
    assert.equal(buildJobNode({ ...done, localPath: undefined }, undefined).description, 'Not downloaded');
  });

  it('shows download progress while downloading', () => {
    const done: TrackedJob = { ...base, status: 'completed', progress: 100 };
    assert.equal(buildJobNode(done, { active: true, download: { received: 50, total: 200 } }).description, 'Downloading 25%');
    assert.equal(buildJobNode(done, { active: true, download: { received: 3 * 1024 * 1024 } }).description, 'Downloading 3.0 MB');
    assert.equal(buildJobNode(done, { active: true, download: { received: 1 } }).icon, 'loading~spin');
  });

  it('a failed job shows the reason', () => {
    const n = buildJobNode({ ...base, status: 'failed', error: 'engine restarted during render; export again' }, undefined);
    assert.equal(n.description, 'Failed: engine restarted during render; export again');
    assert.equal(n.icon, 'error');
    assert.equal(n.contextValue, 'renderJob.failed');
    assert.equal(buildJobNode({ ...base, status: 'failed' }, undefined).description, 'Failed: no reason given');
  });

  it('lists newest first, one node per job', () => {
    const jobs = [base, { ...base, id: 'render_3', createdAt: base.createdAt + 3 }, { ...base, id: 'render_2', createdAt: base.createdAt + 2 }];
    assert.deepEqual(buildJobNodes(jobs, new Map()).map((n) => n.id), ['render/render_3', 'render/render_2', 'render/render_1']);
  });
});

describe('render job store (pure, over the core StateStore)', () => {
  it('[bad-input] keeps only well-formed jobs from stored data', () => {
    assert.deepEqual(validJobs('nope'), []);
    assert.deepEqual(validJobs([null, 1, { id: '' }, { id: 'x', sessionId: 's', status: 'weird', createdAt: 1 }, base]).map((j) => j.id), ['render_1']);
  });

  it('needs work: unfinished, or completed without a file; never a finished, downloaded or failed job', () => {
    assert.equal(needsWork(base), true);
    assert.equal(needsWork({ ...base, status: 'completed' }), true);
    assert.equal(needsWork({ ...base, status: 'completed', localPath: '/a.mp4' }), false);
    assert.equal(needsWork({ ...base, status: 'failed' }), false);
  });

  it('finds the keys that need a resume, for any backend', async () => {
    const state = new MemoryStateStore();
    await state.update(STORE_KEYS.renderJobs('https://cloud'), [{ ...base, status: 'completed', localPath: '/a' }]);
    await state.update(STORE_KEYS.renderJobs('http://127.0.0.1:5'), [base]);
    await state.update('nemo.session:x', [base]);
    const keys = ['nemo.session:x', STORE_KEYS.renderJobs('https://cloud'), STORE_KEYS.renderJobs('http://127.0.0.1:5')];
    assert.deepEqual(keysNeedingWork(keys, (k) => state.get(k)), [STORE_KEYS.renderJobs('http://127.0.0.1:5')]);
  });

  it('limits the startup check to the configured backend; any earlier local-engine port counts as local', async () => {
    const state = new MemoryStateStore();
    const cloud = STORE_KEYS.renderJobs('https://api.example');
    const otherCloud = STORE_KEYS.renderJobs('https://other.example');
    const oldPort = STORE_KEYS.renderJobs('http://127.0.0.1:40000');
    const fixed = STORE_KEYS.renderJobs('local-engine');
    for (const k of [cloud, otherCloud, oldPort, fixed]) await state.update(k, [base]);
    const keys = [cloud, otherCloud, oldPort, fixed];
    const get = (k: string): unknown => state.get(k);
    assert.deepEqual(keysNeedingWork(keys, get, { kind: 'cloud', apiUrl: 'https://api.example' }), [cloud]);
    assert.deepEqual(keysNeedingWork(keys, get, { kind: 'local' }), [oldPort, fixed]);
    assert.equal(isLocalBackendKey('http://127.0.0.1:40000'), true);
    assert.equal(isLocalBackendKey('http://127.0.0.1:40000/api'), false);
    assert.equal(isLocalBackendKey('https://api.example'), false);
  });

  it('merges into, reads and removes from the workflow’s own key', async () => {
    const state = new MemoryStateStore();
    const store = new JobStore(state, 'https://cloud');
    await state.update(STORE_KEYS.renderJobs('https://cloud'), [base]);
    await store.merge({ ...base, title: 'T' });
    assert.equal(store.get('render_1')?.title, 'T');
    assert.equal(store.get('render_1')?.progress, 42, 'fields not in the patch are kept');
    await store.merge({ ...base, id: 'render_2', createdAt: base.createdAt + 1 });
    assert.deepEqual(store.all().map((j) => j.id), ['render_2', 'render_1']);
    await store.remove('render_1');
    assert.deepEqual(store.all().map((j) => j.id), ['render_2']);
    assert.deepEqual((state.get<TrackedJob[]>(STORE_KEYS.renderJobs('https://cloud')) ?? []).map((j) => j.id), ['render_2']);
  });
});
