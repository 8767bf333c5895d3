// The client and workflow against a real HTTP server on 127.0.0.1 that answers as the contract says.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ScriptedServer, scriptBasics, ok, adkText, adkTool, type RecordedRequest } from '../support/scripted-server';
import { harness, collect, outcome } from '../support/core-harness';
import { PACKAGE_VERSION } from '../../src/core/version';

const DRAFT = {
  d: 10000,
  m: { title: 'Urban', width: 1920, height: 1080 },
  t: [
    { tt: 0, d: 10000, m: { name: 'city timelapse' }, sg: [{ src: '/mnt/userdata/city.mp4', s: 0, d: 10000 }] },
    { tt: 1, d: 10000, m: { name: 'Lo-fi', volume: 0.35 }, sg: [{ s: 0, d: 10000 }] },
  ],
};

function assertAttribution(reqs: RecordedRequest[]): void {
  assert.ok(reqs.length > 0);
  for (const r of reqs) {
    assert.equal(r.headers['x-skill-source'], 'generator-youtube', `${r.method} ${r.path}`);
    assert.equal(r.headers['x-skill-version'], PACKAGE_VERSION, `${r.method} ${r.path}`);
    assert.equal(r.headers['x-skill-platform'], 'cli', `${r.method} ${r.path}`);
  }
}

describe('contract: workflow against a scripted server', () => {
  let server: ScriptedServer;
  let tmp: string;
  beforeEach(async () => {
    server = await ScriptedServer.start();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-contract-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('sends the attribution headers on every request, Bearer on all but the anonymous-token call', async () => {
    scriptBasics(server, DRAFT);
    server.on('POST', /^\/api\/upload-video\//, ok({ files: [{ filename: 'a.mp4', file_type: 'video', cdn_url: 'x' }] }));
    server.on('POST', '/run_sse', { sse: [adkText('Hello'), adkText('Hello there', false)] });
    server.on('POST', '/api/auth/claim-token', ok({ claim_token: 'clm_abc', expires_in: 3600 }));
    server.on('POST', '/api/render/proxy/lambda', (req) => ({ body: { success: true, data: { id: (req.json as { id: string }).id, status: 'pending', progress: 5 } } }));
    server.on('GET', /^\/api\/render\/proxy\/lambda\/render_\d+$/, { body: { status: 'completed', progress: 100, output: { url: `${server.url}/files/out.mp4` } } });
    server.on('GET', '/files/out.mp4', { body: Buffer.from('MP4DATA'), headers: { 'content-type': 'video/mp4' } });
    const file = path.join(tmp, 'a.mp4');
    fs.writeFileSync(file, Buffer.alloc(1000, 1));
    const h = harness(server.url);
    await h.workflow.upload([file, 'https://example.invalid/clip.mp4']);
    assert.equal(outcome(await collect(h.workflow.send('make it punchy'))), 'text');
    await h.workflow.credits();
    const claim = await h.workflow.claimLink();
    assert.match(claim.url, /\/workspace\/claim\?ct=clm_abc$/);
    let job = await h.workflow.startExport();
    job = await h.workflow.pollExport(job);
    job = await h.workflow.download(job, tmp);
    assert.equal(fs.readFileSync(job.localPath!, 'utf8'), 'MP4DATA');

    assertAttribution(server.requests);
    const anon = server.calls('/api/auth/anonymous-token');
    assert.equal(anon.length, 1);
    assert.equal(anon[0]!.headers.authorization, undefined);
    assert.ok(String(anon[0]!.headers['x-client-id']).length > 0 && String(anon[0]!.headers['x-client-id']).length <= 64);
    for (const r of server.requests.filter((x) => x.path !== '/api/auth/anonymous-token')) {
      assert.equal(r.headers.authorization, 'Bearer nmv_usr_testtoken123', `${r.method} ${r.path}`);
    }
    // Export body: camelCase sessionId, render_<ms> id, the draft as the state gave it.
    const submit = server.calls('/api/render/proxy/lambda')[0]!.json as Record<string, unknown>;
    assert.match(String(submit.id), /^render_\d+$/);
    assert.equal(submit.sessionId, '1234567890123');
    assert.deepEqual(submit.draft, DRAFT);
    assert.deepEqual(submit.output, { format: 'mp4', quality: 'high' });
    // The SSE request shape.
    const sse = server.calls('/run_sse')[0]!;
    assert.equal(sse.headers.accept, 'text/event-stream');
    assert.deepEqual(sse.json, { app_name: 'nemo_agent', user_id: 'me', session_id: '1234567890123', new_message: { parts: [{ text: 'make it punchy' }] } });
    // URL upload body.
    const urlUpload = server.calls(/^\/api\/upload-video\//).find((r) => r.json !== undefined)!;
    assert.deepEqual(urlUpload.json, { urls: ['https://example.invalid/clip.mp4'], source_type: 'url' });
  });

  it('[fault] sends exactly one /run_sse per message when the stream drops, then reports the state change', async () => {
    scriptBasics(server);
    let stateCalls = 0;
    server.on('GET', /^\/api\/state\//, () => {
      stateCalls++;
      // before the turn and the first poll: empty; from the second poll on: the edit landed
      return ok({ state: { draft: stateCalls >= 3 ? DRAFT : { t: [] } } });
    });
    server.on('POST', '/run_sse', { sse: [adkTool('edit_timeline'), adkText('Working on ', true), { delayMs: 30 }, { drop: true }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add the city clip with lo-fi music'));
    assert.equal(outcome(events), 'dropped');
    assert.equal(server.calls('/run_sse').length, 1, 'the message must never be re-sent');
    const summary = events.find((e) => e.type === 'summary');
    assert.ok(summary && summary.type === 'summary');
    assert.match(summary.text, /added Video: city timelapse/);
    assert.ok(events.some((e) => e.type === 'progress' && e.label === 'Editing timeline…'));
    assert.ok(events.some((e) => e.type === 'notice' && /not sent again/.test(e.text)));
  });

  it('[fault] gives up after 5 unchanged polls following a drop, still with one /run_sse', async () => {
    scriptBasics(server, { t: [] });
    server.on('POST', '/run_sse', { sse: [{ drop: true }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('trim the ending'));
    assert.equal(outcome(events), 'dropped');
    assert.equal(server.calls('/run_sse').length, 1);
    // one state call before the turn + 5 polls
    assert.equal(server.calls(/^\/api\/state\//).length, 6);
    const summary = events.find((e) => e.type === 'summary');
    assert.ok(summary && summary.type === 'summary' && /has not changed/.test(summary.text));
  });

  it('a final event whose ADK customMetadata says plannerOutcome "not-understood" ends the turn with notUnderstood; without it, nothing is said', async () => {
    scriptBasics(server, DRAFT);
    const said = { data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'I did not understand that request.' }] }, partial: false, turnComplete: true, customMetadata: { plannerOutcome: 'not-understood' } }) };
    server.on('POST', '/run_sse', { sse: [adkText('I did not ', true), said] });
    const h = harness(server.url);
    const first = (await collect(h.workflow.send('hush'))).at(-1);
    assert.deepEqual(first, { type: 'done', outcome: 'text', notUnderstood: true });
    // The cloud never sends the label: the turn ends as it always did.
    server.on('POST', '/run_sse', { sse: [adkText('Sure, done.')] });
    assert.deepEqual((await collect(h.workflow.send('make it punchy'))).at(-1), { type: 'done', outcome: 'text' });
    // Another outcome ('edit') is not 'not-understood'.
    server.on('POST', '/run_sse', { sse: [{ data: said.data.replace('not-understood', 'edit') }] });
    assert.deepEqual((await collect(h.workflow.send('trim the first 2 seconds'))).at(-1), { type: 'done', outcome: 'text' });
  });

  it('beforeSend is awaited with the session the message goes to (made for it), before /run_sse leaves; once per message', async () => {
    scriptBasics(server, DRAFT);
    server.on('POST', '/run_sse', { sse: [adkText('Sure, done.')] });
    const h = harness(server.url);
    const seen: Array<{ sessionId: string; sessionsMade: number; runSse: number }> = [];
    const beforeSend = async (s: { sessionId: string }): Promise<void> => {
      await new Promise((r) => setTimeout(r, 50)); // a slow save: the message must still wait for it
      seen.push({ sessionId: s.sessionId, sessionsMade: server.calls('/api/tasks/me/with-session/nemo_agent').length, runSse: server.calls('/run_sse').length });
    };
    assert.equal(outcome(await collect(h.workflow.send('make it punchy', { beforeSend }))), 'text');
    assert.equal(outcome(await collect(h.workflow.send('add a title', { beforeSend }))), 'text');
    assert.deepEqual(seen, [
      { sessionId: '1234567890123', sessionsMade: 1, runSse: 0 },
      { sessionId: '1234567890123', sessionsMade: 1, runSse: 1 },
    ]);
    // Intents answered by REST send no message: nothing to key.
    await collect(h.workflow.send('credits', { beforeSend }));
    assert.equal(seen.length, 2);
  });

  it('summarises a silent turn (no text) from the state diff', async () => {
    scriptBasics(server);
    let stateCalls = 0;
    server.on('GET', /^\/api\/state\//, () => ok({ state: { draft: ++stateCalls === 1 ? { t: [] } : DRAFT } }));
    server.on('POST', '/run_sse', {
      sse: [{ comment: 'heartbeat' }, adkTool('add_bgm'), { data: JSON.stringify({ content: { role: 'user', parts: [{ functionResponse: { id: 'fc-1', name: 'add_bgm', response: { ok: true } } }] } }) }, { data: '' }, { data: '{"type":"heartbeat"}' }],
    });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add lo-fi music at 35%'));
    assert.equal(outcome(events), 'silent');
    assert.equal(events.filter((e) => e.type === 'text').length, 0);
    const summary = events.find((e) => e.type === 'summary');
    assert.ok(summary && summary.type === 'summary');
    assert.equal(
      summary.text,
      'Done. Timeline changes: added Video: city timelapse (0-10s); added BGM: Lo-fi (0-10s, 35%). Timeline (2 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%)',
    );
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] an {"error"} frame and an unparsable frame: text kept, error reported, turn not killed early', async () => {
    scriptBasics(server);
    server.on('POST', '/run_sse', { sse: [adkText('Cut the intro.'), { data: '{"error": "render worker crashed' }, adkText('Cut the intro. Added music.'), { data: '{"error":"quota exceeded"}' }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('cut the intro'));
    const texts = events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''));
    assert.equal(texts[texts.length - 1], 'Cut the intro.\n\nCut the intro. Added music.');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && /quota exceeded/.test(err.error.userMessage));
    assert.equal(outcome(events), 'error');
    assert.ok(h.logs.some((l) => /not JSON/.test(l)));
  });

  it('replaces streamed partial text with the aggregate, drops "temporary issue" noise and translates GUI phrases', async () => {
    scriptBasics(server);
    server.on('POST', '/run_sse', {
      sse: [
        adkText('Your video ', true),
        adkText('is ready. ', true),
        { data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'thinking about cuts', thought: true }] }, partial: true }) },
        adkText('Your video is ready. Click the Export button to download it.\n\nI encountered a temporary issue. Please try again.'),
      ],
    });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('make the video'));
    const texts = events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''));
    assert.equal(texts[0], 'Your video ');
    assert.equal(texts[1], 'Your video is ready. ');
    assert.equal(texts[texts.length - 1], 'Your video is ready. say "export" to render and download it.');
    assert.ok(!texts.some((x) => x.includes('thinking about cuts')));
    assert.equal(outcome(events), 'text');
  });

  it('[fault] a second message while a turn runs is refused plainly, and only one /run_sse is sent', async () => {
    scriptBasics(server);
    server.on('POST', '/run_sse', { sse: [adkText('Working', true), { delayMs: 300 }, adkText('Done.')] });
    const h = harness(server.url);
    const first = collect(h.workflow.send('make the intro shorter'));
    while (server.calls('/run_sse').length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(h.workflow.busy, true);
    const second = await collect(h.workflow.send('and add music'));
    assert.equal(outcome(second), 'error');
    const err = second.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && /still being worked on/.test(err.error.userMessage));
    assert.equal(outcome(await first), 'text');
    assert.equal(server.calls('/run_sse').length, 1);
    assert.equal(h.workflow.busy, false);
  });

  it('routes export/credits/status intents to REST without any /run_sse (EN and ZH)', async () => {
    scriptBasics(server, DRAFT);
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: {} } });
    const h = harness(server.url);
    const credits = await collect(h.workflow.send('积分'));
    assert.ok(credits.some((e) => e.type === 'intent' && e.intent === 'credits' && /90 available/.test(e.text)));
    const status = await collect(h.workflow.send('show tracks'));
    assert.ok(status.some((e) => e.type === 'intent' && e.intent === 'status' && e.text.startsWith('Timeline (2 tracks): 1. Video: city timelapse (0-10s)')));
    const exp = await collect(h.workflow.send('导出'));
    assert.ok(exp.some((e) => e.type === 'intent' && e.intent === 'export'));
    assert.equal(server.calls('/run_sse').length, 0);
    assert.equal(server.calls('/api/render/proxy/lambda').length, 1);
  });
});

describe('workflow: what a stopped turn says (the message reached the editor or not)', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
    scriptBasics(server);
  });
  afterEach(() => server.close());

  /** A route that answers only after the test has stopped the turn (the request is held until then). */
  function holdUntilStopped(method: string, route: string | RegExp, controller: AbortController): void {
    server.on(method, route, {
      handle: (_req, res) => {
        controller.abort();
        setImmediate(() => res.destroy());
      },
    });
  }

  it('stopped while the session is being created: "your message was not sent", no status check, no /run_sse', async () => {
    const stop = new AbortController();
    holdUntilStopped('POST', '/api/tasks/me/with-session/nemo_agent', stop);
    const h = harness(server.url);
    const events = await collect(h.workflow.send('make the intro shorter', { signal: stop.signal }));
    const notices = events.filter((e) => e.type === 'notice').map((e) => (e.type === 'notice' ? e.text : ''));
    assert.deepEqual(notices, ['Stopped before a session was started: your message was not sent, so nothing will change.']);
    assert.ok(events.some((e) => e.type === 'notice' && e.stop === 'no-session'), 'the notice names what the Stop meant, for front ends with their own last line (the CLI)');
    assert.deepEqual(events[events.length - 1], { type: 'done', outcome: 'stopped', sent: false });
    assert.equal(server.calls('/run_sse').length, 0);
    assert.equal(h.workflow.session, undefined);
  });

  it('stopped after the session exists but before the message left: "the editor did not get it"', async () => {
    const h = harness(server.url);
    await h.workflow.newSession();
    const stop = new AbortController();
    holdUntilStopped('GET', /^\/api\/state\/nemo_agent\/me\/[^/]+\/latest$/, stop);
    const events = await collect(h.workflow.send('make the intro shorter', { signal: stop.signal }));
    const notices = events.filter((e) => e.type === 'notice').map((e) => (e.type === 'notice' ? e.text : ''));
    assert.deepEqual(notices, ['Stopped before your message was sent: the editor did not get it, so nothing will change.']);
    assert.ok(events.some((e) => e.type === 'notice' && e.stop === 'not-sent'), 'the notice names what the Stop meant, for front ends with their own last line (the CLI)');
    assert.deepEqual(events[events.length - 1], { type: 'done', outcome: 'stopped', sent: false });
    assert.equal(server.calls('/run_sse').length, 0);
  });

  it('stopped after the message reached the editor: "the editor may still finish", done without sent: false', async () => {
    const stop = new AbortController();
    holdUntilStopped('POST', '/run_sse', stop);
    const h = harness(server.url);
    const events = await collect(h.workflow.send('make the intro shorter', { signal: stop.signal }));
    const notices = events.filter((e) => e.type === 'notice').map((e) => (e.type === 'notice' ? e.text : ''));
    assert.deepEqual(notices, ['Stopped listening. The editor may still finish this request; check the status in a moment.']);
    assert.ok(events.some((e) => e.type === 'notice' && e.stop === 'may-finish'), 'the notice names what the Stop meant, for front ends with their own last line (the CLI)');
    assert.deepEqual(events[events.length - 1], { type: 'done', outcome: 'stopped' });
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('Chinese: the not-sent stop is said in Chinese too', async () => {
    const stop = new AbortController();
    holdUntilStopped('POST', '/api/tasks/me/with-session/nemo_agent', stop);
    const h = harness(server.url, { lang: 'zh' });
    const events = await collect(h.workflow.send('把开头剪短', { signal: stop.signal }));
    assert.ok(events.some((e) => e.type === 'notice' && e.text === '已停止：会话尚未建立，消息没有发送，不会有任何改动。'), JSON.stringify(events));
  });
});
