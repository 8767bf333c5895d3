// The video run's graph: each run of a source is decoded once (input seek to its first piece), put on the
// output frame grid (fps), its pieces selected by time (one branch: no split, no buffering), scaled to the
// canvas (fit = pad, fill = crop) in bt709; cards are generated (color + drawtext); items are joined by xfade
// or concat; titles and whole-video fades go on top. The audio comes in as the finished mix (last input).
import type { CardSegment } from '../planner/format';
import { type GraphRun, SEEK_TAIL } from './audioGraph';
import { fxChain, videoSpeed } from './effects';
import { drawTextFilters } from './filterText';
import { addLayers } from './layers';
import { styledTextFilters } from './textStyles';
import type { RenderTimeline } from './timeline';

export const CARD_COLORS = { intro: '0x16213e', outro: '0x1f1b2e' } as const;

/**
 * Scale to the canvas. SD sources (under 720 lines) are bt601 by convention and get converted to the bt709
 * the output is tagged with; HD sources are bt709 already, and converting them anyway cost ~25% of the
 * filter CPU for nothing.
 */
function canvasChain(tl: RenderTimeline, sourceHeight: number): string {
  const { width: W, height: H } = tl;
  const matrix = sourceHeight < 720 ? ':out_color_matrix=bt709:out_range=tv' : '';
  // Non-square pixels (HDV, DVD, some camcorders) first become square; a no-op pass-through when SAR is 1.
  const square = `scale=w='if(gt(sar,1),trunc(iw*sar/2)*2,iw)':h='if(lt(sar,1)*gt(sar,0),trunc(ih/sar/2)*2,ih)'`;
  const flags = tl.scaleFlags ? `:flags=${tl.scaleFlags}` : '';
  const scale = `${square},scale=${W}:${H}:force_original_aspect_ratio=${tl.fit === 'fill' ? 'increase' : 'decrease'}:force_divisible_by=2${flags}${matrix}`;
  const place = tl.fit === 'fill' ? `crop=${W}:${H}` : `pad=${W}:${H}:-1:-1:color=black`;
  return `${scale},${place},setsar=1,format=yuv420p`;
}

async function cardChain(card: CardSegment, frames: number, tl: RenderTimeline, workDir: string, tag: string): Promise<string> {
  const { width: W, height: H, fps } = tl;
  const seconds = frames / fps;
  const base = Math.min(W, H);
  const fadeIn = `'min(1,t/0.5)'`;
  const parts = [`color=c=${CARD_COLORS[card.m.role]}:s=${W}x${H}:r=${fps}:d=${(seconds + 1 / fps).toFixed(6)}`, 'format=yuv420p'];
  const hasSub = typeof card.m.text === 'string' && card.m.text.trim() !== '';
  if (card.m.title.trim()) {
    parts.push(await drawTextFilters({ text: card.m.title, centerY: hasSub ? 0.45 : 0.5, maxSize: Math.round(base * 0.1), color: 'white', enable: null, alpha: fadeIn, box: false }, W, H, workDir, `${tag}t`));
  }
  if (hasSub) {
    parts.push(await drawTextFilters({ text: String(card.m.text), centerY: 0.6, maxSize: Math.round(base * 0.045), color: '0xdddddd', enable: null, alpha: fadeIn, box: false }, W, H, workDir, `${tag}s`));
  }
  parts.push(`trim=end_frame=${frames}`, `settb=1/${fps}`, 'setpts=N');
  return parts.join(',');
}

/** select expression for the pieces of a run; each window holds exactly `frames` grid frames. */
function selectExpr(pieces: Array<{ start: number; frames: number }>, fps: number): string {
  const half = 0.5 / fps;
  return pieces
    .map((p) => `between(t,${(p.start - half).toFixed(6)},${(p.start + p.frames / fps - half - 1e-6).toFixed(6)})`)
    .join('+');
}

/**
 * Joins the items in one concat. A crossfade runs xfade on the overlapping frames only (the tail of one
 * item and the head of the next, split off with trim): xfade over whole clips costs about twice the CPU
 * of concat in ffmpeg 5.1 (measured: 3.6 s vs 1.6 s user for 24 s of 1080p), so it only sees 2×x frames.
 */
function joinItems(tl: RenderTimeline, labels: string[], chains: string[]): string {
  const { fps, items } = tl;
  const seq: string[] = [];
  const tails: string[] = [];
  items.forEach((it, i) => {
    const head = it.xfFrames;
    const tail = i + 1 < items.length ? items[i + 1].xfFrames : 0;
    const body = it.frames - head - tail;
    const outs: string[] = [];
    if (head > 0) outs.push(`[${labels[i]}h]`);
    if (body > 0) outs.push(`[${labels[i]}b]`);
    if (tail > 0) outs.push(`[${labels[i]}t]`);
    if (outs.length === 1 && body > 0) {
      chains.push(`[${labels[i]}]null[${labels[i]}b]`);
    } else {
      chains.push(`[${labels[i]}]split=${outs.length}${outs.join('')}`);
      if (head > 0) chains.push(`[${labels[i]}h]trim=end_frame=${head},setpts=N[${labels[i]}hh]`);
      if (body > 0) chains.push(`[${labels[i]}b]trim=start_frame=${head}:end_frame=${head + body},setpts=N[${labels[i]}bb]`);
      if (tail > 0) chains.push(`[${labels[i]}t]trim=start_frame=${head + body},setpts=N[${labels[i]}tt]`);
    }
    const bodyLabel = outs.length === 1 && body > 0 ? `${labels[i]}b` : `${labels[i]}bb`;
    if (head > 0) {
      const x = `${labels[i]}x`;
      chains.push(`[${tails[i - 1]}][${labels[i]}hh]xfade=transition=fade:duration=${(head / fps).toFixed(6)}:offset=0[${x}]`);
      seq.push(x);
    }
    if (body > 0) seq.push(bodyLabel);
    tails[i] = `${labels[i]}tt`;
  });
  if (seq.length === 1) return seq[0];
  chains.push(`${seq.map((l) => `[${l}]`).join('')}concat=n=${seq.length}:v=1:a=0[joined]`);
  return 'joined';
}

const withComma = (chain: string): string => (chain ? `${chain},` : '');

export async function buildVideoGraph(tl: RenderTimeline, workDir: string): Promise<GraphRun & { mixInputIndex: number }> {
  const { fps } = tl;
  const inputArgs: string[] = [];
  const chains: string[] = [];
  const labels: string[] = [];
  let nInputs = 0;
  for (const [i, it] of tl.items.entries()) {
    const label = `vi${i}`;
    if (it.type === 'run') {
      inputArgs.push('-an', '-sn', '-dn', '-ss', it.seek.toFixed(6), '-t', (it.span + SEEK_TAIL).toFixed(6), '-i', it.media.path);
      const idx = nInputs++;
      chains.push(
        // start_time=0: a source whose first frame after the seek lands past half a frame still fills frame 0
        // (without it every later frame of the run would move one frame early), and a span that seeks into
        // the run later sees exactly the same frame grid.
        `[${idx}:v]${videoSpeed(it.fx)}fps=${fps}:start_time=0,select='${selectExpr(it.pieces, fps)}',settb=1/${fps},setpts=N,${canvasChain(tl, it.media.height)},${withComma(fxChain(it.fx, tl.width, tl.height))}` +
          // A source can end a frame early (container vs stream length): hold the last frame, then cut exactly.
          `tpad=stop_mode=clone:stop=-1,trim=end_frame=${it.frames}[${label}]`,
      );
    } else if (it.type === 'image') {
      inputArgs.push('-loop', '1', '-framerate', String(fps), '-t', ((it.frames + 1) / fps).toFixed(6), '-i', it.media.path);
      const idx = nInputs++;
      chains.push(`[${idx}:v]${canvasChain(tl, it.media.height)},${withComma(fxChain(it.fx, tl.width, tl.height))}trim=end_frame=${it.frames},settb=1/${fps},setpts=N[${label}]`);
    } else {
      chains.push(`${await cardChain(it.card, it.frames, tl, workDir, `c${i}`)}[${label}]`);
    }
    labels.push(label);
  }
  const seconds = tl.totalFrames / fps;
  const layers = addLayers(joinItems(tl, labels, chains), tl.logo, tl.pip, tl.width, tl.height, fps, seconds, nInputs);
  inputArgs.push(...layers.inputArgs);
  chains.push(...layers.chains);
  nInputs += layers.inputArgs.filter((a) => a === '-i').length;
  const acc = layers.out;
  const post = await postFilters(tl, workDir);
  if (tl.window && post.length > 0) {
    // A span of a longer timeline: titles and fades are written in the whole timeline's time, so the span's
    // frames get their whole-timeline timestamps first (identical expressions → identical pixels), then
    // start at 0 again for the encoder.
    chains.push(`[${acc}]settb=1/${fps},setpts=N+${tl.window.origin},${post.join(',')},format=yuv420p,setpts=N[vout]`);
  } else {
    chains.push(`[${acc}]${[...post, 'format=yuv420p'].join(',')}[vout]`);
  }
  return { inputArgs, graph: chains.join(';\n'), mixInputIndex: nInputs };
}

/**
 * Everything drawn over the joined items in the whole timeline's time: titles and the whole-video fades.
 * For a span (tl.window) only what touches its frames is kept, so a span far from any title has a graph
 * that does not depend on where it sits in the timeline (and its cache key survives edits elsewhere).
 */
async function postFilters(tl: RenderTimeline, workDir: string): Promise<string[]> {
  const { fps } = tl;
  const from = tl.window ? tl.window.origin / fps : 0;
  const wholeFrames = tl.window ? tl.window.wholeFrames : tl.totalFrames;
  const to = from + tl.totalFrames / fps;
  const touches = (s: number, e: number) => !tl.window || (e >= from - 0.5 / fps && s <= to + 0.5 / fps);
  const post: string[] = [];
  const base = Math.min(tl.width, tl.height);
  for (const [i, t] of tl.texts.entries()) {
    if (t.m.style === 'lower' || t.m.style === 'subscribe') {
      post.push(await styledTextFilters(t, tl.width, tl.height, workDir, `s${i}`));
      continue;
    }
    const s = t.s / 1000;
    const e = t.e / 1000;
    if (!touches(s, e)) continue;
    const f = Math.max(0.01, Math.min(t.m.fade / 1000, (e - s) / 3));
    const alpha = `'if(lt(t,${(s + f).toFixed(3)}),(t-${s.toFixed(3)})/${f.toFixed(3)},if(gt(t,${(e - f).toFixed(3)}),(${e.toFixed(3)}-t)/${f.toFixed(3)},1))'`;
    post.push(await drawTextFilters({
      text: t.m.text, centerY: t.m.pos === 'bottom' ? 0.82 : 0.5, maxSize: Math.round(base * (t.m.pos === 'bottom' ? 0.055 : 0.08)),
      color: 'white', enable: `'between(t,${s.toFixed(3)},${e.toFixed(3)})'`, alpha, box: true,
    }, tl.width, tl.height, workDir, `t${i}`));
  }
  const seconds = wholeFrames / fps;
  if (tl.fadeIn > 0 && touches(0, tl.fadeIn / 1000)) post.push(`fade=t=in:st=0:d=${(tl.fadeIn / 1000).toFixed(3)}`);
  const outStart = Math.max(0, seconds - tl.fadeOut / 1000);
  if (tl.fadeOut > 0 && touches(outStart, seconds)) post.push(`fade=t=out:st=${outStart.toFixed(3)}:d=${(tl.fadeOut / 1000).toFixed(3)}`);
  return post;
}
