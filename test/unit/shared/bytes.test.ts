import * as assert from 'node:assert/strict';
import { formatBytes } from '../../../src/shared/bytes';
import { formatBytes as coreFormatBytes } from '../../../src/core';

describe('formatBytes (one byte formatter for core, CLI, extension and webview)', () => {
  it('uses B below 1 KB, whole KB, and one decimal for MB and GB', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1 KB');
    assert.equal(formatBytes(2048), '2 KB');
    assert.equal(formatBytes(1024 * 1024 - 1), '1024 KB');
    assert.equal(formatBytes(12.3 * 1024 * 1024), '12.3 MB');
    assert.equal(formatBytes(500 * 1024 * 1024), '500.0 MB');
    assert.equal(formatBytes(1.5 * 1024 ** 3), '1.5 GB');
  });

  it('is the same function the core exports', () => {
    assert.equal(coreFormatBytes, formatBytes);
  });
});
