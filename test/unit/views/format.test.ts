import * as assert from 'node:assert/strict';
import { aspectRatio, baseName, clip, escapeMarkdown, formatDuration, formatSpan, formatTime, formatWhen } from '../../../src/vscode/ui/format';
import { english } from '../../../src/vscode/ui/l10n';

describe('view formatters (pure)', () => {
  it('formats timeline times with tenths, minutes and hours', () => {
    assert.equal(formatTime(0), '0');
    assert.equal(formatTime(2500), '2.5');
    assert.equal(formatTime(59_949), '59.9');
    assert.equal(formatTime(60_000), '1:00');
    assert.equal(formatTime(65_500), '1:05.5');
    assert.equal(formatTime(3_725_000), '1:02:05');
    assert.equal(formatTime(-5), '0');
    assert.equal(formatDuration(12_500), '12.5s');
    assert.equal(formatDuration(90_000), '1:30');
  });

  it('formats spans, including open ends and a missing start', () => {
    assert.equal(formatSpan(0, 10_000), '0–10s');
    assert.equal(formatSpan(null, 3000), '0–3s');
    assert.equal(formatSpan(2500, null), '2.5–?s');
    assert.equal(formatSpan(50_000, 70_000), '50–1:10');
    assert.equal(formatSpan(null, null), null);
  });

  it('names aspect ratios, snapping near-common ones', () => {
    assert.equal(aspectRatio(1920, 1080), '16:9');
    assert.equal(aspectRatio(1080, 1920), '9:16');
    assert.equal(aspectRatio(1366, 768), '16:9');
    assert.equal(aspectRatio(1080, 1350), '4:5');
    assert.equal(aspectRatio(1000, 1000), '1:1');
    assert.equal(aspectRatio(1850, 1000), '1.85:1');
    assert.equal(aspectRatio(0, 1080), null);
    assert.equal(aspectRatio(Number.NaN, 1), null);
  });

  it('formats dates and clips text', () => {
    assert.match(formatWhen(Date.UTC(2026, 10, 24, 21, 30)), /^2026-11-2[45] \d\d:30$/);
    assert.equal(formatWhen(Number.NaN), '?');
    assert.equal(clip('a'.repeat(100), 10), `${'a'.repeat(9)}…`);
    assert.equal(clip('  two\n lines '), 'two lines');
    assert.equal(baseName('https://cdn.example/x/y.mp4?sig=1#t'), 'y.mp4');
    assert.equal(baseName('C:\\clips\\a.mov'), 'a.mov');
  });

  it('[security] escapes markdown so draft text cannot add links or HTML to tooltips', () => {
    const s = escapeMarkdown('[x](command:workbench.action.terminal.new) <img src=x> `code`');
    assert.doesNotMatch(s, /(^|[^\\])\[/);
    assert.doesNotMatch(s, /(^|[^\\])</);
    assert.doesNotMatch(s, /(^|[^\\])`/);
  });

  it('substitutes placeholders like vscode.l10n.t', () => {
    assert.equal(english('{0} of {1}, {0} again, {2} stays', 1, 'b'), '1 of b, 1 again, {2} stays');
  });
});
