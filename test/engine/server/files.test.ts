// Serving files the way a resuming downloader needs: signed links, Range (206), If-Range, ETag, 416, HEAD.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { testMedia, type TestMedia } from '../../support/media';
import { arr, harness, request, str, type Harness } from './helpers';

describe('engine server: file serving with Range', () => {
  let h: Harness;
  let m: TestMedia;
  let url: string;
  let bytes: Buffer;
  before(async () => {
    m = await testMedia();
    h = await harness();
    const r = await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    url = str(arr(r.json.data.files)[0].cdn_url);
    bytes = fs.readFileSync(m.clip);
  });
  after(async () => { await h.engine.close(); });

  it('serves the whole file with Accept-Ranges, a strong ETag and a video type', async () => {
    const r = await request(h.base, 'GET', url);
    assert.equal(r.status, 200);
    assert.equal(r.headers['accept-ranges'], 'bytes');
    assert.match(String(r.headers.etag), /^"[0-9a-f]+-[0-9a-f]+"$/);
    assert.equal(r.headers['content-type'], 'video/mp4');
    assert.equal(Number(r.headers['content-length']), bytes.length);
  });

  it('answers a byte range with 206 and Content-Range', async () => {
    const r = await request(h.base, 'GET', url, { headers: { Range: 'bytes=100-199' } });
    assert.equal(r.status, 206);
    assert.equal(r.headers['content-range'], `bytes 100-199/${bytes.length}`);
    assert.ok(r.body.equals(bytes.subarray(100, 200)));
    const tail = await request(h.base, 'GET', url, { headers: { Range: 'bytes=-50' } });
    assert.ok(tail.body.equals(bytes.subarray(bytes.length - 50)));
    const open = await request(h.base, 'GET', url, { headers: { Range: `bytes=${bytes.length - 10}-` } });
    assert.equal(open.status, 206);
    assert.equal(open.body.length, 10);
  });

  it('If-Range with the current ETag resumes; with a stale one sends the whole file', async () => {
    const etag = String((await request(h.base, 'GET', url)).headers.etag);
    const resume = await request(h.base, 'GET', url, { headers: { Range: 'bytes=10-', 'If-Range': etag } });
    assert.equal(resume.status, 206);
    const stale = await request(h.base, 'GET', url, { headers: { Range: 'bytes=10-', 'If-Range': '"0-0"' } });
    assert.equal(stale.status, 200);
    assert.equal(stale.body.length, bytes.length);
    const notModified = await request(h.base, 'GET', url, { headers: { 'If-None-Match': etag } });
    assert.equal(notModified.status, 304);
  });

  it('[bad-input] an impossible range answers 416 with the size', async () => {
    const r = await request(h.base, 'GET', url, { headers: { Range: `bytes=${bytes.length + 5}-` } });
    assert.equal(r.status, 416);
    assert.equal(r.headers['content-range'], `bytes */${bytes.length}`);
  });

  it('HEAD gives the headers without a body', async () => {
    const r = await request(h.base, 'HEAD', url);
    assert.equal(r.status, 200);
    assert.equal(Number(r.headers['content-length']), bytes.length);
    assert.equal(r.body.length, 0);
  });

  it('[security] a file link without or with a wrong signature is 404, and cannot walk out of the data folder', async () => {
    const u = new URL(url);
    const noSig = await request(h.base, 'GET', u.pathname);
    assert.equal(noSig.status, 404);
    const wrong = await request(h.base, 'GET', `${u.pathname}?sig=${'A'.repeat(32)}`);
    assert.equal(wrong.status, 404);
    for (const p of ['/files/u/../../tokens.json', '/files/u/%2e%2e/%2e%2e/tokens.json', '/files/r/..%2F..%2Fengine.json/x', `/files/u/${h.sessionId}/..%2Fsession.json/x?sig=${u.searchParams.get('sig')}`]) {
      const r = await request(h.base, 'GET', p);
      assert.equal(r.status, 404, p);
      assert.ok(!r.text.includes('secret') && !r.text.includes('clientIdHash') && !r.text.includes('nmv_usr_'), p);
    }
  });
});
