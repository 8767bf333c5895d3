// One test of "this text is Chinese" (core/i18n langOfText) for the engine's chat replies and the kit's captions.
import * as assert from 'node:assert/strict';
import { langOfText } from '../../../src/core/i18n';

describe('core: language of a text', () => {
  it('a chat message with any Chinese is Chinese; Latin letters are English; digits alone keep the fallback', () => {
    assert.equal(langOfText('把标题改成 Hello', 'en'), 'zh');
    assert.equal(langOfText('trim the first 2 seconds', 'zh'), 'en');
    assert.equal(langOfText('2 3 4 👍', 'zh'), 'zh');
    assert.equal(langOfText('2 3 4 👍', 'en'), 'en');
  });

  it('captions ask for a share: a few Han names in English lines stay English, Chinese lines are Chinese', () => {
    assert.equal(langOfText('We met 李雷 and 韩梅梅 at the station this morning', 'en', 0.3), 'en');
    assert.equal(langOfText('我们今天早上在车站见到了 Li Lei', 'en', 0.3), 'zh');
    assert.equal(langOfText('', 'en', 0.3), 'en');
  });
});
