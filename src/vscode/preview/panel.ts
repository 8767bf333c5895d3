// The preview panel (a WebviewPanel in the editor area): plays the proxy of the current timeline and draws
// the visual timeline. The host does all the work — fetchPreview (the core's one flow) on the local engine,
// the last export (transcoded) on the cloud — and sends the webview local file URIs from the preview folder,
// the only folder besides the extension the page may load from. It follows the backend's Timeline: every
// chat turn or upload that changes it starts a new proxy while the old one stays on screen marked out of date.
import * as vscode from 'vscode';
import {
  draftFingerprint, ffmpegRuns, fetchPreview, formatBytes, isNemoError, previewFromExport, PreviewUnavailable, readLocalPreview, resolveFfmpegPaths,
  type LocalPreview, type PreviewReason, type Timeline,
} from '../../core';
import { parsePreviewMessage, type PreviewActionId, type PreviewHostMessage, type PreviewMedia, type PreviewStatus } from '../../shared/protocol';
import { Newest } from '../../shared/newest';
import { COMMANDS } from '../ids';
import type { Tr } from '../ui/l10n';
import type { RenderController } from '../contracts';
import { errorText } from '../ui/errors';
import type { Services } from '../services';
import { webviewHtml, webviewOptions } from '../ui/webviewHtml';
import { buildPreviewLanes } from './lanes';
import { actionFor, previewStrings } from './strings';

export const PREVIEW_VIEW_TYPE = 'generatorYoutube.preview';

export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private media: PreviewMedia | null = null;
  private status: PreviewStatus = { phase: 'loading' };
  private work: AbortController | undefined;
  /** The newest refresh; an older one it superseded waits for it (see refresh()). */
  private readonly refreshes = new Newest();
  private refreshTimer: NodeJS.Timeout | undefined;
  private lastKey: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services, private readonly tr: Tr, private readonly renders: RenderController) {
    // Every new Timeline (after a chat turn, an upload, a session change) → a new preview, if the panel is open.
    this.disposables.push(services.backend.onDidChangeTimeline((tl) => this.onTimeline(tl)));
    this.disposables.push(renders.onDidUpdateJob((job) => {
      if (this.panel && this.services.backend.kind === 'cloud' && job.status === 'completed' && job.localPath) this.scheduleRefresh();
    }));
  }

  /** Where proxies live (one folder per key); the webview's only resource root besides the extension. */
  get root(): vscode.Uri {
    return vscode.Uri.joinPath(this.services.context.globalStorageUri, 'previews', this.services.backend.kind);
  }

  get visible(): boolean {
    return !!this.panel?.visible;
  }

  /** For tests and the bench: what the panel shows now. */
  get state(): { status: PreviewStatus; media: PreviewMedia | null } {
    return { status: this.status, media: this.media };
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, this.tr('Generator YouTube Preview'), vscode.ViewColumn.Active, {
        ...webviewOptions(this.services.context.extensionUri, [this.root]),
        retainContextWhenHidden: false,
      });
      panel.iconPath = vscode.Uri.joinPath(this.services.context.extensionUri, 'media', 'icon.png');
      this.panel = panel;
      this.ready = false;
      panel.webview.html = webviewHtml(panel.webview, this.services.context.extensionUri, { script: 'preview.js', style: 'preview.css', lang: this.services.backend.lang, media: true });
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw), undefined, this.disposables);
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.work?.abort();
        this.work = undefined;
      }, undefined, this.disposables);
      // Reopening an unchanged timeline: show the last proxy from disk at once, then check it is current.
      if (this.lastKey && this.services.backend.kind === 'local') {
        const local = readLocalPreview(this.root.fsPath, this.lastKey);
        if (local) this.media = this.toMedia(local.key, local.proxyPath, local);
      }
    }
    await this.refresh();
  }

  /** Moves the playhead (a segment was selected in the Timeline view). */
  seek(ms: number): void {
    this.post({ type: 'previewSeek', ms });
  }

  private post(m: PreviewHostMessage): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(m);
  }

  private setStatus(status: PreviewStatus): void {
    this.status = status;
    this.post({ type: 'previewStatus', status });
  }

  private setMedia(media: PreviewMedia | null): void {
    this.media = media;
    this.post({ type: 'previewMedia', media });
  }

  private problem(reason: PreviewReason | 'noSession' | 'noSound', text: string, stale = false): void {
    this.setStatus({ phase: 'problem', text, action: actionFor(reason, this.tr), stale: stale && !!this.media });
  }

  private onTimeline(tl: Timeline | null): void {
    if (!this.panel) return;
    this.postTimeline(tl);
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    // A turn publishes its timeline once; uploads can come in a burst: one refresh for a burst.
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 150);
  }

  private postTimeline(tl: Timeline | null): void {
    const { lanes, durationMs } = buildPreviewLanes(tl);
    this.post({ type: 'previewTimeline', lanes, durationMs });
  }

  private toMedia(key: string, videoPath: string, local?: Pick<LocalPreview, 'manifest' | 'filmstripPath'>): PreviewMedia {
    const webview = this.panel?.webview;
    const uri = (p: string) => (webview ? webview.asWebviewUri(vscode.Uri.file(p)).toString() : p);
    const m = local?.manifest;
    return {
      src: uri(videoPath), key,
      durationMs: m?.durationMs ?? 0, width: m?.width ?? 0, height: m?.height ?? 0,
      ...(m && local?.filmstripPath ? { filmstrip: { src: uri(local.filmstripPath), ...m.filmstrip }, peaks: m.peaks } : {}),
    };
  }

  /**
   * Makes (or reuses) the preview of the current timeline and shows it. Resolves once the panel shows the
   * result of this refresh or of a newer one that superseded it (a timeline change or a finished export
   * landing meanwhile aborts this one): whoever awaits it then reads what the panel settled on, never the
   * "rendering" of a refresh still under way.
   */
  async refresh(): Promise<void> {
    await this.refreshes.start(this.refreshOnce());
    await this.refreshes.settled();
  }

  private async refreshOnce(): Promise<void> {
    if (!this.panel) return;
    this.work?.abort();
    const work = new AbortController();
    this.work = work;
    const { backend, logger } = this.services;
    try {
      const workflow = await backend.workflow();
      if (work.signal.aborted) return;
      const session = workflow.session;
      if (!session) {
        this.postTimeline(null);
        this.problem('noSession', this.tr('No editing session yet: open the chat, attach your footage and describe the video.'));
        return;
      }
      const timeline = backend.timeline ?? (await backend.refreshTimeline(work.signal));
      if (work.signal.aborted) return;
      this.postTimeline(timeline);
      this.setStatus({ phase: this.media ? 'rendering' : 'loading', progress: 0, stale: !!this.media });
      const root = this.root.fsPath;
      if (backend.kind === 'cloud') {
        await this.fromLastExport(session.sessionId, timeline, work.signal);
        return;
      }
      const local = await fetchPreview(workflow.client, session.sessionId, root, {
        signal: work.signal,
        onProgress: (p, key) => {
          if (work.signal.aborted) return;
          // The same key as on screen means nothing changed: no "out of date", no progress bar.
          if (key === this.media?.key) return;
          this.setStatus({ phase: 'rendering', progress: p, stale: !!this.media });
        },
      });
      if (work.signal.aborted) return;
      this.lastKey = local.key;
      this.setMedia(this.toMedia(local.key, local.proxyPath, local));
      this.setStatus({ phase: 'ready', text: this.tr('Proxy {0} · {1}×{2}', formatBytes(local.manifest.size), local.manifest.width, local.manifest.height) });
    } catch (e) {
      if (work.signal.aborted) return;
      if (e instanceof PreviewUnavailable) {
        this.problem(e.reason, e.message, true);
        return;
      }
      if (isNemoError(e) && e.kind === 'cancelled') return;
      logger.warn(`preview failed: ${errorText(e)}`);
      this.problem('failed', this.tr('The preview could not be made: {0}', errorText(e)), true);
    } finally {
      if (this.work === work) this.work = undefined;
    }
  }

  /** Cloud: the newest downloaded export of this session, transcoded when ffmpeg is there. */
  private async fromLastExport(sessionId: string, timeline: Timeline | null, signal: AbortSignal): Promise<void> {
    const job = this.renders.jobs()
      .filter((j) => j.sessionId === sessionId && j.status === 'completed' && j.localPath)
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (!job?.localPath) {
      this.setMedia(null);
      this.problem('unsupported', this.tr('The cloud backend makes no previews: export once and the preview plays that export.'));
      return;
    }
    const paths = resolveFfmpegPaths(this.services.config.settings.ffmpegPath);
    const hasFfmpeg = await ffmpegRuns(paths.ffmpeg);
    const p = await previewFromExport(job.localPath, this.root.fsPath, hasFfmpeg ? paths : null, {
      signal, durationSec: job.durationSec, onProgress: (pct) => !signal.aborted && this.setStatus({ phase: 'rendering', progress: pct, stale: !!this.media }),
    });
    if (signal.aborted) return;
    this.setMedia(this.toMedia(p.key, p.videoPath, p.manifest && p.filmstripPath ? { manifest: p.manifest, filmstripPath: p.filmstripPath } : undefined));
    const changed = !!job.draftKey && !!timeline && job.draftKey !== draftFingerprint(timeline.raw);
    const when = new Date(job.updatedAt).toLocaleString(this.services.backend.lang === 'zh' ? 'zh-CN' : 'en');
    const notes = [this.tr('Showing the export of {0}.', when)];
    if (changed) notes.push(this.tr('The timeline changed since: export again to see the changes.'));
    if (!p.sound) {
      this.problem('noSound', [...notes, this.tr('Playing it as is: sound needs ffmpeg (install it to get a preview with sound).')].join(' '), changed);
      return;
    }
    this.setStatus({ phase: changed ? 'problem' : 'ready', text: notes.join(' '), stale: changed, ...(changed ? { action: actionFor('unsupported', this.tr) } : {}) });
  }

  private onMessage(raw: unknown): void {
    const parsed = parsePreviewMessage(raw);
    if (!parsed.ok) {
      this.services.logger.warn(`preview webview: dropped an invalid message (${parsed.reason})`);
      return;
    }
    const m = parsed.message;
    switch (m.type) {
      case 'previewReady':
        this.ready = true;
        this.post({ type: 'previewInit', strings: previewStrings(this.tr), lang: this.services.backend.lang });
        this.postTimeline(this.services.backend.timeline);
        this.post({ type: 'previewMedia', media: this.media });
        this.post({ type: 'previewStatus', status: this.status });
        break;
      case 'previewAction':
        void this.runAction(m.action);
        break;
      case 'previewMediaError':
        this.services.logger.warn(`preview: the webview could not play the proxy: ${m.detail}`);
        this.problem('failed', this.tr('The preview could not be played ({0}).', m.detail));
        break;
    }
  }

  private async runAction(id: PreviewActionId): Promise<void> {
    switch (id) {
      case 'openChat':
        await vscode.commands.executeCommand(COMMANDS.openChat);
        break;
      case 'upload':
        await vscode.commands.executeCommand(COMMANDS.upload);
        break;
      case 'ffmpegSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'generatorYoutube.ffmpegPath');
        break;
      case 'export':
        await vscode.commands.executeCommand(COMMANDS.export);
        break;
      case 'retry':
        await this.refresh();
        break;
    }
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.work?.abort();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
