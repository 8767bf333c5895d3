// The streaming multipart parser in isolation: every way a body can be split into chunks gives the same
// parts and bytes; hostile and broken bodies raise MultipartError.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { boundaryOf, MultipartError, MultipartParser, type MultipartEvent } from '../../../src/engine/server/multipart';

interface Part { name: string; filename: string | undefined; data: Buffer }

function parse(body: Buffer, boundary: string, splits: number[]): Part[] {
  const p = new MultipartParser(boundary);
  const parts: Part[] = [];
  let cur: Part | undefined;
  const take = (evs: MultipartEvent[]) => {
    for (const ev of evs) {
      if (ev.type === 'part') cur = { name: ev.name, filename: ev.filename, data: Buffer.alloc(0) };
      else if (ev.type === 'data' && cur) cur.data = Buffer.concat([cur.data, ev.chunk]);
      else if (ev.type === 'partEnd' && cur) { parts.push(cur); cur = undefined; }
    }
  };
  let last = 0;
  for (const s of [...splits, body.length]) {
    take(p.push(body.subarray(last, s)));
    last = s;
  }
  p.finish();
  return parts;
}

describe('engine server: multipart parser', () => {
  const boundary = 'AaB03x-boundary';
  // Binary data that contains a near-miss of the delimiter, CRLFs and dashes.
  const fileA = Buffer.concat([randomBytes(3000), Buffer.from(`\r\n--${boundary.slice(0, -1)}Z\r\n--`), randomBytes(2000)]);
  const fileB = Buffer.from('second file\r\n');
  const body = Buffer.concat([
    Buffer.from(`preamble to ignore\r\n--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a \\"quoted\\" name.mp4"\r\nContent-Type: video/mp4\r\n\r\n`), fileA,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="b.mp4"; filename*=UTF-8''%E8%A7%86%E9%A2%91.mp4\r\n\r\n`), fileB,
    Buffer.from(`\r\n--${boundary}--\r\nepilogue`),
  ]);

  it('parses fields and files in one chunk', () => {
    const parts = parse(body, boundary, []);
    assert.deepEqual(parts.map((p) => [p.name, p.filename]), [['note', undefined], ['files', 'a "quoted" name.mp4'], ['files', '视频.mp4']]);
    assert.ok(parts[1].data.equals(fileA));
    assert.ok(parts[2].data.equals(fileB));
  });

  it('gives the same result for every split point (delimiters across chunk edges)', () => {
    for (let i = 1; i < body.length; i += 7) {
      const parts = parse(body, boundary, [i]);
      assert.ok(parts[1].data.equals(fileA), `split at ${i}`);
      assert.ok(parts[2].data.equals(fileB), `split at ${i}`);
    }
  });

  it('works byte by byte', () => {
    const splits = Array.from({ length: body.length - 1 }, (_, i) => i + 1);
    const parts = parse(body, boundary, splits);
    assert.equal(parts.length, 3);
    assert.ok(parts[1].data.equals(fileA));
  });

  it('[bad-input] a body without its closing boundary, or without any boundary, is an error', () => {
    assert.throws(() => parse(body.subarray(0, body.length - 20), boundary, []), MultipartError);
    assert.throws(() => parse(Buffer.alloc(70 * 1024, 0x61), boundary, []), MultipartError);
  });

  it('[bad-input] endless part headers are an error, not a memory sink', () => {
    const hostile = Buffer.concat([Buffer.from(`--${boundary}\r\nX: `), Buffer.alloc(32 * 1024, 0x61)]);
    assert.throws(() => parse(hostile, boundary, []), /headers too large/);
  });

  it('reads the boundary from Content-Type (quoted or not) and rejects other types', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b:c"'), 'a b:c');
    assert.equal(boundaryOf('application/json'), undefined);
    assert.equal(boundaryOf('multipart/form-data'), undefined);
  });
});
