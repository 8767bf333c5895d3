// Transcription with the user's own whisper.cpp, when there is one: `whisper-cli` (a setting, else PATH) and
// a model file the user chose (a setting or GENERATOR_YOUTUBE_WHISPER_MODEL). Nothing is downloaded and no
// other recogniser is tried (Debian's pocketsphinx turned a clear sentence into nonsense here): without both,
// the kit says plainly that there is no transcriber. The exported video is transcribed, so the cues are
// already in the video's time.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFfmpeg } from '../media/ffmpegRun';
import { type Cue, parseCaptions } from './captions';

export interface WhisperConfig {
  /** whisper-cli path; '' or undefined = look on PATH. */
  bin?: string;
  /** ggml model file. */
  model?: string;
}

export interface Transcriber {
  bin: string;
  model: string;
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const e of exts) {
      const p = path.join(dir, name + e);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch {
        /* next */
      }
    }
  }
  return null;
}

/** The transcriber to use, or null (no whisper-cli, or no model file). */
export function findTranscriber(cfg: WhisperConfig, env: NodeJS.ProcessEnv = process.env): Transcriber | null {
  const model = cfg.model?.trim() || env.GENERATOR_YOUTUBE_WHISPER_MODEL?.trim();
  if (!model || !fs.existsSync(model)) return null;
  const bin = cfg.bin?.trim() ? (fs.existsSync(cfg.bin.trim()) ? cfg.bin.trim() : null) : onPath('whisper-cli', env);
  return bin ? { bin, model } : null;
}

export async function transcribe(tr: Transcriber, ffmpeg: string, video: string, workDir: string, signal?: AbortSignal): Promise<Cue[]> {
  fs.mkdirSync(workDir, { recursive: true });
  const wav = path.join(workDir, 'speech.wav');
  // whisper.cpp reads 16 kHz mono 16-bit WAV.
  await runFfmpeg(ffmpeg, ['-i', video, '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', wav], { signal });
  const base = path.join(workDir, 'transcript');
  await new Promise<void>((resolve, reject) => {
    execFile(tr.bin, ['-m', tr.model, '-f', wav, '-osrt', '-of', base, '-l', 'auto'], { signal, maxBuffer: 16 * 1024 * 1024 }, (err, _o, stderr) => {
      if (err) reject(new Error(String(stderr || err.message).trim().split('\n').pop() ?? err.message));
      else resolve();
    });
  });
  return parseCaptions(fs.readFileSync(`${base}.srt`, 'utf8'), 'whisper-cli output');
}
