// The built-in "generated bed": a soft lo-fi-ish pad synthesised by ffmpeg itself (no sample files, no
// downloads): four seventh chords of sines with a slow swell per chord, a quiet bass, a touch of tremolo,
// low-passed and echoed for space, over a whisper of pink noise (vinyl hiss). Honest name: it is a bed,
// not a song.
const CHORD_SECONDS = 2.4;

// Am7 – Fmaj7 – Cmaj7 – G6, voiced around middle C (Hz).
const CHORDS: number[][] = [
  [220.0, 261.63, 329.63, 392.0],
  [174.61, 220.0, 261.63, 329.63],
  [261.63, 329.63, 392.0, 493.88],
  [196.0, 246.94, 293.66, 329.63],
];

function chordExpr(notes: number[], detune: number): string {
  const voices = notes.map((f) => `0.1*sin(2*PI*${(f * detune).toFixed(3)}*t)`);
  voices.push(`0.14*sin(2*PI*${((notes[0] / 2) * detune).toFixed(3)}*t)`);
  return voices.join('+');
}

function channelExpr(detune: number): string {
  const P = CHORD_SECONDS;
  const idx = `floor(mod(t,${P * 4})/${P})`;
  let body = chordExpr(CHORDS[3], detune);
  for (let i = 2; i >= 0; i--) body = `if(eq(${idx},${i}),${chordExpr(CHORDS[i], detune)},${body})`;
  // Swell in over 0.5 s and out over the last 0.7 s of each chord: no clicks at chord changes.
  const x = `mod(t,${P})`;
  const env = `min(1,${x}/0.5)*min(1,(${P}-${x})/0.7)`;
  return `(${body})*${env}*(0.85+0.15*sin(2*PI*0.5*t))`;
}

/** One full cycle of the progression; the bed is this cycle looped (aevalsrc costs ~1.3 s CPU per 20 s). */
export const BED_CYCLE_SECONDS = CHORD_SECONDS * CHORDS.length;

/** Filter-graph source chain producing `seconds` of stereo 48 kHz bed, ending in the label `[out]`. */
export function generatedBedGraph(seconds: number, out: string): string {
  const cycle = BED_CYCLE_SECONDS.toFixed(3);
  const cycleSamples = Math.round(BED_CYCLE_SECONDS * 48000);
  const total = Math.round(seconds * 48000);
  // The envelope is silent at every chord change, so the loop seam is inaudible.
  return [
    `aevalsrc='${channelExpr(1)}|${channelExpr(1.003)}':s=48000:d=${cycle},lowpass=f=1800,aecho=0.8:0.6:90|170:0.25|0.15[bedtone]`,
    `anoisesrc=color=pink:amplitude=0.02:r=48000:d=${cycle},lowpass=f=3000,aformat=channel_layouts=stereo[bedhiss]`,
    `[bedtone][bedhiss]amix=inputs=2:normalize=0:duration=first,aloop=loop=-1:size=${cycleSamples},atrim=end_sample=${total},` +
      `aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[${out}]`,
  ].join(';\n');
}
