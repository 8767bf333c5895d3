// The preview panel's script: a <video> player for the proxy of the current timeline, a status line (progress
// while a new proxy renders, "out of date", or a problem with the one button that fixes it), and the visual
// timeline. Keys: Space plays/pauses, ←/→ step one second (Shift: five), Home/End. It never talks to the
// network: the host sends webview URIs of local files and validates everything this script posts.
import type { PreviewHostMessage, PreviewLane, PreviewMedia, PreviewStatus, PreviewStrings, PreviewWebviewMessage } from '../../shared/protocol';
import { el } from '../chat/dom';
import { formatTime } from './time';
import { createTimeline } from './timeline';

interface VsCodeApi {
  postMessage(message: PreviewWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: PreviewWebviewMessage): void => vscode.postMessage(m);

let strings: PreviewStrings | undefined;
let lanes: PreviewLane[] = [];
let laneDuration = 0;
let media: PreviewMedia | null = null;
let status: PreviewStatus = { phase: 'loading' };

const app = document.getElementById('app') as HTMLElement;
const video = el('video', { class: 'video', preload: 'auto', controls: '', playsinline: '' });
const stage = el('div', { class: 'stage' }, video);
const badge = el('div', { class: 'badge', hidden: '' });
const playBtn = el('button', { type: 'button', class: 'play' });
const timeEl = el('span', { class: 'time', 'aria-hidden': 'true' }, '0:00.0');
const statusText = el('span', { class: 'status-text' });
const progress = el('progress', { class: 'progress', max: '100', hidden: '' });
const actionBtn = el('button', { type: 'button', class: 'action', hidden: '' });
const statusEl = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' }, statusText, progress, actionBtn);
const toolbar = el('div', { class: 'toolbar' }, playBtn, timeEl, el('span', { class: 'hint muted' }));
const timeline = createTimeline(() => strings as PreviewStrings, (ms) => seek(ms));
app.append(el('section', { class: 'player' }, stage, badge), statusEl, toolbar, timeline.root);

function seek(ms: number): void {
  if (!media) return;
  video.currentTime = Math.max(0, Math.min(ms / 1000, (media.durationMs - 1) / 1000));
  timeline.setPlayhead(ms);
  timeEl.textContent = formatTime(ms);
}

function labelPlay(): void {
  if (!strings) return;
  playBtn.textContent = video.paused ? `▶ ${strings.play}` : `❚❚ ${strings.pause}`;
  playBtn.setAttribute('aria-label', video.paused ? strings.play : strings.pause);
}

function togglePlay(): void {
  if (!media) return;
  if (video.paused) void video.play().catch(() => undefined);
  else video.pause();
}

function showStatus(): void {
  if (!strings) return;
  const s = strings;
  const rendering = status.phase === 'rendering';
  progress.hidden = !rendering;
  if (rendering) progress.value = status.progress ?? 0;
  const parts: string[] = [];
  if (status.phase === 'loading') parts.push(s.loading);
  if (rendering) parts.push(`${s.rendering} ${Math.round(status.progress ?? 0)}%`);
  if (status.text) parts.push(status.text);
  statusText.textContent = parts.join(' · ');
  statusEl.className = `status ${status.phase}`;
  actionBtn.hidden = !status.action;
  if (status.action) actionBtn.textContent = status.action.label;
  badge.hidden = !(status.stale && media);
  badge.textContent = s.outOfDate;
  stage.classList.toggle('stale', !!(status.stale && media));
  stage.hidden = !media;
}

function showMedia(next: PreviewMedia | null): void {
  const previous = media;
  media = next;
  if (!next) {
    video.removeAttribute('src');
    video.load();
  } else if (!previous || previous.key !== next.key || previous.src !== next.src) {
    // A new proxy after an edit: keep the position (clamped) and whether it was playing.
    const at = previous ? video.currentTime : 0;
    const wasPlaying = previous ? !video.paused : false;
    video.src = next.src;
    video.addEventListener('loadedmetadata', () => {
      video.currentTime = Math.min(at, Math.max(0, next.durationMs / 1000 - 0.05));
      if (wasPlaying) void video.play().catch(() => undefined);
    }, { once: true });
  }
  timeline.draw(lanes, laneDuration, media);
  showStatus();
}

video.addEventListener('play', labelPlay);
video.addEventListener('pause', labelPlay);
video.addEventListener('error', () => post({ type: 'previewMediaError', detail: (video.error?.message || `media error ${video.error?.code ?? ''}`).slice(0, 500) }));
let raf = 0;
const follow = (): void => {
  timeline.setPlayhead(video.currentTime * 1000);
  timeEl.textContent = formatTime(video.currentTime * 1000);
  if (!video.paused) raf = requestAnimationFrame(follow);
};
video.addEventListener('play', () => {
  cancelAnimationFrame(raf);
  raf = requestAnimationFrame(follow);
});
video.addEventListener('seeked', follow);
video.addEventListener('timeupdate', follow);
playBtn.addEventListener('click', togglePlay);
actionBtn.addEventListener('click', () => {
  if (status.action) post({ type: 'previewAction', action: status.action.id });
});

document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  // The native video controls and real buttons (Enter) keep their own keys; Space is play/pause everywhere
  // except on the status action (where it presses the button).
  if (e.key === ' ' && target !== actionBtn && target !== playBtn && target !== video) {
    e.preventDefault();
    togglePlay();
    return;
  }
  if (!media || target === video) return;
  const step = e.shiftKey ? 5 : 1;
  if (e.key === 'ArrowLeft') seek((video.currentTime - step) * 1000);
  else if (e.key === 'ArrowRight') seek((video.currentTime + step) * 1000);
  else if (e.key === 'Home') seek(0);
  else if (e.key === 'End') seek(media.durationMs);
  else return;
  e.preventDefault();
});

window.addEventListener('message', (event: MessageEvent<PreviewHostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'previewInit':
      strings = m.strings;
      document.documentElement.lang = m.lang === 'zh' ? 'zh-CN' : 'en';
      video.setAttribute('aria-label', m.strings.player);
      (toolbar.querySelector('.hint') as HTMLElement).textContent = m.strings.lanesHint;
      labelPlay();
      showStatus();
      break;
    case 'previewTimeline':
      lanes = m.lanes;
      laneDuration = m.durationMs;
      timeline.draw(lanes, laneDuration, media);
      break;
    case 'previewMedia':
      showMedia(m.media);
      break;
    case 'previewStatus':
      status = m.status;
      showStatus();
      break;
    case 'previewSeek':
      seek(m.ms);
      break;
  }
});

post({ type: 'previewReady' });
