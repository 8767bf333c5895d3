// Over ~300 lines on purpose: one webview script whose DOM handles and state (entries, busy, scroll, drag depth) are module-level and shared by every listener; the entry drawing already lives in ./entries and ./dom.
// The chat webview's script: draws the panel from the host's `init`, applies `upsert`/`remove`/`reset`/`busy`,
// and turns what the user does (typing, chips, buttons, drop, paste, links) into protocol messages.
// It never talks to the network and never sees the token: everything goes through the host.
import type { BusyState, Entry, HostMessage, UiStrings, WebviewMessage } from '../../shared/protocol';
import { el, fill } from './dom';
import { renderEntry } from './entries';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);

let strings: UiStrings | undefined;
let maxChars = 8000;
let busy: BusyState = { turn: false, uploads: 0 };
const entries = new Map<string, Entry>();
/** When each entry last arrived (for the ticking "Still working… (m:ss)"). */
const receivedAt = new Map<string, number>();
const sentHistory: string[] = [];

const app = document.getElementById('app') as HTMLElement;
let transcriptEl: HTMLElement;
let greetingEl: HTMLElement;
let input: HTMLTextAreaElement;
let sendBtn: HTMLButtonElement;
let stopBtn: HTMLButtonElement;
let reasonEl: HTMLElement;
let hintEl: HTMLElement;

function build(s: UiStrings): void {
  const chip = (text: string) => el('button', { type: 'button', class: 'chip', 'data-action': 'send', 'data-text': text }, text);
  greetingEl = el(
    'section',
    { class: 'greeting' },
    el('p', {}, s.greeting),
    el('div', { class: 'chips' }, chip(s.starter1), chip(s.starter2), chip(s.starter3)),
  );
  transcriptEl = el('div', { id: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions text', 'aria-label': s.transcriptLabel });
  const quick = (label: string, text: string) => el('button', { type: 'button', class: 'btn secondary quick', 'data-action': 'send', 'data-text': text }, label);
  input = el('textarea', { id: 'input', rows: '2', placeholder: s.placeholder, 'aria-label': s.inputLabel, maxlength: String(maxChars) });
  sendBtn = el('button', { type: 'button', id: 'send', class: 'btn primary', 'data-action': 'submit' }, s.send);
  stopBtn = el('button', { type: 'button', id: 'stop', class: 'btn primary', 'data-action': 'stop', hidden: '' }, s.stop);
  reasonEl = el('div', { id: 'busy-reason', class: 'muted', role: 'status' });
  hintEl = el('div', { id: 'hint', class: 'muted', role: 'status' });
  const composer = el(
    'div',
    { id: 'composer' },
    // The labels themselves are sent: the core's intent router knows them in both languages (导出, 积分, 状态).
    el('div', { class: 'quick-row' }, quick(s.quickExport, s.quickExport), quick(s.quickCredits, s.quickCredits), quick(s.quickStatus, s.quickStatus)),
    input,
    el('div', { class: 'composer-row' },
      el('button', { type: 'button', id: 'attach', class: 'btn secondary', 'data-action': 'attach', title: s.dropHere }, s.attach),
      el('button', { type: 'button', id: 'open-preview', class: 'btn secondary', 'data-action': 'preview' }, s.openPreview),
      reasonEl, sendBtn, stopBtn),
    hintEl,
  );
  const overlay = el('div', { id: 'drop-overlay', hidden: '' }, s.dropHere);
  app.replaceChildren(el('div', { id: 'scroll' }, greetingEl, transcriptEl), composer, overlay);
  wireInput();
}

/** The greeting and its starters stay until the first message is sent (uploads come first, usually). */
function showGreeting(): void {
  greetingEl.hidden = [...entries.values()].some((e) => e.kind === 'user');
}

function isNearBottom(): boolean {
  const sc = document.getElementById('scroll');
  return !sc || sc.scrollHeight - sc.scrollTop - sc.clientHeight < 80;
}

function scrollToBottom(): void {
  const sc = document.getElementById('scroll');
  if (sc) sc.scrollTop = sc.scrollHeight;
}

function draw(e: Entry): void {
  if (!strings) return;
  const node = renderEntry(e, strings, Date.now(), receivedAt.get(e.id) ?? Date.now());
  const old = transcriptEl.querySelector(`[data-id="${CSS.escape(e.id)}"]`);
  if (old) old.replaceWith(node);
  else transcriptEl.append(node);
}

function upsert(e: Entry): void {
  const follow = isNearBottom();
  const receivedBefore = entries.has(e.id);
  entries.set(e.id, e);
  receivedAt.set(e.id, Date.now());
  if (e.kind === 'user' && sentHistory[sentHistory.length - 1] !== e.text) sentHistory.push(e.text);
  draw(e);
  showGreeting();
  // Follow new content when the user is at the bottom; a message they just sent always brings them there.
  if (follow || (e.kind === 'user' && !receivedBefore)) scrollToBottom();
}

function reset(list: Entry[]): void {
  entries.clear();
  transcriptEl.replaceChildren();
  sentHistory.length = 0;
  for (const e of list) upsert(e);
  showGreeting();
  scrollToBottom();
}

function busyReason(): string {
  if (!strings) return '';
  if (busy.turn) return strings.busyTurn;
  if (busy.uploads > 0) return strings.busyUploads;
  return '';
}

function applyBusy(b: BusyState): void {
  busy = b;
  const reason = busyReason();
  sendBtn.disabled = reason !== '';
  sendBtn.title = reason;
  sendBtn.hidden = busy.turn;
  stopBtn.hidden = !busy.turn;
  reasonEl.textContent = reason;
  if (reason === '') hintEl.textContent = ''; // a "still busy" hint is stale once the turn ended
  for (const b2 of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-action="send"]'))) b2.disabled = reason !== '';
}

function hint(text: string): void {
  hintEl.textContent = text;
  window.setTimeout(() => {
    if (hintEl.textContent === text) hintEl.textContent = '';
  }, 6000);
}

function submit(text: string): void {
  const t = text.trim();
  if (!t) return;
  if (busyReason()) {
    hint(busyReason());
    return;
  }
  if (t.length > maxChars) {
    hint(fill(strings?.tooLong ?? '', maxChars));
    return;
  }
  post({ type: 'send', text: t });
}

function wireInput(): void {
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      const value = input.value;
      if (!busyReason() && value.trim()) {
        submit(value);
        input.value = '';
      } else if (busyReason()) hint(busyReason());
    } else if (ev.key === 'ArrowUp' && input.value === '' && sentHistory.length) {
      ev.preventDefault();
      input.value = sentHistory[sentHistory.length - 1];
      input.setSelectionRange(input.value.length, input.value.length);
    } else if (ev.key === 'Escape' && busy.turn) {
      ev.preventDefault();
      post({ type: 'stop' });
    }
  });
  input.addEventListener('paste', (ev) => {
    const text = ev.clipboardData?.getData('text/plain').trim() ?? '';
    // A pasted URL (or file URI) on its own is an attachment; anything else is ordinary text.
    if (/^(https?|file):\/\/\S+$/i.test(text)) {
      ev.preventDefault();
      post({ type: 'drop', items: [text] });
    }
  });
}

document.addEventListener('click', (ev) => {
  const target = ev.target as HTMLElement | null;
  const link = target?.closest('a');
  if (link) {
    ev.preventDefault();
    const href = link.getAttribute('href');
    if (href) post({ type: 'openLink', url: href.slice(0, 2048) });
    return;
  }
  const btn = target?.closest<HTMLButtonElement>('button[data-action]');
  if (!btn || btn.disabled) return;
  const entry = btn.dataset.entry ?? '';
  switch (btn.dataset.action) {
    case 'send':
      submit(btn.dataset.text ?? '');
      break;
    case 'submit':
      if (!busyReason() && input.value.trim()) {
        submit(input.value);
        input.value = '';
      }
      input.focus();
      break;
    case 'stop':
      post({ type: 'stop' });
      break;
    case 'attach':
      post({ type: 'attach' });
      break;
    case 'entry':
      post({ type: 'entryAction', entryId: entry });
      break;
    case 'cancel-upload':
      post({ type: 'cancelUpload', entryId: entry });
      break;
    case 'render': {
      const op = btn.dataset.op;
      if (op === 'open' || op === 'reveal' || op === 'copy' || op === 'copyTitle' || op === 'copyDescription' || op === 'openKit') post({ type: 'renderAction', entryId: entry, action: op });
      break;
    }
    case 'timeline':
      post({ type: 'showTimeline' });
      break;
    case 'preview':
      post({ type: 'openPreview' });
      break;
  }
});

document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && busy.turn && ev.target !== input) post({ type: 'stop' });
});

// Drag and drop: the explorer and the OS hand over URIs (text/uri-list) or paths; a browser File has no path.
function droppedItems(dt: DataTransfer): string[] {
  const uriList = dt.getData('text/uri-list');
  const plain = dt.getData('text/plain');
  const lines = (uriList || plain)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length) return lines.slice(0, 20);
  const paths: string[] = [];
  for (const f of Array.from(dt.files)) {
    const p = (f as File & { path?: string }).path; // Electron's File.path, where it still exists
    if (typeof p === 'string' && p) paths.push(p);
  }
  return paths.slice(0, 20);
}

let dragDepth = 0;
const overlay = (): HTMLElement | null => document.getElementById('drop-overlay');
document.addEventListener('dragenter', (ev) => {
  ev.preventDefault();
  dragDepth++;
  const o = overlay();
  if (o) o.hidden = false;
});
document.addEventListener('dragover', (ev) => {
  ev.preventDefault();
  if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  const o = overlay();
  if (o && dragDepth === 0) o.hidden = true;
});
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  dragDepth = 0;
  const o = overlay();
  if (o) o.hidden = true;
  if (!ev.dataTransfer) return;
  const items = droppedItems(ev.dataTransfer);
  if (items.length) post({ type: 'drop', items: items.map((i) => i.slice(0, 4096)) });
  else if (strings) hint(strings.dropNoPath);
});

// Follow the conversation: when the user is at the bottom, stay there when the view is resized
// (the side bar gives the chat more room) as well as when entries arrive.
let stickToBottom = true;
document.addEventListener('scroll', () => (stickToBottom = isNearBottom()), true);
const followResize = (): void => {
  if (stickToBottom) scrollToBottom();
};
window.addEventListener('resize', followResize);
new ResizeObserver(followResize).observe(document.body);

// "Still working… (m:ss)" ticks between the host's updates.
window.setInterval(() => {
  for (const e of entries.values()) if (e.kind === 'assistant' && e.status === 'streaming' && e.stillWorkingMs !== undefined) draw(e);
}, 1000);

window.addEventListener('message', (ev: MessageEvent<HostMessage>) => {
  const m = ev.data;
  if (!m || typeof m !== 'object' || (m.type !== 'init' && !strings)) return; // nothing is drawn before init
  switch (m.type) {
    case 'init':
      strings = m.strings;
      maxChars = m.limits.messageChars;
      document.documentElement.lang = m.lang === 'zh' ? 'zh-CN' : 'en';
      build(m.strings);
      reset(m.entries);
      applyBusy(m.busy);
      input.focus();
      break;
    case 'upsert':
      upsert(m.entry);
      break;
    case 'remove':
      entries.delete(m.id);
      transcriptEl.querySelector(`[data-id="${CSS.escape(m.id)}"]`)?.remove();
      showGreeting();
      break;
    case 'reset':
      reset(m.entries);
      break;
    case 'busy':
      applyBusy(m.busy);
      break;
    case 'focus':
      input?.focus();
      break;
  }
});

post({ type: 'ready' });
