// Transcripts persisted per backend + session, bounded, and robust to whatever is in globalState.
import * as assert from 'node:assert/strict';
import type { Entry } from '../../../src/shared/protocol';
import { contentSecurityPolicy } from '../../../src/vscode/ui/csp';
import { CHAT_STORE_KEY, MAX_SESSIONS, TranscriptStore, type KeyValueStore, type SessionRef } from '../../../src/vscode/chat/store';

class Memento implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    // globalState stores JSON: a round trip catches anything that would not survive it.
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const ref = (sessionId: string, backendKey = 'local|x'): SessionRef => ({ backendKey, sessionId, taskId: `t-${sessionId}`, createdAt: 1 });
const user = (text: string, id = 'u1'): Entry => ({ kind: 'user', id, text, at: 1 });

describe('chat transcript store', () => {
  it('saves and loads per backend + session; lists one backend, newest first, titled by the first message', async () => {
    const m = new Memento();
    const s = new TranscriptStore(m);
    await s.save(ref('a'), [user('generate my video clips')], 10);
    await s.save(ref('b'), [user('export 1080p MP4')], 20);
    await s.save(ref('c', 'cloud|y'), [user('credits')], 30);
    assert.equal(s.load('local|x', 'a')?.entries.length, 1);
    assert.equal(s.load('cloud|y', 'a'), undefined);
    assert.deepEqual(s.list('local|x').map((t) => [t.session.sessionId, t.title]), [['b', 'export 1080p MP4'], ['a', 'generate my video clips']]);
  });

  it('[bad-input] keeps at most MAX_SESSIONS transcripts and 200 entries each', async () => {
    const m = new Memento();
    const s = new TranscriptStore(m);
    for (let i = 0; i < MAX_SESSIONS + 5; i++) await s.save(ref(`s${i}`), [user(`m${i}`)], i);
    assert.equal(s.list('local|x').length, MAX_SESSIONS);
    assert.equal(s.load('local|x', 's0'), undefined, 'the oldest were dropped');
    const many: Entry[] = Array.from({ length: 500 }, (_, i) => ({ kind: 'notice', id: `n${i}`, text: String(i) }));
    await s.save(ref('big'), many, 1000);
    assert.equal(s.load('local|x', 'big')?.entries.length, 200);
  });

  it('[fault] ignores corrupted stored data instead of failing', async () => {
    const m = new Memento();
    m.data.set(CHAT_STORE_KEY, { 'local|x|bad': { session: null }, 'local|x|worse': 42, 'local|x|ok': { session: ref('ok'), title: '', updatedAt: 5, entries: [] } });
    const s = new TranscriptStore(m);
    assert.deepEqual(s.list('local|x').map((t) => t.session.sessionId), ['ok']);
    m.data.set(CHAT_STORE_KEY, 'garbage');
    assert.deepEqual(s.list('local|x'), []);
    await s.save(ref('new'), [user('hi')], 1);
    assert.equal(s.list('local|x').length, 1);
  });
});

describe('chat webview CSP', () => {
  it('[security] default-src none, nonce scripts, no connect-src, no unsafe-*', () => {
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc123==');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123=='(;|$)/);
    assert.doesNotMatch(csp, /connect-src|unsafe-inline|unsafe-eval|\*/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
    // Images (the render cards' thumbnails) only from the webview resource origin: no data:, no other host.
    assert.match(csp, /img-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
  });
});
