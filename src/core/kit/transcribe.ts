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

/** Why there is no transcriber: nothing set up at all, or a set-up that points at something missing. */
export type NoTranscriber =
  | { why: 'not-set-up' }
  | { why: 'no-model' }
  | { why: 'model-missing'; path: string }
  | { why: 'cli-missing'; path: string }
  | { why: 'cli-not-on-path' };

/** The transcriber to use, or why there is none (each reason has its own plain sentence in strings.ts). */
export function lookupTranscriber(cfg: WhisperConfig, env: NodeJS.ProcessEnv = process.env): Transcriber | NoTranscriber {
  const model = cfg.model?.trim() || env.GENERATOR_YOUTUBE_WHISPER_MODEL?.trim() || '';
  const binSetting = cfg.bin?.trim() || env.GENERATOR_YOUTUBE_WHISPER_CLI?.trim() || '';
  if (!model) return binSetting ? { why: 'no-model' } : { why: 'not-set-up' };
  if (!fs.existsSync(model)) return { why: 'model-missing', path: model };
  if (binSetting) return fs.existsSync(binSetting) ? { bin: binSetting, model } : { why: 'cli-missing', path: binSetting };
  const bin = onPath('whisper-cli', env);
  return bin ? { bin, model } : { why: 'cli-not-on-path' };
}

/** The transcriber to use, or null (no whisper-cli, or no model file). */
export function findTranscriber(cfg: WhisperConfig, env: NodeJS.ProcessEnv = process.env): Transcriber | null {
  const r = lookupTranscriber(cfg, env);
  return 'bin' in r ? r : null;
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
