// Replies are rendered with markdown-it configured without HTML and with https-only links. What the
// backend sends must never become a script, an event handler, or a link to anything but https.
import * as assert from 'node:assert/strict';
import { isSafeLink } from '../../../src/shared/links';
import { MAX_MARKDOWN_CHARS, renderMarkdown } from '../../../src/webview/chat/markdown';

/** Every href the HTML carries. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1]);
}

/** Real tags in the output (escaped text like &lt;script&gt; is not a tag). */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
}

const ALLOWED = new Set(['p', 'br', 'hr', 'em', 'strong', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

function assertInert(html: string): void {
  for (const t of tags(html)) assert.ok(ALLOWED.has(t), `unexpected tag <${t}> in ${html.slice(0, 300)}`);
  assert.doesNotMatch(html, /<[^>]*\son\w+\s*=/i, 'an event-handler attribute made it into a tag');
  assert.doesNotMatch(html, /<[^>]*\sstyle\s*=/i, 'a style attribute made it into a tag');
  for (const h of hrefs(html)) assert.ok(isSafeLink(h.replace(/&amp;/g, '&')), `unsafe href ${h}`);
}

describe('chat markdown safety', () => {
  it('renders ordinary markdown: emphasis, lists, code, https links', () => {
    const html = renderMarkdown('**Done.** Added:\n\n- intro card\n- `lo-fi` BGM at 35%\n\nSee [the guide](https://nemovideo.com/guide).');
    assert.match(html, /<strong>Done\.<\/strong>/);
    assert.match(html, /<li>intro card<\/li>/);
    assert.match(html, /<code>lo-fi<\/code>/);
    assert.deepEqual(hrefs(html), ['https://nemovideo.com/guide']);
    assertInert(html);
  });

  it('[security] raw HTML is escaped: script tags, img onerror, iframes, svg', () => {
    const inputs = [
      '<script>alert(1)</script>',
      'hello <img src=x onerror="alert(1)"> world',
      '<iframe src="https://evil.example"></iframe>',
      '<svg><script>alert(1)</script></svg>',
      '<a href="javascript:alert(1)">click</a>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '<scr<script>ipt>alert(1)</script>',
    ];
    for (const input of inputs) {
      const html = renderMarkdown(input);
      assertInert(html);
      assert.doesNotMatch(html, /<script|<img|<iframe|<svg|<div/i, html);
    }
    assert.match(renderMarkdown('<script>alert(1)</script>'), /&lt;script&gt;/);
  });

  it('[security] only https links: javascript:, data:, vbscript:, file:, command:, http: stay text', () => {
    const schemes = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'jav&#x61;script:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'command:workbench.action.terminal.new',
      'vscode://vscode.git/clone?url=x',
      'http://example.com/plain-http',
      '//evil.example/protocol-relative',
    ];
    for (const url of schemes) {
      for (const md of [`[click](${url})`, `<${url}>`, url, `[ref][1]\n\n[1]: ${url}`]) {
        const html = renderMarkdown(md);
        assert.deepEqual(hrefs(html), [], `${JSON.stringify(md)} produced a link: ${html}`);
        assertInert(html);
      }
    }
  });

  it('[security] images are not rendered (no remote loads, no onerror surface)', () => {
    const html = renderMarkdown('![x](https://evil.example/track.png) ![y](data:image/png;base64,AAAA)');
    assert.doesNotMatch(html, /<img/);
    assertInert(html);
  });

  it('linkify turns explicit https URLs into links, not bare domains', () => {
    const html = renderMarkdown('Register at https://nemovideo.com/register?bind=abc&x=1 or nemovideo.com');
    assert.deepEqual(hrefs(html), ['https://nemovideo.com/register?bind=abc&amp;x=1']);
    assertInert(html);
  });

  it('[security] a huge message is cut before parsing', () => {
    const huge = `${'word '.repeat(200_000)}<script>alert(1)</script>`;
    const html = renderMarkdown(huge);
    assert.ok(html.length < MAX_MARKDOWN_CHARS * 2, `output is ${html.length} characters`);
    assert.doesNotMatch(html, /script/);
    assertInert(html);
  });

  it('[security] deeply nested input renders (nesting is capped) and stays inert', () => {
    const inputs = [
      '>'.repeat(5_000) + ' deep quote',
      Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
      '['.repeat(10_000) + 'x' + ']'.repeat(10_000) + '(https://a.example)',
      '*'.repeat(20_000) + 'x' + '*'.repeat(20_000),
      '`'.repeat(20_000),
    ];
    for (const input of inputs) {
      const html = renderMarkdown(input);
      assert.equal(typeof html, 'string');
      assertInert(html);
      // The nesting cap keeps the depth of blockquotes small.
      assert.ok((html.match(/<blockquote>/g) ?? []).length <= 25, 'blockquote nesting was not capped');
    }
  });
});

describe('isSafeLink (webview and host share it)', () => {
  it('[security] accepts https only', () => {
    assert.equal(isSafeLink('https://nemovideo.com/x'), true);
    for (const u of ['http://x.example', 'javascript:alert(1)', 'https:/x', 'https://', 'HTTPS://ok.example'.toLowerCase().replace('https', 'ftp'), 'command:x', 'file:///x', 'data:text/html,x', 'https://a.example/\u0000x', 'https://a b.example']) {
      assert.equal(isSafeLink(u), false, u);
    }
  });
});
