// One function per transcript entry kind: Entry (plain JSON from the host) → DOM. Text from the backend is
// only ever inserted as text nodes, except replies, which go through markdown → allow-list (dom.ts).
// Buttons carry data-* attributes; main.ts turns clicks into protocol messages.
import type { Entry, UiStrings } from '../../shared/protocol';
import { formatBytes } from '../../shared/bytes';
import { el, fill, formatElapsed, safeFragment } from './dom';
import { isSafeLink, renderMarkdown } from './markdown';

type Of<K extends Entry['kind']> = Extract<Entry, { kind: K }>;

function button(label: string, data: Record<string, string>, cls = 'secondary'): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', class: `btn ${cls}` };
  for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
  return el('button', attrs, label);
}

function progressBar(value: number, max: number, label: string): HTMLElement {
  const pct = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  const bar = el('div', { class: 'bar', role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(pct)) });
  const fillEl = el('div', { class: 'bar-fill' });
  // The CSP allows no inline styles: width is set through the CSSOM, which CSP does not restrict.
  fillEl.style.width = `${pct}%`;
  bar.append(fillEl);
  return bar;
}

function tracksList(tracks: string[]): HTMLElement | null {
  if (tracks.length === 0) return null;
  return el('ol', { class: 'tracks' }, ...tracks.map((t) => el('li', {}, t)));
}

function user(e: Of<'user'>, s: UiStrings): HTMLElement {
  return el('div', { class: 'entry user', 'aria-label': s.you }, el('div', { class: 'who' }, s.you), el('div', { class: 'plain' }, e.text));
}

function assistant(e: Of<'assistant'>, s: UiStrings, now: number, receivedAt: number): HTMLElement {
  const node = el('div', { class: `entry assistant ${e.status}` }, el('div', { class: 'who' }, s.assistant));
  if (e.progress.length) node.append(el('ul', { class: 'progress-lines' }, ...e.progress.map((p) => el('li', {}, p))));
  if (e.text) {
    const body = el('div', { class: 'markdown' });
    body.append(safeFragment(renderMarkdown(e.text), isSafeLink));
    node.append(body);
  } else if (e.status === 'streaming' && e.stillWorkingMs === undefined) {
    node.append(el('div', { class: 'typing', 'aria-hidden': 'true' }, '…'));
  }
  if (e.stillWorkingMs !== undefined && e.status === 'streaming') {
    node.append(el('div', { class: 'still-working' }, fill(s.stillWorking, formatElapsed(e.stillWorkingMs + Math.max(0, now - receivedAt)))));
  }
  if (e.status === 'interrupted') node.append(el('div', { class: 'muted' }, s.interrupted));
  return node;
}

function withAction(node: HTMLElement, e: { id: string; action?: { label: string } }): HTMLElement {
  if (e.action) node.append(el('div', { class: 'actions' }, button(e.action.label, { action: 'entry', entry: e.id }, 'primary')));
  return node;
}

function notice(e: Of<'notice'>): HTMLElement {
  return withAction(el('div', { class: 'entry notice' }, el('div', { class: 'plain' }, e.text)), e);
}

function error(e: Of<'error'>): HTMLElement {
  return withAction(el('div', { class: 'entry error', role: 'alert' }, el('div', { class: 'plain' }, e.text)), e);
}

function summary(e: Of<'summary'>, s: UiStrings): HTMLElement {
  return el('div', { class: 'entry card summary' }, el('div', { class: 'card-title' }, s.summaryTitle), el('div', { class: 'plain' }, e.text), tracksList(e.tracks));
}

function credits(e: Of<'credits'>, s: UiStrings): HTMLElement {
  const row = (label: string, v: number) => el('div', { class: 'kv' }, el('span', { class: 'k' }, label), el('span', { class: 'v' }, String(v)));
  return el(
    'div',
    { class: 'entry card credits' },
    el('div', { class: 'card-title' }, s.creditsTitle),
    row(s.creditsAvailable, e.available),
    row(s.creditsFrozen, e.frozen),
    row(s.creditsTotal, e.total),
  );
}

function status(e: Of<'status'>, s: UiStrings): HTMLElement {
  return el(
    'div',
    { class: 'entry card status' },
    el('div', { class: 'card-title' }, s.statusTitle),
    el('div', { class: 'plain' }, e.tracks.length ? '' : e.text),
    tracksList(e.tracks),
    el('div', { class: 'actions' }, button(s.showTimeline, { action: 'timeline' })),
  );
}

function render(e: Of<'render'>, s: UiStrings): HTMLElement {
  const title =
    e.status === 'completed' ? s.renderDone : e.status === 'failed' ? fill(s.renderFailed, e.error ?? '') : e.status === 'cancelled' ? s.renderCancelled : e.status === 'pending' ? s.renderQueued : fill(s.rendering, e.progress);
  const node = el('div', { class: `entry card render ${e.status}`, 'data-job': e.jobId }, el('div', { class: 'card-title' }, title));
  if (e.status === 'pending' || e.status === 'processing') node.append(progressBar(e.progress, 100, title));
  if (e.localPath) node.append(el('div', { class: 'muted path' }, e.localPath));
  const actions = el('div', { class: 'actions' });
  if (e.localPath) {
    actions.append(button(s.open, { action: 'render', entry: e.id, op: 'open' }, 'primary'), button(s.reveal, { action: 'render', entry: e.id, op: 'reveal' }));
  }
  if (e.outputUrl || e.localPath) actions.append(button(s.copyLink, { action: 'render', entry: e.id, op: 'copy' }));
  if (actions.childElementCount) node.append(actions);
  if (e.kit && e.localPath) node.append(kitBlock(e, e.kit, s));
  return node;
}

/** The export's upload kit on its card: thumbnail, title, chapters, and what to copy or open. */
function kitBlock(e: Of<'render'>, kit: NonNullable<Of<'render'>['kit']>, s: UiStrings): HTMLElement {
  const block = el('div', { class: 'kit' }, el('div', { class: 'kit-heading' }, s.kitHeading));
  // thumbSrc is a webview resource URI set by the host; the CSP allows images from that origin only.
  if (kit.thumbSrc) block.append(el('img', { class: 'thumb', src: kit.thumbSrc, alt: s.thumbnailAlt }));
  block.append(el('div', { class: 'kit-title' }, kit.title));
  if (kit.chapters.length) block.append(el('ol', { class: 'chapters' }, ...kit.chapters.map((c) => el('li', {}, c))));
  block.append(
    el(
      'div',
      { class: 'actions' },
      button(s.copyTitle, { action: 'render', entry: e.id, op: 'copyTitle' }),
      button(s.copyDescription, { action: 'render', entry: e.id, op: 'copyDescription' }),
      button(s.openKit, { action: 'render', entry: e.id, op: 'openKit' }),
    ),
  );
  return block;
}

function upload(e: Of<'upload'>, s: UiStrings): HTMLElement {
  const label = {
    queued: s.uploadQueued,
    uploading: s.uploading,
    done: s.uploaded,
    failed: s.uploadFailed,
    cancelled: s.uploadCancelled,
    rejected: s.uploadRejected,
  }[e.status];
  const node = el('div', { class: `entry card upload ${e.status}` }, el('div', { class: 'card-title' }, `${label}: ${e.name}`));
  if (e.status === 'queued' || e.status === 'uploading') {
    node.append(progressBar(e.sentBytes, e.totalBytes, `${label}: ${e.name}`));
    node.append(
      el(
        'div',
        { class: 'upload-row' },
        el('span', { class: 'muted' }, e.totalBytes > 0 ? `${formatBytes(e.sentBytes)} / ${formatBytes(e.totalBytes)}` : ''),
        button(s.cancel, { action: 'cancel-upload', entry: e.id }),
      ),
    );
  }
  if (e.error) node.append(el('div', { class: 'plain error-text' }, e.error));
  return withAction(node, e);
}

/** Entry → element, with data-id for later replacement. */
export function renderEntry(e: Entry, s: UiStrings, now: number, receivedAt: number): HTMLElement {
  let node: HTMLElement;
  switch (e.kind) {
    case 'user':
      node = user(e, s);
      break;
    case 'assistant':
      node = assistant(e, s, now, receivedAt);
      break;
    case 'notice':
      node = notice(e);
      break;
    case 'error':
      node = error(e);
      break;
    case 'summary':
      node = summary(e, s);
      break;
    case 'credits':
      node = credits(e, s);
      break;
    case 'status':
      node = status(e, s);
      break;
    case 'render':
      node = render(e, s);
      break;
    case 'upload':
      node = upload(e, s);
      break;
  }
  node.dataset.id = e.id;
  return node;
}
