// Storage (file stores for the CLI: 0600, atomic, ordered), token redaction, multipart framing, small helpers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { redact, redactingLogger } from '../../../src/core/api/logger';
import { multipartBody } from '../../../src/core/api/multipart';
import { langFromLocale } from '../../../src/core/i18n';
import { newRenderId, normaliseStatus } from '../../../src/core/render/job';
import { configDir, FileSecretStore, FileStateStore, MemoryStateStore } from '../../../src/core/session/stores';

describe('core/session stores', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-stores-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('config dir: $XDG_CONFIG_HOME/generator-youtube, else ~/.config/generator-youtube', () => {
    assert.equal(configDir({ XDG_CONFIG_HOME: '/x/cfg' }), '/x/cfg/generator-youtube');
    assert.equal(configDir({}), path.join(os.homedir(), '.config', 'generator-youtube'));
    assert.equal(configDir({ XDG_CONFIG_HOME: 'relative' }), path.join(os.homedir(), '.config', 'generator-youtube'));
  });

  it('[security] the secret file is written with mode 0600 and survives a new instance', async () => {
    const file = path.join(tmp, 'cfg', 'secrets.json');
    const a = new FileSecretStore(file);
    await a.set('tok', 'nmv_usr_abc');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.equal(await new FileSecretStore(file).get('tok'), 'nmv_usr_abc');
    await a.delete('tok');
    assert.equal(await new FileSecretStore(file).get('tok'), undefined);
  });

  it('[bad-input] a corrupt state file reads as empty instead of crashing, and is replaced on write', async () => {
    const file = path.join(tmp, 'state.json');
    fs.writeFileSync(file, '{not json');
    const s = new FileStateStore(file);
    assert.equal(s.get('x'), undefined);
    await s.update('x', { a: 1 });
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { x: { a: 1 } });
  });

  it('[fault] concurrent updates land in order and never leave a temp file behind', async () => {
    const file = path.join(tmp, 'state.json');
    const s = new FileStateStore(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.update(`k${i}`, i)));
    await s.update('last', true);
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.equal(Object.keys(onDisk).length, 21);
    assert.deepEqual(fs.readdirSync(tmp), ['state.json']);
  });

  it('memory state store copies values (no shared mutation) and deletes on undefined', async () => {
    const s = new MemoryStateStore();
    const v = { n: 1 };
    await s.update('k', v);
    v.n = 2;
    assert.deepEqual(s.get('k'), { n: 1 });
    await s.update('k', undefined);
    assert.equal(s.get('k'), undefined);
  });
});

describe('core/api redaction', () => {
  it('[security] masks tokens, claim tokens, Bearer values and token query parameters', () => {
    assert.equal(redact('token nmv_usr_AbC123xyz expired'), 'token *** expired');
    assert.equal(redact('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer ***');
    assert.equal(redact('claim clm_XYZ987'), 'claim ***');
    assert.equal(redact('https://h/x?ct=secret&y=1'), 'https://h/x?ct=***&y=1');
    assert.equal(redact('my own secret-value here', ['secret-value']), 'my own *** here');
  });

  it('[security] the redacting logger masks the current token in every level', () => {
    const lines: string[] = [];
    const log = redactingLogger({ info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m), debug: (m) => lines.push(m) }, () => ['plain-token-42']);
    log.info('a plain-token-42');
    log.warn('b Bearer xyz');
    log.error('c nmv_loc_qqq');
    log.debug?.('d ok');
    assert.deepEqual(lines, ['a ***', 'b Bearer ***', 'c ***', 'd ok']);
  });
});

describe('core/api multipart body', () => {
  it('Content-Length equals the bytes streamed, for several files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-mp-'));
    try {
      const a = path.join(dir, 'a.mp4');
      const b = path.join(dir, 'b.png');
      fs.writeFileSync(a, Buffer.alloc(700_000, 1));
      fs.writeFileSync(b, Buffer.alloc(5, 2));
      const body = multipartBody([{ path: a, size: 700_000 }, { path: b, size: 5 }]);
      const reader = body.stream(() => undefined).getReader();
      let n = 0;
      const chunks: Buffer[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        n += value.byteLength;
        if (chunks.length < 1) chunks.push(Buffer.from(value));
      }
      assert.equal(n, body.contentLength);
      assert.match(chunks[0]!.toString('latin1'), /^--.+\r\nContent-Disposition: form-data; name="files"; filename="a.mp4"\r\nContent-Type: video\/mp4\r\n\r\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('core helpers', () => {
  it('language from a locale tag', () => {
    assert.equal(langFromLocale('zh-cn'), 'zh');
    assert.equal(langFromLocale('zh_CN.UTF-8'), 'zh');
    assert.equal(langFromLocale('en-US'), 'en');
    assert.equal(langFromLocale(undefined), 'en');
  });

  it('render ids and status words', () => {
    assert.equal(newRenderId(1732470000123), 'render_1732470000123');
    assert.equal(normaliseStatus('COMPLETED'), 'completed');
    assert.equal(normaliseStatus('succeeded'), 'completed');
    assert.equal(normaliseStatus('error'), 'failed');
    assert.equal(normaliseStatus('rendering'), 'processing');
    assert.equal(normaliseStatus(undefined), 'pending');
  });
});
