// A small streaming multipart/form-data parser: bytes in, events out, nothing buffered beyond one delimiter
// length of body (plus one header block), so a 500 MB upload goes to disk chunk by chunk. Pure (no I/O),
// so the caller controls backpressure by awaiting its writes between push() calls.

export type MultipartEvent =
  | { type: 'part'; name: string; filename: string | undefined; contentType: string }
  | { type: 'data'; chunk: Buffer }
  | { type: 'partEnd' }
  | { type: 'end' };

export class MultipartError extends Error {
  override name = 'MultipartError';
}

const MAX_HEADER_BLOCK = 16 * 1024;
const MAX_PREAMBLE = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** The boundary from a Content-Type header, or undefined if it is not multipart/form-data. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function param(header: string, key: string): string | undefined {
  const ext = new RegExp(`;\\s*${key}\\*\\s*=\\s*([^']*)'[^']*'([^;]+)`, 'i').exec(header);
  if (ext) {
    try {
      return decodeURIComponent(ext[2].trim());
    } catch {
      /* fall through to the plain parameter */
    }
  }
  const quoted = new RegExp(`;\\s*${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = new RegExp(`;\\s*${key}\\s*=\\s*([^;\\s]+)`, 'i').exec(header);
  return bare ? bare[1] : undefined;
}

export class MultipartParser {
  private buf: Buffer = Buffer.alloc(0);
  private state: 'preamble' | 'afterBoundary' | 'headers' | 'body' | 'done' = 'preamble';
  private readonly first: Buffer;
  private readonly delimiter: Buffer;

  constructor(boundary: string) {
    this.first = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  get done(): boolean {
    return this.state === 'done';
  }

  push(chunk: Buffer): MultipartEvent[] {
    const out: MultipartEvent[] = [];
    if (this.state === 'done') return out;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      if (this.state === 'preamble') {
        const i = this.buf.indexOf(this.first);
        if (i < 0) {
          if (this.buf.length > MAX_PREAMBLE) throw new MultipartError('No multipart boundary found in the body.');
          return out;
        }
        this.buf = this.buf.subarray(i + this.first.length);
        this.state = 'afterBoundary';
      } else if (this.state === 'afterBoundary') {
        if (this.buf.length < 2) return out;
        if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
          this.state = 'done';
          out.push({ type: 'end' });
          this.buf = Buffer.alloc(0);
          return out;
        }
        // Tolerate transport padding (spaces/tabs) before the CRLF, as RFC 2046 allows.
        let j = 0;
        while (j < this.buf.length && (this.buf[j] === 0x20 || this.buf[j] === 0x09)) j++;
        if (this.buf.length < j + 2) return out;
        if (this.buf[j] !== CRLF[0] || this.buf[j + 1] !== CRLF[1]) throw new MultipartError('Malformed multipart boundary line.');
        this.buf = this.buf.subarray(j + 2);
        this.state = 'headers';
      } else if (this.state === 'headers') {
        const i = this.buf.indexOf(CRLFCRLF);
        if (i < 0) {
          if (this.buf.length > MAX_HEADER_BLOCK) throw new MultipartError('Multipart part headers too large.');
          return out;
        }
        const block = this.buf.subarray(0, i).toString('utf8');
        this.buf = this.buf.subarray(i + 4);
        let disposition = '';
        let contentType = 'application/octet-stream';
        for (const line of block.split('\r\n')) {
          const c = line.indexOf(':');
          if (c < 0) continue;
          const key = line.slice(0, c).trim().toLowerCase();
          const value = line.slice(c + 1).trim();
          if (key === 'content-disposition') disposition = value;
          else if (key === 'content-type') contentType = value;
        }
        if (!/^form-data\b/i.test(disposition)) throw new MultipartError('A multipart part has no Content-Disposition: form-data header.');
        out.push({ type: 'part', name: param(disposition, 'name') ?? '', filename: param(disposition, 'filename'), contentType });
        this.state = 'body';
      } else if (this.state === 'body') {
        const i = this.buf.indexOf(this.delimiter);
        if (i < 0) {
          // Keep just enough bytes to recognise a delimiter split across chunks.
          const safe = this.buf.length - (this.delimiter.length - 1);
          if (safe > 0) {
            out.push({ type: 'data', chunk: this.buf.subarray(0, safe) });
            this.buf = this.buf.subarray(safe);
          }
          return out;
        }
        if (i > 0) out.push({ type: 'data', chunk: this.buf.subarray(0, i) });
        out.push({ type: 'partEnd' });
        this.buf = this.buf.subarray(i + this.delimiter.length);
        this.state = 'afterBoundary';
      } else {
        return out;
      }
    }
  }

  /** Call when the body ended: a body cut short is an error, not a silently shorter file. */
  finish(): void {
    if (this.state !== 'done') throw new MultipartError('The multipart body ended before its closing boundary (upload interrupted?).');
  }
}
