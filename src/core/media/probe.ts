// The few facts the upload kit needs about an exported video, from one ffprobe call.
import { execFile } from 'node:child_process';

export interface VideoFacts {
  width: number;
  height: number;
  durationSec: number;
  fps: number;
}

export function probeVideo(ffprobe: string, file: string, signal?: AbortSignal): Promise<VideoFacts> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobe,
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,r_frame_rate:format=duration', '-of', 'json', file],
      { maxBuffer: 1024 * 1024, signal },
      (err, stdout) => {
        if (err) {
          const e = new Error(`ffprobe could not read ${file}: ${err.message.split('\n')[0]}`) as NodeJS.ErrnoException;
          e.code = typeof (err as NodeJS.ErrnoException).code === 'string' ? (err as NodeJS.ErrnoException).code : undefined;
          reject(e);
          return;
        }
        try {
          const j = JSON.parse(stdout) as { streams?: Array<{ width?: number; height?: number; r_frame_rate?: string }>; format?: { duration?: string } };
          const s = j.streams?.[0];
          if (!s?.width || !s.height) throw new Error('no video stream');
          const [n, d] = (s.r_frame_rate ?? '30/1').split('/').map(Number);
          resolve({ width: s.width, height: s.height, durationSec: Number(j.format?.duration ?? 0), fps: d ? n / d : 30 });
        } catch (e) {
          reject(new Error(`ffprobe could not read ${file}: ${(e as Error).message}`));
        }
      },
    );
  });
}
