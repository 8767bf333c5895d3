// Markdown for replies: markdown-it configured so that nothing from the backend can become active content.
// No raw HTML (html: false escapes it), links only to https (everything else stays plain text), no images
// (the CSP would block remote ones anyway), a low nesting cap so hostile input cannot recurse deeply, and a
// size cap before parsing. Pure (no DOM), so the safety rules are unit-tested in plain Node; the webview
// still passes the result through an element/attribute allow-list before inserting it (dom.ts).
import MarkdownIt from 'markdown-it';
import { isSafeLink } from '../../shared/links';

export { isSafeLink };

/** Replies longer than this are cut before parsing (the transcript keeps at most 40 000 characters anyway). */
export const MAX_MARKDOWN_CHARS = 50_000;

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt('default', {
    html: false,
    linkify: true,
    typographer: false,
    breaks: true,
  });
  // markdown-it's default is 100; replies never need more than a few levels of lists/quotes. (The option
  // exists at run time, read by the block and inline parsers, but is missing from @types/markdown-it.)
  (md.options as typeof md.options & { maxNesting: number }).maxNesting = 20;
  md.validateLink = isSafeLink;
  // Only explicit https://… text becomes a link; "example.com" would be guessed as http.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.disable(['image']);
  return md;
}

let shared: MarkdownIt | undefined;

/** Markdown → HTML string (escaped, https-only links). */
export function renderMarkdown(text: string): string {
  shared ??= createMarkdown();
  const bounded = text.length > MAX_MARKDOWN_CHARS ? `${text.slice(0, MAX_MARKDOWN_CHARS)}…` : text;
  return shared.render(bounded);
}
