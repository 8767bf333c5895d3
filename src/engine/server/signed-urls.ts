// File URLs (uploads' cdn_url, renders' outputUrl) work like a CDN's signed links: no Bearer token needed
// (a player or downloader can fetch them), but each carries an HMAC of its path made with a secret kept
// in the data folder, so nobody can guess a URL to a file the engine did not hand out.
import { timingSafeEqual } from 'node:crypto';
import { hmac } from './ids';

export class SignedUrls {
  constructor(private readonly secret: string, private readonly base: () => string) {}

  private sign(key: string): string {
    return hmac(this.secret, key);
  }

  upload(sessionId: string, mediaId: string, filename: string): string {
    const key = `u/${sessionId}/${mediaId}`;
    return `${this.base()}/files/${key}/${encodeURIComponent(filename)}?sig=${this.sign(key)}`;
  }

  render(jobId: string): string {
    const key = `r/${jobId}`;
    return `${this.base()}/files/${key}/${jobId}.mp4?sig=${this.sign(key)}`;
  }

  /** A file of a preview (engine-only): proxy.webm or filmstrip.jpg. */
  preview(sessionId: string, key: string, name: string): string {
    const k = `p/${sessionId}/${key}/${name}`;
    return `${this.base()}/files/${k}?sig=${this.sign(k)}`;
  }

  verify(key: string, sig: string | null): boolean {
    if (!sig) return false;
    const want = Buffer.from(this.sign(key));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}
