import * as assert from 'node:assert/strict';
import { fillVars } from '../../../src/core/i18n';
import { ks } from '../../../src/core/kit/strings';

describe('fillVars (the one placeholder filler of every message table)', () => {
  it('fills known placeholders, keeps unknown ones visible, and repeats a placeholder', () => {
    assert.equal(fillVars('{a} and {b} and {a}', { a: 1, b: 'x' }), '1 and x and 1');
    assert.equal(fillVars('missing {c}', {}), 'missing {c}');
  });

  it('is what the kit table uses', () => {
    assert.equal(ks('en', 'kit.burned', { path: '/tmp/v.mp4' }), 'Captions burned in: /tmp/v.mp4');
    assert.equal(ks('zh', 'kit.burned', { path: '/tmp/v.mp4' }), '字幕已烧录：/tmp/v.mp4');
  });
});
