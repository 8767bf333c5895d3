// Small DOM helpers for the chat webview, and the allow-list that every piece of rendered markdown passes
// through before it is inserted: markdown-it with html:false already escapes raw HTML; this second gate makes
// sure that even a bug there could not insert a script, an event handler, a style or a non-https link.

const ALLOWED_TAGS = new Set([
  'P', 'BR', 'HR', 'EM', 'STRONG', 'S', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'A', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD',
]);

/** Builds an element with text (never HTML) and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

function sanitizeTree(root: ParentNode, isSafeLink: (url: string) => boolean): void {
  for (const node of Array.from(root.children)) {
    if (!ALLOWED_TAGS.has(node.tagName)) {
      // Keep the text of anything unexpected, drop the element itself.
      node.replaceWith(document.createTextNode(node.textContent ?? ''));
      continue;
    }
    for (const attr of Array.from(node.attributes)) {
      const keep =
        (node.tagName === 'A' && attr.name === 'href' && isSafeLink(attr.value)) ||
        (node.tagName === 'OL' && attr.name === 'start' && /^\d{1,6}$/.test(attr.value)) ||
        (node.tagName === 'CODE' && attr.name === 'class' && /^language-[\w-]{1,40}$/.test(attr.value));
      if (!keep) node.removeAttribute(attr.name);
    }
    if (node.tagName === 'A') {
      if (!node.hasAttribute('href')) {
        node.replaceWith(document.createTextNode(node.textContent ?? ''));
        continue;
      }
      node.setAttribute('title', node.getAttribute('href') ?? '');
    }
    sanitizeTree(node, isSafeLink);
  }
}

/** HTML from the markdown renderer → a fragment holding only allowed elements and attributes. */
export function safeFragment(html: string, isSafeLink: (url: string) => boolean): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html; // a <template> is inert: nothing loads or runs while it is parsed
  sanitizeTree(template.content, isSafeLink);
  return template.content;
}

/** m:ss for an elapsed time. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Fills `{0}`, `{1}`… in a localised string. */
export function fill(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}
