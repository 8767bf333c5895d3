// The audio run: every clip's sound cut and crossfaded exactly like the picture, music looped under it and
// ducked by the speech, mixed without normalisation, then split: one copy to a lossless float WAV (the mix
// the video run encodes), one copy through loudnorm's measuring pass (first pass of two-pass loudness).
// Audio is a separate ffmpeg run from video because one graph for both decodes video far ahead and peaked
// at 2.7 GB in the prototype (field notes); split, this run stays under 0.2 GB.
import type { MediaInfo } from '../model';
import { GENERATED_BED } from '../planner/format';
import { audioSpeed } from './effects';
import { generatedBedGraph } from './musicBed';
import { type RenderTimeline, SAMPLE_RATE } from './timeline';

export interface GraphRun {
  /** ffmpeg arguments for the inputs (each `-i` with its input options). */
  inputArgs: string[];
  /** The filter graph script (written to a file, passed with -filter_complex_script). */
  graph: string;
}

const FMT = `aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo`;

/** Input seek with a small lead-in and tail so the exact trims have whole frames/samples to work with. */
export const SEEK_TAIL = 0.5;

/**
 * How the mix is brought to −14 LUFS. `loudnorm`: the upload's two-pass loudnorm (first pass measures, second
 * applies a linear gain with true-peak control). `gain`: the preview proxy's cheaper way: ebur128 measures
 * (0.1 s of CPU for a 60 s mix where loudnorm's measurement, which resamples to 192 kHz, costs 1.3 s) and
 * the second pass is one volume gain to −14 LUFS, lowered if the sample peak would pass −1.5 dBFS.
 */
export type LoudnessMethod = 'loudnorm' | 'gain';

export function buildAudioGraph(tl: RenderTimeline, media: MediaInfo[], loudness: LoudnessMethod = 'loudnorm'): GraphRun {
  const inputArgs: string[] = [];
  const chains: string[] = [];
  let nInputs = 0;
  const itemLabels: string[] = [];
  tl.items.forEach((it, i) => {
    const samples = Math.round((it.frames * SAMPLE_RATE) / tl.fps);
    const label = `ai${i}`;
    if (it.type === 'run' && it.media.hasAudio) {
      inputArgs.push('-vn', '-sn', '-dn', '-ss', it.seek.toFixed(6), '-t', (it.span + SEEK_TAIL).toFixed(6), '-i', it.media.path);
      const idx = nInputs++;
      const parts = it.pieces.map((p, k) => {
        const start = Math.round(p.start * SAMPLE_RATE);
        const len = Math.round((p.frames * SAMPLE_RATE) / tl.fps);
        return { k, start, len };
      });
      if (parts.length === 1) {
        const p = parts[0];
        // A sped-up run reads `len × speed` source samples and atempo brings them to `len`.
        const srcLen = Math.round(p.len * it.fx.speed);
        chains.push(`[${idx}:a]${FMT},atrim=start_sample=${p.start}:end_sample=${p.start + srcLen},asetpts=PTS-STARTPTS,${audioSpeed(it.fx) ? `${audioSpeed(it.fx)}${FMT},` : ''}apad=whole_len=${samples},atrim=end_sample=${samples}[${label}]`);
      } else {
        chains.push(`[${idx}:a]${FMT},asplit=${parts.length}${parts.map((p) => `[${label}s${p.k}]`).join('')}`);
        for (const p of parts) chains.push(`[${label}s${p.k}]atrim=start_sample=${p.start}:end_sample=${p.start + p.len},asetpts=PTS-STARTPTS,apad=whole_len=${p.len},atrim=end_sample=${p.len}[${label}p${p.k}]`);
        chains.push(`${parts.map((p) => `[${label}p${p.k}]`).join('')}concat=n=${parts.length}:v=0:a=1,atrim=end_sample=${samples}[${label}]`);
      }
    } else {
      // Cards, stills and silent clips: digital silence of exactly the item's length.
      chains.push(`anullsrc=r=${SAMPLE_RATE}:cl=stereo,atrim=end_sample=${samples},aformat=sample_fmts=fltp[${label}]`);
    }
    itemLabels.push(label);
  });
  const seconds = tl.totalSamples / SAMPLE_RATE;
  // Join in order: acrossfade where the picture crossfades (same length), concat otherwise.
  let acc = itemLabels[0];
  tl.items.forEach((it, i) => {
    if (i === 0) return;
    const out = `aj${i}`;
    if (it.xfFrames > 0) {
      const d = (it.xfFrames / tl.fps).toFixed(6);
      chains.push(`[${acc}][${itemLabels[i]}]acrossfade=d=${d}:c1=tri:c2=tri[${out}]`);
    } else {
      chains.push(`[${acc}][${itemLabels[i]}]concat=n=2:v=0:a=1[${out}]`);
    }
    acc = out;
  });
  // The picture-in-picture clip's sound (a webcam's voice) joins the speech from 0 for its own length.
  if (tl.pip && tl.pip.media.hasAudio) {
    inputArgs.push('-vn', '-sn', '-dn', '-t', seconds.toFixed(6), '-i', tl.pip.media.path);
    const idx = nInputs++;
    chains.push(`[${idx}:a]${FMT},asetpts=PTS-STARTPTS[pipa]`);
    chains.push(`[${acc}][pipa]amix=inputs=2:normalize=0:duration=first[withpip]`);
    acc = 'withpip';
  }
  const fades: string[] = [`apad=whole_len=${tl.totalSamples}`, `atrim=end_sample=${tl.totalSamples}`];
  // Speech cleanup: a 4-pole low cut under the voice (hum, rumble) and FFT noise reduction; compression evens the voice level
  // (the final loudnorm is linear, so this is what narrows the range between loud and quiet passages).
  if (tl.audio.denoise) fades.push('highpass=f=85', 'highpass=f=85', 'afftdn=nr=20:nf=-40:tn=1');
  if (tl.audio.level) fades.push('acompressor=threshold=0.03:ratio=6:attack=5:release=150:makeup=4');
  if (tl.fadeIn > 0) fades.push(`afade=t=in:st=0:d=${(tl.fadeIn / 1000).toFixed(3)}`);
  if (tl.fadeOut > 0) fades.push(`afade=t=out:st=${Math.max(0, seconds - tl.fadeOut / 1000).toFixed(3)}:d=${(tl.fadeOut / 1000).toFixed(3)}`);
  chains.push(`[${acc}]${fades.join(',')}[speech]`);

  let mixLabel = 'speech';
  if (tl.music) {
    const mu = tl.music;
    let srcLabel: string;
    if (mu.src === GENERATED_BED) {
      chains.push(generatedBedGraph(seconds + 0.1, 'musicsrc'));
      srcLabel = 'musicsrc';
    } else {
      const file = media.find((m) => m.id === mu.src);
      if (!file) throw new Error(`The music file of this draft is no longer in the session (${mu.src}); upload it again or remove the music.`);
      inputArgs.push('-vn', '-sn', '-dn', '-stream_loop', '-1', '-i', file.path);
      const idx = nInputs++;
      chains.push(`[${idx}:a]${FMT}[musicsrc]`);
      srcLabel = 'musicsrc';
    }
    const fin = Math.min(mu.m.fadeIn / 1000, seconds / 4);
    const fout = Math.min(mu.m.fadeOut / 1000, seconds / 4);
    chains.push(
      `[${srcLabel}]atrim=end_sample=${tl.totalSamples},asetpts=PTS-STARTPTS,volume=${mu.m.volume.toFixed(3)},` +
        `afade=t=in:st=0:d=${fin.toFixed(3)},afade=t=out:st=${(seconds - fout).toFixed(3)}:d=${fout.toFixed(3)}[music]`,
    );
    if (mu.m.duck) {
      // Ratio 5 ducks the bed gently under speech (8 ducked 14–19 dB in the prototype: too much).
      chains.push('[speech]asplit=2[speechmain][speechkey]');
      chains.push('[music][speechkey]sidechaincompress=threshold=0.025:ratio=5:attack=20:release=400:makeup=1[ducked]');
      chains.push(`[speechmain][ducked]amix=inputs=2:normalize=0:duration=first[mixed]`);
    } else {
      chains.push(`[speech][music]amix=inputs=2:normalize=0:duration=first[mixed]`);
    }
    mixLabel = 'mixed';
  }
  chains.push(`[${mixLabel}]asplit=2[mix][premeasure]`);
  chains.push(loudness === 'loudnorm'
    ? '[premeasure]loudnorm=I=-14:TP=-1.5:LRA=11:print_format=json[measure]'
    : '[premeasure]ebur128=peak=sample:framelog=verbose[measure]');
  return { inputArgs, graph: chains.join(';\n') };
}

export interface LoudnessMeasure {
  input_i: number;
  input_tp: number;
  input_lra: number;
  input_thresh: number;
  target_offset: number;
}

/** Reads loudnorm's JSON block from ffmpeg's stderr (first pass). Null for silence (−inf). */
export function parseLoudnorm(stderr: string): LoudnessMeasure | null {
  const at = stderr.lastIndexOf('"input_i"');
  if (at < 0) return null;
  const start = stderr.lastIndexOf('{', at);
  const end = stderr.indexOf('}', at);
  if (start < 0 || end < 0) return null;
  const raw = JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  const m: LoudnessMeasure = {
    input_i: Number(raw.input_i),
    input_tp: Number(raw.input_tp),
    input_lra: Number(raw.input_lra),
    input_thresh: Number(raw.input_thresh),
    target_offset: Number(raw.target_offset),
  };
  if (![m.input_i, m.input_tp, m.input_lra, m.input_thresh, m.target_offset].every(Number.isFinite) || m.input_i < -70) return null;
  return m;
}

/** Second pass: linear gain to −14 LUFS; LRA target at least the measured LRA, or loudnorm silently goes dynamic. */
export function loudnormSecondPass(m: LoudnessMeasure | null): string {
  if (!m) return `aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo`;
  const lra = Math.min(50, Math.max(11, Math.ceil(m.input_lra + 1)));
  return (
    `loudnorm=I=-14:TP=-1.5:LRA=${lra}:measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}` +
    `:measured_thresh=${m.input_thresh}:offset=${m.target_offset}:linear=true:print_format=summary,` +
    `aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo`
  );
}

/** ebur128's summary (integrated loudness, sample peak) from ffmpeg's stderr. Null for silence or no summary. */
export function parseEbur128(stderr: string): { i: number; peak: number } | null {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) return null;
  const tail = stderr.slice(at);
  const i = Number(/\bI:\s*(-?[\d.]+|-inf)\s*LUFS/.exec(tail)?.[1]);
  const peak = Number(/\bPeak:\s*(-?[\d.]+|-inf)\s*dBFS/.exec(tail)?.[1]);
  // Digital silence measures −70.0 LUFS (the absolute gate): nothing to normalise.
  if (!Number.isFinite(i) || i <= -70) return null;
  return { i, peak: Number.isFinite(peak) ? peak : -Infinity };
}

/** The `gain` method's second pass: one volume change to −14 LUFS, at most what keeps the peak at −1.5 dBFS. */
export function gainSecondPass(m: { i: number; peak: number } | null): string {
  const fmt = `aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo`;
  if (!m) return fmt;
  const db = Math.min(-14 - m.i, -1.5 - m.peak);
  return `volume=${db.toFixed(2)}dB,${fmt}`;
}

/** The second-pass filter of `method`, from the first pass's stderr. */
export function loudnessSecondPass(method: LoudnessMethod, firstPassStderr: string): string {
  return method === 'loudnorm' ? loudnormSecondPass(parseLoudnorm(firstPassStderr)) : gainSecondPass(parseEbur128(firstPassStderr));
}
