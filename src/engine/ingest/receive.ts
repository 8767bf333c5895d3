// Writes incoming bytes to a `.part` file while hashing and counting them. The size cap is enforced as
// bytes arrive (whatever Content-Length claimed), so a lying or missing length cannot fill the disk.
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { MAX_UPLOAD_BYTES } from './media-types';

export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

export interface Received {
  path: string;
  size: number;
  hash: string;
}

/** An open `.part` file: write() waits for the disk (backpressure), abort() removes it. */
export class PartFile {
  private readonly out: fs.WriteStream;
  private readonly hasher: Hash = createHash('sha256');
  private size = 0;
  private failed: Error | undefined;

  constructor(readonly path: string, private readonly limit = MAX_UPLOAD_BYTES) {
    this.out = fs.createWriteStream(path, { flags: 'wx', mode: 0o600 });
    this.out.on('error', (e) => { this.failed = e; });
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.size += chunk.length;
    if (this.size > this.limit) throw new TooLargeError(`over ${this.limit} bytes`);
    this.hasher.update(chunk);
    if (!this.out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => { this.out.off('error', onError); resolve(); };
        const onError = (e: Error) => { this.out.off('drain', onDrain); reject(e); };
        this.out.once('drain', onDrain);
        this.out.once('error', onError);
      });
    }
  }

  async finish(): Promise<Received> {
    if (this.failed) throw this.failed;
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
    return { path: this.path, size: this.size, hash: this.hasher.digest('hex') };
  }

  async abort(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.out.closed) {
        resolve();
        return;
      }
      this.out.once('close', () => resolve());
      this.out.destroy();
    });
    await fs.promises.rm(this.path, { force: true });
  }
}

/** Copies a readable source into a new `.part` file with the cap. */
export async function receive(source: AsyncIterable<Buffer>, partPath: string, limit = MAX_UPLOAD_BYTES): Promise<Received> {
  const part = new PartFile(partPath, limit);
  try {
    for await (const chunk of source) await part.write(chunk);
    return await part.finish();
  } catch (e) {
    await part.abort();
    throw e;
  }
}
