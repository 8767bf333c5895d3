// The whole-frame arithmetic the renderer and the upload kit's edit map share (core/media/frameGrid.ts).
import * as assert from 'node:assert/strict';
import { clampCrossfade, frameCounter, msToFrames, outputFps } from '../../../src/core/media/frameGrid';

describe('core: output frame grid', () => {
  it('keeps 60 fps, rounds other rates, and falls back to 30 for none', () => {
    assert.deepEqual([60, 29.97, 25, 0, -1].map(outputFps), [60, 30, 25, 30, 30]);
  });

  it('counts frames from the cumulative length, so rounding never adds up', () => {
    const framesOf = frameCounter(30);
    // 20 ms is 0.6 frame: rounded alone, each piece would be 1 frame (3 in all); 60 ms is 1.8 → 2 frames.
    assert.deepEqual([framesOf(20), framesOf(20), framesOf(20)], [1, 0, 1]);
    assert.equal(msToFrames(60, 30), 2);
    const short = frameCounter(30);
    assert.deepEqual([short(10), short(10), short(10), short(10)], [0, 1, 0, 0], 'a piece may get 0 frames; its neighbours keep the total exact');
  });

  it('a crossfade never exceeds the piece or what the previous piece has left', () => {
    assert.equal(clampCrossfade(15, 10, { frames: 30, xf: 0 }), 10);
    assert.equal(clampCrossfade(15, 60, { frames: 30, xf: 20 }), 10);
    assert.equal(clampCrossfade(15, 60, { frames: 30, xf: 40 }), 0);
  });
});
