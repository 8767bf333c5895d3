// Benchmarks 1 and 2: the engine's render (the span render, empty cache: a first export; spans encoded in
// parallel beside the audio run) of a 60 s 1080p30 timeline (intro card, two clips with a 1 s
// crossfade, a fading title, ducked background music, outro card) against the floor: ONE hand-written
// ffmpeg command doing the same work in a single pass with the same encoder settings (encodeArgs: preset,
// bitrate, GOP, B-frames, AAC). Runs are interleaved E F F E … so load changes hit both sides alike.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toCompact } from '../src/engine/planner/format';
import { RenderCache, renderDraft } from '../src/engine/render';
import { encodeArgs, x264Preset } from '../src/engine/render/encodeArgs';
import { fontFor } from '../src/core/media/fonts';
import { emit, ensureDir, log, median, round, run, timed, workDir, type Row } from './lib';
import { benchMedia } from './media';
import { draft, FPS, H, INTRO_MS, CLIP_MS, media, MUSIC, OUTRO_MS, TITLE, TOTAL_S, W, XF_MS } from './timeline60';

function esc(text: string): string {
  return text.replace(/[\\':,;[\]]/g, (c) => `\\${c}`);
}

/** The hand-written single-pass graph: what an expert would type for this timeline (same work, no extras). */
function floorGraph(font: string): string {
  const sr = 48000;
  const fmt = `aresample=${sr},aformat=sample_fmts=fltp:sample_rates=${sr}:channel_layouts=stereo`;
  const clipFrames = (CLIP_MS / 1000) * FPS;
  const xfFrames = (XF_MS / 1000) * FPS;
  const text = (t: string, size: number, y: number, extra = '') =>
    `drawtext=fontfile=${esc(font)}:text=${esc(t)}:expansion=none:fontsize=${size}:fontcolor=white:x=(w-text_w)/2:y=h*${y}-text_h/2${extra}`;
  const card = (color: string, dur: number, title: string, sub: string) =>
    `color=c=${color}:s=${W}x${H}:r=${FPS}:d=${dur},format=yuv420p,${text(title, 108, 0.45, ":alpha='min(1,t/0.5)'")},${text(sub, 49, 0.6, ":alpha='min(1,t/0.5)'")}`;
  const { s, e, fade: f } = TITLE;
  const titleAlpha = `'if(lt(t,${s + f}),(t-${s})/${f},if(gt(t,${e - f}),(${e}-t)/${f},1))'`;
  return [
    `${card('0x16213e', INTRO_MS / 1000, 'Bench Render', 'sixty seconds of 1080p')}[intro]`,
    `${card('0x1f1b2e', OUTRO_MS / 1000, 'Thanks for watching', 'Subscribe for more')}[outro]`,
    // The crossfade only sees the overlapping frames (xfade over whole clips costs twice the CPU).
    `[0:v]fps=${FPS},format=yuv420p,split[a1][a2]`,
    `[a1]trim=end_frame=${clipFrames - xfFrames},setpts=PTS-STARTPTS[abody]`,
    `[a2]trim=start_frame=${clipFrames - xfFrames}:end_frame=${clipFrames},setpts=PTS-STARTPTS[atail]`,
    `[1:v]fps=${FPS},format=yuv420p,split[b1][b2]`,
    `[b1]trim=end_frame=${xfFrames},setpts=PTS-STARTPTS[bhead]`,
    `[b2]trim=start_frame=${xfFrames}:end_frame=${clipFrames},setpts=PTS-STARTPTS[bbody]`,
    `[atail][bhead]xfade=transition=fade:duration=${XF_MS / 1000}:offset=0[x]`,
    `[intro][abody][x][bbody][outro]concat=n=5:v=1:a=0,${text(TITLE.text, 59, 0.82, `:box=1:boxcolor=black@0.45:boxborderw=16:enable='between(t,${s},${e})':alpha=${titleAlpha}`)},format=yuv420p[vout]`,
    `anullsrc=r=${sr}:cl=stereo,atrim=end_sample=${(INTRO_MS / 1000) * sr},aformat=sample_fmts=fltp[ai]`,
    `[0:a]${fmt},atrim=end_sample=${(CLIP_MS / 1000) * sr}[aa]`,
    `[1:a]${fmt},atrim=end_sample=${(CLIP_MS / 1000) * sr}[ab]`,
    `[aa][ab]acrossfade=d=${XF_MS / 1000}:c1=tri:c2=tri[aab]`,
    `anullsrc=r=${sr}:cl=stereo,atrim=end_sample=${(OUTRO_MS / 1000) * sr},aformat=sample_fmts=fltp[ao]`,
    `[ai][aab][ao]concat=n=3:v=0:a=1,asplit[speech][key]`,
    `[2:a]${fmt},atrim=end_sample=${TOTAL_S * sr},volume=${MUSIC.volume},afade=t=in:d=${MUSIC.fadeIn},afade=t=out:st=${TOTAL_S - MUSIC.fadeOut}:d=${MUSIC.fadeOut}[music]`,
    '[music][key]sidechaincompress=threshold=0.025:ratio=5:attack=20:release=400:makeup=1[ducked]',
    `[speech][ducked]amix=inputs=2:normalize=0:duration=first,loudnorm=I=-14:TP=-1.5:LRA=11,${fmt}[aout]`,
  ].join(';\n');
}

/**
 * CPU seconds used by this process's finished children (ffmpeg), from /proc/self/stat cutime + cstime:
 * much less sensitive to other people's load than wall time, so it backs up the wall-time ratio.
 */
function childCpuSeconds(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64
  return (Number(fields[13]) + Number(fields[14])) / CLK_TCK;
}

async function probeDuration(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

async function main(): Promise<void> {
  const reps = Math.max(1, Number(process.env.BENCH_RENDER_REPS ?? 3));
  const m = await benchMedia();
  const dir = ensureDir(path.join(workDir, 'render'));
  const preset = x264Preset();
  const mediaList = [
    media('a', m.clipA, 'video', 27, W, H, FPS),
    media('b', m.clipB, 'video', 27, W, H, FPS),
    { ...media('m', m.music, 'audio', 20, 0, 0, 0) },
  ];
  const compact = toCompact(draft());
  const font = fontFor('Bench Render').path;
  const graphFile = path.join(dir, 'floor.filtergraph');
  fs.writeFileSync(graphFile, floorGraph(font));
  const floorOut = path.join(dir, 'floor.mp4');
  const floorArgs = [
    '-v', 'error', '-y',
    '-t', String(CLIP_MS / 1000 + 0.5), '-i', m.clipA,
    '-t', String(CLIP_MS / 1000 + 0.5), '-i', m.clipB,
    '-stream_loop', '-1', '-i', m.music,
    '-filter_complex_script', graphFile,
    '-map', '[vout]', '-map', '[aout]',
    ...encodeArgs(W, H, FPS, preset),
    '-t', String(TOTAL_S), floorOut,
  ];
  const engineOut = path.join(dir, 'engine.mp4');
  const renderEngine = async () => {
    fs.rmSync(path.join(dir, 'engine.work'), { recursive: true, force: true });
    // The product default: the span render with its cache, here empty every time (a first export).
    const cacheDir = path.join(dir, 'engine.cache');
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const cache = new RenderCache(cacheDir, 4096 * 1024 * 1024);
    await renderDraft({
      draft: compact, media: mediaList, outPath: engineOut, workDir: path.join(dir, 'engine.work'),
      ffmpeg: { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' },
      onProgress: () => undefined,
      signal: new AbortController().signal,
    }, { cache });
  };
  const renderFloor = async () => {
    await run('ffmpeg', floorArgs);
  };

  const engineMs: number[] = [];
  const floorMs: number[] = [];
  const engineCpu: number[] = [];
  const floorCpu: number[] = [];
  // ABBA order: E F, F E, E F, … so a load trend over the run does not favour either side.
  for (let i = 0; i < reps; i++) {
    const order = i % 2 === 0 ? ['engine', 'floor'] : ['floor', 'engine'];
    for (const which of order) {
      const cpu0 = childCpuSeconds();
      const { ms } = await timed(which === 'engine' ? renderEngine : renderFloor);
      const cpu = childCpuSeconds() - cpu0;
      (which === 'engine' ? engineMs : floorMs).push(ms);
      (which === 'engine' ? engineCpu : floorCpu).push(cpu);
      log(`render ${which} #${i + 1}: ${(ms / 1000).toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`);
    }
  }
  const engineDur = await probeDuration(engineOut);
  const floorDur = await probeDuration(floorOut);
  const e = median(engineMs) / 1000;
  const f = median(floorMs) / 1000;
  const common = { preset, reps, engineSeconds: engineMs.map((x) => round(x / 1000)), floorSeconds: floorMs.map((x) => round(x / 1000)), engineOutputSeconds: round(engineDur, 3), floorOutputSeconds: round(floorDur, 3), floorGraph: 'bench/.work/render/floor.filtergraph',
    engineCpuSeconds: engineCpu.map((x) => round(x, 1)), floorCpuSeconds: floorCpu.map((x) => round(x, 1)),
    cpuRatio: round(median(engineCpu) / median(floorCpu), 3),
    // If this machine's cores were all ours: the best ×realtime the CPU time allows (perfect parallelism).
    idleCoresRealtimeBound: round(TOTAL_S / (median(engineCpu) / os.cpus().length), 2), cores: os.cpus().length };
  const ratio = e / f;
  const rows: Row[] = [
    {
      id: 'render-floor', what: `local render vs the floor (60 s 1080p30 timeline, preset ${preset})`,
      subject: round(e), reference: round(f), referenceLabel: 'one hand-written single-pass ffmpeg command', unit: 's',
      ratio: round(ratio, 3), goal: '≤ 1.05×', pass: ratio <= 1.05, details: common,
      note: `CPU time engine/floor ${common.cpuRatio}× (${round(median(engineCpu), 1)} s vs ${round(median(floorCpu), 1)} s)`,
    },
    {
      id: 'render-realtime', what: `local render vs realtime (default preset ${preset})`,
      subject: round(TOTAL_S / e), reference: round(TOTAL_S / f), referenceLabel: 'the floor command, ×realtime', unit: '×realtime',
      ratio: round(TOTAL_S / e, 2), goal: '≥ 1.5× realtime', pass: TOTAL_S / e >= 1.5, details: { ...common, timelineSeconds: TOTAL_S },
      note: `wall time on a shared machine; its CPU time allows ≤ ${common.idleCoresRealtimeBound}× on ${common.cores} idle cores`,
    },
  ];
  emit(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
