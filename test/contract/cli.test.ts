// The CLI as a user runs it: a child process (the compiled src/cli/main.ts) against a scripted server on
// 127.0.0.1, and once against the real local engine (--local). Checks exit codes, --json, the remembered
// session, Ctrl-C, and that the token never reaches the terminal.
import * as assert from 'node:assert/strict';
import { ffmpegProcessesFor } from '../support/processes';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toolPath } from '../support/media';
import { adkText, ok, ScriptedServer, scriptBasics } from '../support/scripted-server';

const CLI = path.resolve(__dirname, '../../src/cli/main.js');
const TOKEN = 'nmv_usr_testtoken123';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI. Ctrl-C (SIGINT) is sent once: when `interruptWhen` matches its stdout so far, or when
 * `interruptOn` resolves (e.g. the scripted server holds a request the test wants it stopped in).
 */
function run(args: string[], env: Record<string, string>, opts: { interruptWhen?: (stdout: string) => boolean; interruptOn?: Promise<unknown>; signal?: NodeJS.Signals } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: env.XDG_CONFIG_HOME ?? os.tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const interrupt = (): void => {
      if (interrupted || child.exitCode !== null) return;
      interrupted = true;
      child.kill(opts.signal ?? 'SIGINT');
    };
    void opts.interruptOn?.then(interrupt);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.interruptWhen?.(stdout)) interrupt();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const DRAFT = { d: 4000, t: [{ tt: 0, d: 4000, m: { name: 'clip' }, sg: [{ src: 'clip.mp4', s: 0, d: 4000 }] }] };

describe('contract: the CLI', function () {
  this.timeout(120_000);
  let server: ScriptedServer;
  let tmp: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    server = await ScriptedServer.start();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-cli-'));
    env = { XDG_CONFIG_HOME: path.join(tmp, 'cfg'), NEMO_API_URL: server.url, LANG: 'C' };
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('generate: session → upload → turn → export → download, prints the summary and the MP4 path (exit 0)', async () => {
    let stateCalls = 0;
    scriptBasics(server);
    server.on('GET', /^\/api\/state\//, () => ok({ state: { draft: ++stateCalls === 1 ? { t: [] } : DRAFT } }));
    server.on('POST', /^\/api\/upload-video\//, ok({ files: [{ filename: 'clip.mp4' }] }));
    server.on('POST', '/run_sse', { sse: [adkText('Built your video.')] });
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: {} } });
    server.on('GET', /^\/api\/render\/proxy\/lambda\//, { body: { status: 'completed', progress: 100, output: { url: `${server.url}/files/final.mp4` } } });
    server.on('GET', '/files/final.mp4', { body: Buffer.from('FAKE-MP4-BYTES') });
    const clip = path.join(tmp, 'clip.mp4');
    fs.writeFileSync(clip, Buffer.alloc(2048, 3));
    const r = await run(['generate', clip, '--out', path.join(tmp, 'out'), '--aspect', '9:16'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Timeline \(1 track\): 1\. Video: clip \(0-4s\)/);
    const saved = /Saved: (.+\.mp4)/.exec(r.stdout)?.[1];
    assert.ok(saved && fs.readFileSync(saved, 'utf8') === 'FAKE-MP4-BYTES');
    const prompt = (server.calls('/run_sse')[0]!.json as { new_message: { parts: Array<{ text: string }> } }).new_message.parts[0]!.text;
    assert.equal(prompt, 'generate a YouTube-ready video with intro, cuts, and outro from my raw footage, vertical 9:16 for Shorts');
    assert.ok(server.requests.every((q) => q.headers['x-skill-platform'] === 'cli'));
    assert.ok(!r.stdout.includes(TOKEN) && !r.stderr.includes(TOKEN));
  });

  it('export from a cloud backend writes the upload kit from the MP4 and the draft: captions from its caption track, thumbnails, paths printed; --no-kit skips it', async () => {
    // A cloud-shaped draft (no engine marker): one clip and a caption track of timed text lines.
    const lines = ['first line here', 'then the second', 'and a third one'];
    const draft = {
      d: 6000, m: { title: 'Cloud cut', width: 320, height: 180 },
      t: [
        { tt: 0, d: 6000, m: { name: 'clip' }, sg: [{ src: 'clip.mp4', s: 0, d: 6000 }] },
        { tt: 7, d: 6000, m: { name: 'Captions' }, sg: lines.map((text, i) => ({ s: i * 2000, e: i * 2000 + 1500, m: { text } })) },
      ],
    };
    scriptBasics(server, draft);
    const mp4 = path.join(tmp, 'served.mp4');
    const made = spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30:duration=6', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', mp4]);
    assert.equal(made.status, 0, String(made.stderr));
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: {} } });
    server.on('GET', /^\/api\/render\/proxy\/lambda\//, { body: { status: 'completed', progress: 100, output: { url: `${server.url}/files/final.mp4` } } });
    server.on('GET', '/files/final.mp4', { body: fs.readFileSync(mp4) });
    const r = await run(['export', '--out', path.join(tmp, 'out'), '--poll-interval', '2'], env);
    assert.equal(r.code, 0, r.stderr);
    const json = /^\s+(\S+\.youtube\.json)$/m.exec(r.stdout)?.[1];
    assert.ok(json && fs.existsSync(json), r.stdout);
    const kit = JSON.parse(fs.readFileSync(json, 'utf8')) as { title: string; captions: Array<{ srt: string }>; thumbnails: string[]; chapters: unknown[] };
    assert.equal(kit.title, 'Cloud cut');
    assert.equal(kit.thumbnails.length, 3);
    const srt = fs.readFileSync(path.join(path.dirname(json), kit.captions[0].srt), 'utf8');
    assert.match(srt, /00:00:02,000 --> 00:00:03,500\nthen the second/);
    for (const t of kit.thumbnails) assert.match(r.stdout, new RegExp(t.replace(/[.]/g, '\\.')));
    const off = await run(['export', '--out', path.join(tmp, 'out2'), '--no-kit', '--poll-interval', '2'], env);
    assert.equal(off.code, 0, off.stderr);
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'out2')).filter((f) => !f.endsWith('.mp4')), []);
    // `kit` makes it again for the newest export.
    const again = await run(['kit', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(again.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event: string }).some((e) => e.event === 'kit'));
  });

  it('--json prints one JSON object per line; the session is remembered for chat and status', async () => {
    scriptBasics(server, DRAFT);
    server.on('POST', /^\/api\/upload-video\//, ok({ files: [{ filename: 'clip.mp4' }] }));
    server.on('POST', '/run_sse', { sse: [adkText('Trimmed.')] });
    const clip = path.join(tmp, 'clip.mp4');
    fs.writeFileSync(clip, 'x');
    const up = await run(['upload', clip, '--json'], env);
    assert.equal(up.code, 0, up.stderr);
    const lines = up.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    assert.ok(lines.some((l) => l.event === 'uploaded'));
    const chat = await run(['chat', 'trim', 'the', 'end', '--json'], env);
    assert.equal(chat.code, 0, chat.stderr);
    assert.ok(chat.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; outcome?: string }).some((l) => l.event === 'turn-done' && l.outcome === 'text'));
    const status = await run(['status', '--json'], env);
    assert.equal(status.code, 0, status.stderr);
    const st = status.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; summary?: string; session?: { sessionId: string } }).find((l) => l.event === 'status')!;
    assert.equal(st.session?.sessionId, '1234567890123');
    assert.match(st.summary ?? '', /^Timeline \(1 track\)/);
    assert.equal(server.calls('/api/tasks/me/with-session/nemo_agent').length, 1, 'one session across the three commands');
    assert.equal(server.calls('/api/auth/anonymous-token').length, 1, 'the token is stored and reused');
    assert.equal((server.calls('/run_sse')[0]!.json as { new_message: { parts: Array<{ text: string }> } }).new_message.parts[0]!.text, 'trim the end');
    const secrets = path.join(tmp, 'cfg', 'generator-youtube', 'secrets.json');
    assert.equal(fs.statSync(secrets).mode & 0o777, 0o600);
  });

  it('[security] status shows the token masked, never in full', async () => {
    scriptBasics(server, DRAFT);
    const r = await run(['status'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Token: nmv_usr_\*\*\*/);
    assert.ok(!r.stdout.includes(TOKEN));
  });

  it('[bad-input] exit codes: usage 2, bad input 4 (nothing sent), API error 3 with one plain line', async () => {
    scriptBasics(server);
    assert.equal((await run([], env)).code, 2);
    assert.equal((await run(['frobnicate'], env)).code, 2);
    assert.equal((await run(['generate'], env)).code, 2);
    assert.equal((await run(['status', '--local'], env)).code, 2);
    assert.equal((await run(['generate', 'x.mp4', '--aspect', '4:3'], env)).code, 2);
    const missing = await run(['generate', path.join(tmp, 'nope.mp4')], env);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /File not found/);
    const exe = path.join(tmp, 'a.exe');
    fs.writeFileSync(exe, 'MZ');
    const badType = await run(['upload', exe], env);
    assert.equal(badType.code, 4);
    assert.match(badType.stderr, /Accepted types: mp4/);
    assert.equal(server.requests.length, 0, 'bad input sends nothing');
    server.on('GET', '/api/credits/balance/simple', { status: 503, body: 'down for maintenance' });
    const api = await run(['credits'], env);
    assert.equal(api.code, 3);
    assert.equal(api.stderr.trim().split('\n').length, 1, api.stderr);
    assert.ok(!/at .*\.js:\d+/.test(api.stderr), 'no stack trace without --verbose');
    const verbose = await run(['credits', '--verbose'], env);
    assert.match(verbose.stderr, /detail: HTTP 503/);
  });

  it('[fault] Ctrl-C during a turn stops listening, says (in the core\'s words) the editor may still finish, exits 130, sends nothing again', async () => {
    scriptBasics(server);
    server.on('POST', '/run_sse', { sse: [adkText('Working', true), { delayMs: 20_000 }, adkText('Done')] });
    const r = await run(['chat', 'long edit', '--json'], env, { interruptWhen: (out) => out.includes('"event":"text"') });
    assert.equal(r.code, 130);
    assert.equal(r.stderr.trim(), 'Stopped listening. The editor may still finish this request; check the status in a moment. "generator-youtube status" shows the result.');
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; stop?: string; exitCode?: number; kind?: string });
    assert.ok(events.some((e) => e.event === 'notice' && e.stop === 'may-finish'), r.stdout);
    assert.ok(events.some((e) => e.event === 'error' && e.exitCode === 130 && e.kind === 'cancelled'), r.stdout);
    assert.equal(server.calls('/run_sse').length, 1);
    // Chinese, from the same core message and the CLI's own hint.
    const zh = await run(['chat', 'long edit', '--lang', 'zh', '--json'], env, { interruptWhen: (out) => out.includes('"event":"text"') });
    assert.equal(zh.code, 130);
    assert.equal(zh.stderr.trim(), '已停止等待。编辑器可能仍会完成此请求；稍后请查看状态。 “generator-youtube status”可查看结果。');
    assert.equal(server.calls('/run_sse').length, 2);
  });

  it('[fault] Ctrl-C while the session is being made: "your message was not sent, so nothing will change", exit 130, no /run_sse', async () => {
    scriptBasics(server);
    // The session request is held (never answered) until the CLI is interrupted.
    const held = new Promise<void>((resolve) => server.on('POST', '/api/tasks/me/with-session/nemo_agent', { handle: () => resolve() }));
    const r = await run(['chat', 'make the intro shorter'], env, { interruptOn: held });
    assert.equal(r.code, 130, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stderr.trim(), 'Stopped before a session was started: your message was not sent, so nothing will change.');
    assert.doesNotMatch(r.stdout + r.stderr, /may still finish|Interrupted/);
    assert.equal(server.calls('/run_sse').length, 0);
  });

  it('[fault] Ctrl-C with a session but before the message left: "the editor did not get it", exit 130, no /run_sse (also in Chinese)', async () => {
    scriptBasics(server);
    server.on('POST', '/run_sse', { sse: [adkText('Hello.')] });
    assert.equal((await run(['chat', 'hello'], env)).code, 0, 'a first message makes the session the CLI remembers');
    // The state read before the next message is held until the CLI is interrupted: the message has not left.
    let heldState: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (heldState = resolve));
    server.on('GET', /^\/api\/state\/nemo_agent\/me\/[^/]+\/latest$/, { handle: () => heldState() });
    const r = await run(['chat', 'make the intro shorter'], env, { interruptOn: held });
    assert.equal(r.code, 130, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stderr.trim(), 'Stopped before your message was sent: the editor did not get it, so nothing will change.');
    assert.doesNotMatch(r.stdout + r.stderr, /may still finish|Interrupted/);
    const zhHeld = new Promise<void>((resolve) => (heldState = resolve));
    const zh = await run(['chat', '把开头剪短', '--lang', 'zh'], env, { interruptOn: zhHeld });
    assert.equal(zh.code, 130, `${zh.stdout}\n${zh.stderr}`);
    assert.equal(zh.stderr.trim(), '已停止：消息尚未发送，编辑器没有收到，不会有任何改动。');
    assert.equal(server.calls('/run_sse').length, 1, 'only the first message was ever sent');
  });

  it('[fault] generate, Ctrl-C while its session is being made: "nothing was uploaded or edited", exit 130, no upload, no /run_sse', async () => {
    scriptBasics(server);
    const held = new Promise<void>((resolve) => server.on('POST', '/api/tasks/me/with-session/nemo_agent', { handle: () => resolve() }));
    const clip = path.join(tmp, 'clip.mp4');
    fs.writeFileSync(clip, Buffer.alloc(2048, 3));
    const r = await run(['generate', clip, '--out', path.join(tmp, 'out')], env, { interruptOn: held });
    assert.equal(r.code, 130, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stderr.trim(), 'Stopped while the session was being made: nothing was uploaded or edited.');
    assert.doesNotMatch(r.stdout + r.stderr, /may still finish|Interrupted/);
    assert.equal(server.calls(/^\/api\/upload-video\//).length, 0);
    assert.equal(server.calls('/run_sse').length, 0);
  });

  it('[fault] generate, Ctrl-C while a file uploads: "nothing was edited; files already received may stay", exit 130, no /run_sse (also in Chinese)', async () => {
    scriptBasics(server);
    // The upload request is received in full and held unanswered until the CLI is interrupted: the server has
    // the file, the CLI never hears so.
    let heldUpload: () => void = () => undefined;
    let held = new Promise<void>((resolve) => (heldUpload = resolve));
    server.on('POST', /^\/api\/upload-video\//, { handle: () => heldUpload() });
    const clip = path.join(tmp, 'clip.mp4');
    fs.writeFileSync(clip, Buffer.alloc(2048, 3));
    const r = await run(['generate', clip, '--out', path.join(tmp, 'out')], env, { interruptOn: held });
    assert.equal(r.code, 130, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stderr.trim(), 'Stopped during the upload: nothing was edited. Files the server already received may stay in the session.');
    assert.doesNotMatch(r.stdout + r.stderr, /may still finish|Interrupted/);
    held = new Promise<void>((resolve) => (heldUpload = resolve));
    const zh = await run(['generate', clip, '--out', path.join(tmp, 'out')], { ...env, LANG: 'zh_CN.UTF-8' }, { interruptOn: held });
    assert.equal(zh.code, 130, `${zh.stdout}\n${zh.stderr}`);
    assert.equal(zh.stderr.trim(), '已在上传中途停止：没有做任何编辑。服务器已收到的文件可能会留在会话中。');
    assert.equal(server.calls(/^\/api\/upload-video\//).length, 2, 'each run reached its upload');
    assert.equal(server.calls('/run_sse').length, 0);
  });

  it('generate --local renders a playable MP4 with the in-process engine; preview --local writes the WebM proxy', async function () {
    const ffmpeg = spawnSync('ffmpeg', ['-version']);
    assert.equal(ffmpeg.status, 0, 'ffmpeg is a system dependency of the local engine (scripts/ensure-system-deps.sh)');
    const clip = path.join(tmp, 'clip.mp4');
    const made = spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', clip]);
    assert.equal(made.status, 0, String(made.stderr));
    const localEnv = { XDG_CONFIG_HOME: path.join(tmp, 'cfg'), LANG: 'C' };
    const r = await run(['generate', clip, '--local', '--out', path.join(tmp, 'out'), '--data-dir', path.join(tmp, 'engine')], localEnv);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const saved = /Saved: (.+\.mp4)/.exec(r.stdout)?.[1];
    assert.ok(saved && fs.existsSync(saved));
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name:format=duration', '-of', 'json', saved]);
    const info = JSON.parse(String(probe.stdout)) as { streams: Array<{ codec_type: string; codec_name: string }>; format: { duration: string } };
    assert.ok(info.streams.some((s) => s.codec_type === 'video' && s.codec_name === 'h264'));
    assert.ok(Number(info.format.duration) > 1);
    console.log(`      --local output: ${path.basename(saved)}, ${Number(info.format.duration).toFixed(1)} s, ${fs.statSync(saved).size} bytes`);
    // The upload kit is next to it.
    const stem = saved.replace(/\.mp4$/, '');
    for (const f of ['.youtube.json', '.youtube.md', '.jpg', '.thumbnail-2.jpg', '.thumbnail-3.jpg']) assert.ok(fs.existsSync(stem + f), `${stem}${f}`);

    // The same session's preview: the proxy is written under --out and its path printed (--json: a result event).
    const pv = await run(['preview', '--local', '--json', '--out', path.join(tmp, 'pv'), '--data-dir', path.join(tmp, 'engine')], localEnv);
    assert.equal(pv.code, 0, `${pv.stdout}\n${pv.stderr}`);
    const result = pv.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; path?: string; reused?: boolean }).find((l) => l.event === 'result');
    const proxy = result?.path ?? '';
    assert.ok(proxy.startsWith(path.join(tmp, 'pv')) && proxy.endsWith('proxy.webm') && fs.existsSync(proxy), pv.stdout);
    const pprobe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', proxy]);
    assert.deepEqual(String(pprobe.stdout).trim().split('\n').sort(), ['vorbis', 'vp8']);
  });

  it('the executable (dist/cli.js) starts the ffmpeg check before loading the CLI, and the engine uses that one check', async () => {
    const clip = path.join(tmp, 'clip.mp4');
    const made = spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', clip]);
    assert.equal(made.status, 0, String(made.stderr));
    // Real ffmpeg and ffprobe behind wrappers that write down every run.
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    const runs = path.join(tmp, 'runs.log');
    for (const tool of ['ffmpeg', 'ffprobe']) {
      fs.writeFileSync(path.join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> '${runs}'\nexec '${toolPath(tool)}' "$@"\n`, { mode: 0o755 });
    }
    const launcher = path.resolve(__dirname, '../../../dist/cli.js');
    const r = spawnSync(process.execPath, [launcher, 'generate', clip, '--local', '--no-kit', '--ffmpeg', bin, '--out', path.join(tmp, 'out'), '--data-dir', path.join(tmp, 'engine')], {
      env: { PATH: process.env.PATH ?? '', HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'cfg'), LANG: 'C' }, encoding: 'utf8',
    });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.ok(/Saved: (.+\.mp4)/.test(r.stdout), r.stdout);
    const lines = fs.readFileSync(runs, 'utf8').split('\n').filter(Boolean);
    // The smoke run is the check's one ffmpeg run (render/check.ts smokeGraph); a second one would mean the
    // engine did not get the launcher's check and ran its own.
    const smoke = lines.filter((l) => l.startsWith('ffmpeg ') && l.includes('-filter_complex color=c=black:s=64x64'));
    assert.equal(smoke.length, 1, lines.join('\n'));
    assert.ok(lines.indexOf(smoke[0]) < lines.findIndex((l) => l.startsWith('ffprobe ')), 'the check ran before the upload\'s probe');
  });

  it('[fault] SIGTERM during a --local render stops it cleanly: no ffmpeg of the engine left running, no MP4, exit 130', async () => {
    const clip = path.join(tmp, 'long.mp4');
    const made = spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=30', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=30', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', clip]);
    assert.equal(made.status, 0, String(made.stderr));
    const dataDir = path.join(tmp, 'engine-term');
    const outDir = path.join(tmp, 'out-term');
    // Sent once the engine reports the render under way (its ffmpeg is running).
    const r = await run(['generate', clip, '--local', '--out', outDir, '--data-dir', dataDir], { XDG_CONFIG_HOME: path.join(tmp, 'cfg'), LANG: 'C' }, {
      signal: 'SIGTERM', interruptWhen: (out) => /Exporting [1-9]\d*%/.test(out),
    });
    // Checked the moment the CLI has exited: before, its ffmpeg children rendered on for seconds, orphaned.
    assert.deepEqual(ffmpegProcessesFor(dataDir), [], 'ffmpeg processes of the engine still running after the CLI exited');
    assert.equal(r.code, 130, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /Interrupted/);
    assert.ok(!fs.existsSync(outDir) || fs.readdirSync(outDir).every((f) => !/\.(mp4|part)$/.test(f)), 'no MP4 or .part written');
  });

  it('[bad-input] preview against a backend without the preview endpoint (the cloud) says so in one line, exit 3', async () => {
    scriptBasics(server);
    server.on('POST', '/run_sse', { sse: [adkText('Hello.')] });
    assert.equal((await run(['chat', 'hello'], env)).code, 0);
    const r = await run(['preview'], env);
    assert.equal(r.code, 3, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /The cloud backend makes no previews: export once/);
  });

  it('[fault] a running "export" whose job is cancelled (by "cancel" from another shell) exits 3, says so, and leaves no MP4 and no .part', async () => {
    scriptBasics(server, DRAFT);
    server.on('POST', '/run_sse', { sse: [adkText('Ready.')] });
    server.on('POST', '/api/render/proxy/lambda', (r) => ({ body: { success: true, data: { id: (r.json as { id: string }).id, status: 'processing', progress: 5 } } }));
    let cancelled = false;
    server.on('POST', /^\/api\/render\/proxy\/lambda\/[^/]+\/cancel$/, () => {
      cancelled = true;
      return { body: { success: true, data: { status: 'cancelled' } } };
    });
    server.on('GET', /^\/api\/render\/proxy\/lambda\/[^/]+$/, () => ({ body: { success: true, data: { status: cancelled ? 'cancelled' : 'processing', progress: 30 } } }));
    assert.equal((await run(['chat', 'make it'], env)).code, 0);
    const outDir = path.join(tmp, 'out');
    fs.mkdirSync(outDir);
    const exporting = run(['export', '--out', outDir, '--poll-interval', '0.2'], env);
    // Cancel once the export is really being followed (its first status poll reached the server).
    await server.waitForCalls(/^\/api\/render\/proxy\/lambda\/[^/]+$/, 1, 'GET');
    const c = await run(['cancel'], env);
    assert.equal(c.code, 0, `${c.stdout}\n${c.stderr}`);
    assert.match(c.stdout, /was cancelled/);
    const e = await exporting;
    assert.equal(e.code, 3, `${e.stdout}\n${e.stderr}`);
    assert.match(e.stderr, /was cancelled; no file was saved/);
    assert.deepEqual(fs.readdirSync(outDir), [], 'no MP4 and no .part');
    const submitted = (server.calls('/api/render/proxy/lambda', 'POST')[0]!.json as { id: string }).id;
    assert.equal(server.calls(`/api/render/proxy/lambda/${submitted}/cancel`, 'POST').length, 1, 'cancel without an id meant the running export');
  });

  it('[fault] cancel RENDER-ID on an older server (404) exits 3 and says the backend may still finish it; an id the server does not know, or nothing running, exit 4', async () => {
    scriptBasics(server);
    server.on('POST', /\/cancel$/, { status: 404, body: { detail: 'Not Found' } });
    server.on('GET', '/api/render/proxy/lambda/render_123', { body: { success: true, data: { status: 'processing', progress: 10 } } });
    const r = await run(['cancel', 'render_123'], env);
    assert.equal(r.code, 3, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /may still finish it/);
    assert.equal(server.calls('/api/render/proxy/lambda/render_123/cancel', 'POST').length, 1);
    // A server that has no such job (404 on cancel and on its status): exit 4, says nothing is running.
    server.on('POST', /\/cancel$/, { status: 404, body: { success: false, error: 'render job not found' } });
    server.on('GET', '/api/render/proxy/lambda/render_456', { status: 404, body: { success: false, error: 'render job not found' } });
    const unknown = await run(['cancel', 'render_456'], env);
    assert.equal(unknown.code, 4, `${unknown.stdout}\n${unknown.stderr}`);
    assert.equal(unknown.stderr.trim(), 'The server has no export render_456: nothing is running there, so there was nothing to cancel.');
    const none = await run(['cancel'], env);
    assert.equal(none.code, 4, none.stderr);
    assert.match(none.stderr, /No export is running/);
    assert.equal((await run(['cancel', 'a', 'b'], env)).code, 2);
  });
});
