#!/usr/bin/env node
// The README's main job, end to end on the embedded local engine:
//   raw footage → upload → "generate a YouTube-ready video with intro, cuts, and outro" → export → MP4.
// With no argument it first films its own "raw footage" with ffmpeg (a talking-head stand-in: moving test
// pattern, a voice-like tone with pauses in it), so the demo works on a machine with no media at all.
//   usage: npm run demo [-- path/to/clip.mp4 ...]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'demo-output');
fs.mkdirSync(outDir, { recursive: true });

let clips = process.argv.slice(2);
if (clips.length === 0) {
  const clip = path.join(outDir, 'raw-footage.mp4');
  if (!fs.existsSync(clip)) {
    console.log('[demo] no clip given: filming 20 s of stand-in raw footage with ffmpeg …');
    // Speech stand-in: a tone that is on for 3 s, off for 1.5 s (dead air the silence cutter removes).
    const voice = "sine=f=220:r=48000,volume='if(lt(mod(t,4.5),3),0.6,0)':eval=frame";
    const r = spawnSync('ffmpeg', ['-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30:d=20',
      '-f', 'lavfi', '-i', `${voice},atrim=0:20`,
      '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', clip], { stdio: 'inherit' });
    if (r.status !== 0) { console.error('[demo] ffmpeg could not make the sample clip'); process.exit(1); }
  }
  clips = [clip];
}

const cli = path.join(root, 'dist', 'cli.js');
const r = spawnSync(process.execPath, [cli, 'generate', ...clips, '--local', '--out', outDir], { stdio: 'inherit' });
process.exit(r.status ?? 1);
