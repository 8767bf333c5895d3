import * as assert from 'node:assert/strict';
import { DEFAULTS, resolveSettings } from '../../../src/shared/settings';

describe('settings resolution', () => {
  it('uses the defaults for an empty configuration', () => {
    const { settings, warnings } = resolveSettings({}, {}, 'en');
    assert.equal(settings.backend, 'cloud');
    assert.equal(settings.apiUrl, DEFAULTS.apiUrl);
    assert.equal(settings.pollIntervalMs, 30_000);
    assert.equal(settings.language, 'en');
    assert.equal(settings.showCreditsInStatusBar, true);
    assert.deepEqual(warnings, []);
  });

  it('lets NEMO_API_URL / NEMO_WEB_URL win over the settings and trims a trailing slash', () => {
    const { settings } = resolveSettings({ apiUrl: 'https://a.example' }, { NEMO_API_URL: 'http://127.0.0.1:9/', NEMO_WEB_URL: 'https://w.example/' }, 'en');
    assert.equal(settings.apiUrl, 'http://127.0.0.1:9');
    assert.equal(settings.webUrl, 'https://w.example');
  });

  it('[bad-input] falls back from a malformed URL with a warning naming the setting', () => {
    const { settings, warnings } = resolveSettings({ apiUrl: 'not a url' }, {}, 'en');
    assert.equal(settings.apiUrl, DEFAULTS.apiUrl);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message.en, /generatorYoutube\.apiUrl/);
    assert.ok(warnings[0].message.zh.length > 0);
  });

  it('[bad-input] rejects non-http schemes such as javascript: and file:', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd']) {
      const { settings, warnings } = resolveSettings({ webUrl: bad }, {}, 'en');
      assert.equal(settings.webUrl, DEFAULTS.webUrl);
      assert.equal(warnings.length, 1);
    }
  });

  it('[bad-input] warns about plain http:// for the cloud, but not for loopback', () => {
    assert.equal(resolveSettings({ apiUrl: 'http://api.example' }, {}, 'en').warnings.length, 1);
    assert.equal(resolveSettings({ apiUrl: 'http://127.0.0.1:8080' }, {}, 'en').warnings.length, 0);
    assert.equal(resolveSettings({ backend: 'local', apiUrl: 'http://api.example' }, {}, 'en').warnings.length, 0);
  });

  it('[bad-input] clamps out-of-range poll intervals and ignores non-numbers', () => {
    assert.equal(resolveSettings({ pollIntervalSeconds: 0 }, {}, 'en').settings.pollIntervalMs, 2000);
    assert.equal(resolveSettings({ pollIntervalSeconds: 99999 }, {}, 'en').settings.pollIntervalMs, 600_000);
    const nan = resolveSettings({ pollIntervalSeconds: 'soon' }, {}, 'en');
    assert.equal(nan.settings.pollIntervalMs, 30_000);
    assert.equal(nan.warnings.length, 1);
    assert.equal(resolveSettings({ pollIntervalSeconds: 5 }, {}, 'en').settings.pollIntervalMs, 5000);
  });

  it('follows the display language when language is auto, and honours an explicit choice', () => {
    assert.equal(resolveSettings({ language: 'auto' }, {}, 'zh-cn').settings.language, 'zh');
    assert.equal(resolveSettings({ language: 'en' }, {}, 'zh-cn').settings.language, 'en');
    assert.equal(resolveSettings({ language: 'zh-cn' }, {}, 'en').settings.language, 'zh');
  });

  it('replaces an empty default prompt with the built-in one', () => {
    assert.equal(resolveSettings({ defaultPrompt: '   ' }, {}, 'en').settings.defaultPrompt, DEFAULTS.defaultPrompt);
  });
});
