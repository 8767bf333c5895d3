// Running processes, read from Linux /proc: tests that cancel a render check that its ffmpeg is really gone.
import * as fs from 'node:fs';

/** Pids of ffmpeg processes whose command line names `id` (a render's id is in its work folder's name). */
export function ffmpegProcessesFor(id: string): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      return cmd.includes('ffmpeg') && cmd.includes(id);
    } catch {
      return false; // the process ended while we looked
    }
  }).map(Number);
}
