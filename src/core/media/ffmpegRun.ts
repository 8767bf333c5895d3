// Spawns ffmpeg directly (fluent-ffmpeg is archived), reads `-progress pipe:1` for progress, keeps the tail
// of stderr for the error message, and kills the process when the caller's signal aborts.
import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Seconds of output the run produces; with it, progress is reported as a 0–100 fraction. */
  totalSeconds?: number;
  onProgress?(percent: number): void;
  signal?: AbortSignal;
}

export interface RunOutput {
  stderr: string;
}

/** The line of ffmpeg's stderr that explains a failure (ffmpeg prints its reason last, after the noise). */
export function usefulStderrLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const noise = /^(?:frame=|size=|video:|audio:|\[out#|Press \[q\]|Stream mapping|Input #|Output #|Metadata|Duration|Stream #|encoder\s*:|handler_name|vendor_id)/;
  // ffmpeg ends a failure with generic lines; the cause is the last specific line before them.
  const generic = /^(?:Invalid argument|Conversion failed!?|Error initializing complex filters\.?|Error initializing filter.*|Error reinitializing filters!?|Failed to inject frame.*|Error while processing the decoded data.*|Exiting normally.*)$/i;
  const errorish = /error|invalid|no such|not found|cannot|could not|failed|unable|does not|unknown|too |mismatch|denied|option/i;
  const meaningful = lines.filter((l) => !noise.test(l));
  const pick = [...meaningful].reverse().find((l) => errorish.test(l) && !generic.test(l)) ?? meaningful[meaningful.length - 1];
  return pick ? pick.replace(/^\[[\w ]+ @ 0x[0-9a-f]+\]\s*/i, '') : 'ffmpeg failed without a message';
}

export class FfmpegError extends Error {
  constructor(message: string, readonly stderr: string, readonly code: number | null) {
    super(message);
    this.name = 'FfmpegError';
  }
}

export function runFfmpeg(ffmpeg: string, args: string[], opts: RunOptions = {}): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortError());
      return;
    }
    const withProgress = opts.onProgress ? ['-progress', 'pipe:1', '-nostats'] : [];
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-y', ...withProgress, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Keep the last 64 KB of stderr: enough for the reason, bounded for hour-long renders.
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-65536);
    });
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // out_time_us (and the misnamed out_time_ms) are microseconds; "N/A" before the first frame.
        const m = /^out_time_(?:us|ms)=(\d+)/.exec(line);
        if (m && opts.totalSeconds && opts.onProgress) {
          opts.onProgress(Math.max(0, Math.min(100, (Number(m[1]) / 1e6 / opts.totalSeconds) * 100)));
        }
      }
    });
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(new FfmpegError(`Could not start ffmpeg (${ffmpeg}): ${err.message}`, '', null));
    });
    child.on('close', (code) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (aborted) reject(abortError());
      else if (code === 0) resolve({ stderr });
      else reject(new FfmpegError(usefulStderrLine(stderr), stderr, code));
    });
  });
}

function abortError(): Error {
  const e = new Error('Render cancelled');
  e.name = 'AbortError';
  return e;
}
