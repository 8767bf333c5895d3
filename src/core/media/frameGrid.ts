// The output timeline's whole-frame arithmetic, shared by the renderer (engine/render/timeline.ts) and the
// upload kit's edit map (core/kit/editMap.ts). The kit's chapter and caption times are right only if they
// land on exactly the frames the renderer gave each clip, so both count frames with these functions.

/** The output frame rate of a draft's fps setting: 60 stays 60, other positive rates round, else 30. */
export function outputFps(fps: number): number {
  return fps === 60 ? 60 : fps > 0 ? Math.round(fps) : 30;
}

/** Milliseconds → the nearest whole frame. */
export function msToFrames(ms: number, fps: number): number {
  return Math.round((ms * fps) / 1000);
}

/**
 * Frames for consecutive pieces from their lengths in ms. Each piece ends on the frame nearest its cumulative
 * end, so rounding never adds up along the timeline (three 20 ms pieces at 30 fps make 2 frames, as 60 ms does;
 * rounded one by one they would make 3).
 * A piece may get 0 frames; the caller leaves it out.
 */
export function frameCounter(fps: number): (lengthMs: number) => number {
  let cumMs = 0;
  let cumFrames = 0;
  return (lengthMs) => {
    cumMs += lengthMs;
    const endFrame = msToFrames(cumMs, fps);
    const frames = endFrame - cumFrames;
    cumFrames = endFrame;
    return frames;
  };
}

/**
 * The crossfade a piece may really have: xfade needs both sides at least as long as the fade, and the piece
 * before cannot give more frames than it has left after its own crossfade.
 */
export function clampCrossfade(wanted: number, frames: number, prev: { frames: number; xf: number }): number {
  return Math.max(0, Math.min(wanted, frames, prev.frames - prev.xf));
}
