// Over ~300 lines on purpose: the view lifecycle, message handling and turns all mutate one state (transcript, session, running turn, save timer); the pure parts already live in ./transcript, ./store, ./actions, ./uploads.
// The chat view: a WebviewViewProvider and the ChatController other features use. The host owns the
// transcript (per backend + session, persisted and replayed: a hidden webview loses posted messages); the
// webview only draws it. Every message from the webview is validated (shared/protocol.ts) and anything else
// is dropped and logged. One turn at a time: a message is never sent twice.
import * as vscode from 'vscode';
import { ACCEPTED_TYPES, isNemoError, NemoError, summarizeTimeline, type RenderJob, type TurnEvent, type TurnOutcome, type Workflow } from '../../core';
import { LIMITS, parseWebviewMessage, type BusyState, type Entry, type HostMessage, type WebviewMessage } from '../../shared/protocol';
import type { Tr } from '../ui/l10n';
import { DisposableStore } from '../ui/lifecycle';
import type { ChatController, PlannerHelper, RenderController } from '../contracts';
import { COMMANDS, VIEWS } from '../ids';
import type { Services } from '../services';
import { type ActionHost, runEntryAction, runRenderAction } from './actions';
import { chatHtml, webviewOptions } from '../ui/webviewHtml';
import { isSafeLink } from '../../shared/links';
import { TranscriptStore, type SessionRef } from './store';
import { rejectionText, transcriptTexts, uiStrings } from './strings';
import { recoverInterrupted, renderEntry, statusEntry, Transcript, TurnReducer } from './transcript';
import { UploadQueue } from './uploads';
import { kitCard } from './kitCard';
import { askPlannerHelper } from './plannerHelp';
import { echoSafe } from '../platform/stores';

export class ChatPanel implements vscode.WebviewViewProvider, ChatController, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private transcript = new Transcript();
  private session: SessionRef | undefined;
  private backendKey: string | undefined;
  private loading: Promise<void> | undefined;
  private turn: AbortController | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly uploads: UploadQueue;
  private readonly store: TranscriptStore;
  private readonly owned = new DisposableStore();

  constructor(
    private readonly services: Services,
    private readonly tr: Tr,
    private readonly renders: RenderController,
    /** The language model that restates what the local planner did not understand (absent: never asked). */
    private readonly plannerHelper?: PlannerHelper,
  ) {
    this.store = new TranscriptStore(echoSafe(services.context.globalState));
    this.uploads = new UploadQueue(() => services.backend.workflow(), {
      put: (e) => this.put(e),
      newId: () => this.transcript.newId(),
      rejection: (reason, detail) => rejectionText(this.tr, reason, detail),
      showFormatsLabel: this.tr('Show accepted formats'),
      trimLabel: this.tr('Trim or compress the file'),
      countChanged: () => this.postBusy(),
      notice: (text) => this.put({ kind: 'notice', id: this.transcript.newId(), text: text.slice(0, 4000) }),
    });
    this.owned.push(
      services.backend.onDidChange(() => void this.followSession(false)),
      renders.onDidUpdateJob((job) => this.updateRender(job)),
    );
  }

  // ---- ChatController -------------------------------------------------------------------------------

  get busy(): boolean {
    return this.turn !== undefined;
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${VIEWS.chat}.focus`);
    this.post({ type: 'focus' });
  }

  notice(text: string): void {
    // After the session's transcript is loaded, or loading it would replace the notice.
    void this.ensureLoaded().then(() => this.put({ kind: 'notice', id: this.transcript.newId(), text: text.slice(0, 4000) }));
  }

  async send(text: string, opts: { attachments?: string[]; onEvent?: (ev: TurnEvent) => void; signal?: AbortSignal } = {}): Promise<TurnOutcome> {
    if (this.turn) throw new Error(this.tr('The chat is still working on the last message. Wait for it to finish (or stop it), then try again.'));
    await this.ensureLoaded();
    const attachments = opts.attachments ?? [];
    if (attachments.length) {
      const outcomes = await this.uploads.add(attachments);
      await this.followSession(true);
      if (outcomes.includes('cancelled')) return 'stopped';
      if (outcomes.some((o) => o !== 'done')) return 'error';
    }
    if (!text.trim()) return 'text';
    if (opts.signal?.aborted) return 'stopped';
    return this.runTurn(text.trim().slice(0, LIMITS.messageChars), opts.onEvent, opts.signal);
  }

  // ---- the view -------------------------------------------------------------------------------------

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const { extensionUri } = this.services.context;
    // One more resource root, our own: the render cards' thumbnail copies (never the user's output folder).
    view.webview.options = webviewOptions(extensionUri, [this.thumbRoot]);
    view.webview.html = chatHtml(view.webview, extensionUri, this.services.backend.lang);
    const subs = new DisposableStore();
    subs.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // Not retained when hidden: the page is rebuilt on show and says "ready" again.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
    );
    view.onDidDispose(() => {
      subs.dispose();
      if (this.view === view) this.view = undefined;
      this.ready = false;
    });
  }

  private post(message: HostMessage): void {
    if (this.view && this.ready) void this.view.webview.postMessage(this.forWebview(message, this.view.webview));
  }

  /** Where the render cards' thumbnail copies live (a webview resource root). */
  private get thumbRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.services.context.globalStorageUri, 'chat-thumbnails');
  }

  /** Render cards get their thumbnail's webview URI at post time (URIs are per webview: never persisted). */
  private forWebview(message: HostMessage, webview: vscode.Webview): HostMessage {
    const withSrc = (e: Entry): Entry =>
      e.kind === 'render' && e.kit?.thumbPath ? { ...e, kit: { ...e.kit, thumbSrc: webview.asWebviewUri(vscode.Uri.file(e.kit.thumbPath)).toString() } } : e;
    if (message.type === 'upsert') return { ...message, entry: withSrc(message.entry) };
    if (message.type === 'init' || message.type === 'reset') return { ...message, entries: message.entries.map(withSrc) };
    return message;
  }

  private busyState(): BusyState {
    return { turn: this.turn !== undefined, uploads: this.uploads.active };
  }

  private postBusy(): void {
    this.post({ type: 'busy', busy: this.busyState() });
  }

  private put(entry: Entry): void {
    this.transcript.upsert(entry);
    this.post({ type: 'upsert', entry });
    this.scheduleSave();
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      // The webview is untrusted input: never act on a message that does not match the protocol.
      this.services.logger.warn(`chat: dropped an invalid webview message (${parsed.reason})`);
      return;
    }
    void this.handle(parsed.message).catch((e: unknown) => this.services.logger.error(`chat: ${parsed.message.type} failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        await this.ensureLoaded();
        this.ready = true;
        this.post({ type: 'init', strings: uiStrings(this.tr), entries: [...this.transcript.entries], busy: this.busyState(), limits: { messageChars: LIMITS.messageChars }, lang: this.services.backend.lang });
        return;
      case 'send':
        if (this.turn || this.uploads.active) {
          this.services.logger.info('chat: a send arrived while busy; ignored (a message is never sent twice)');
          return;
        }
        await this.send(m.text);
        return;
      case 'stop':
        this.turn?.abort();
        return;
      case 'attach': {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: true,
          openLabel: this.tr('Upload'),
          // Caption files are taken in for the upload kit (re-timed through the edit), never uploaded.
          filters: { [this.tr('Video, image and audio')]: [...ACCEPTED_TYPES, 'jpeg'], [this.tr('Caption files (.srt, .vtt)')]: ['srt', 'vtt'] },
        });
        if (picked?.length) await this.attach(picked.map((u) => u.fsPath));
        return;
      }
      case 'drop':
        await this.attach(m.items);
        return;
      case 'cancelUpload':
        this.uploads.cancel(m.entryId);
        return;
      case 'openLink':
        if (isSafeLink(m.url)) await vscode.env.openExternal(vscode.Uri.parse(m.url, true));
        else this.services.logger.warn('chat: refused to open a non-https link');
        return;
      case 'entryAction':
        await runEntryAction(this.actionHost(), m.entryId);
        return;
      case 'renderAction':
        await runRenderAction(this.tr, this.transcript.find(m.entryId), m.action);
        return;
      case 'showTimeline':
        await vscode.commands.executeCommand(`${VIEWS.timeline}.focus`);
        return;
      case 'openPreview':
        await vscode.commands.executeCommand(COMMANDS.preview);
        return;
    }
  }

  // ---- transcript per session -------------------------------------------------------------------------

  private ensureLoaded(): Promise<void> {
    this.loading ??= this.followSession(false).catch((e: unknown) => {
      this.services.logger.warn(`chat: could not connect yet: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.loading;
  }

  /**
   * Makes the shown transcript the one of the workflow's current session. `adopt`: the session was created
   * (or restarted by the core) during our own upload/turn, so the transcript on screen belongs to it.
   * Otherwise (new session command, reopened session, other backend) the stored transcript is loaded.
   */
  private async followSession(adopt: boolean): Promise<void> {
    let wf: Workflow;
    try {
      wf = await this.services.backend.workflow();
    } catch (e) {
      if (this.backendKey !== undefined) {
        this.backendKey = undefined;
        this.session = undefined;
        this.replace([]);
      }
      throw e;
    }
    const s = wf.session;
    const key = wf.backendKey;
    const ref: SessionRef | undefined = s ? { backendKey: key, sessionId: s.sessionId, taskId: s.taskId, createdAt: s.createdAt } : undefined;
    const same = this.backendKey === key && this.session?.sessionId === ref?.sessionId;
    if (same) return;
    if (this.turn || this.uploads.active || (adopt && this.backendKey === key)) {
      // Our own work created or replaced the session: keep what is on screen, save it under the new id.
      this.backendKey = key;
      this.session = ref;
      this.scheduleSave();
      return;
    }
    await this.flushSave();
    this.backendKey = key;
    this.session = ref;
    const stored = ref ? this.store.load(key, ref.sessionId) : undefined;
    this.transcript = new Transcript(stored?.entries ?? []);
    const recovered = recoverInterrupted([...this.transcript.entries], transcriptTexts(this.tr), () => this.transcript.newId());
    this.replace(recovered);
  }

  private replace(entries: Entry[]): void {
    this.transcript = new Transcript(entries);
    this.post({ type: 'reset', entries: [...this.transcript.entries] });
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => void this.flushSave(), 500);
  }

  private async flushSave(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.session) return; // nothing to key it by yet: kept in memory until the session exists
    try {
      await this.store.save(this.session, this.transcript.entries, Date.now());
    } catch (e) {
      this.services.logger.warn(`chat: could not save the transcript: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The session list: reopen one (its transcript and its server session). */
  async pickSession(): Promise<void> {
    if (this.turn) {
      void vscode.window.showWarningMessage(this.tr('The chat is still working on the last message. Wait for it to finish (or stop it), then try again.'));
      return;
    }
    await this.ensureLoaded();
    await this.flushSave();
    const wf = await this.services.backend.workflow();
    const key = wf.backendKey;
    const items = this.store.list(key).map((t) => ({
      label: t.title || this.tr('(no messages)'),
      description: new Date(t.updatedAt).toLocaleString(),
      detail: t.session.sessionId === this.session?.sessionId ? this.tr('Current session') : undefined,
      transcript: t,
    }));
    if (!items.length) {
      void vscode.window.showInformationMessage(this.tr('No previous chat sessions yet.'));
      return;
    }
    const pick = await vscode.window.showQuickPick(items, { placeHolder: this.tr('Reopen a previous chat session') });
    if (!pick || pick.transcript.session.sessionId === this.session?.sessionId) return;
    const s = pick.transcript.session;
    // Reopens the session on the server side too (a 1002 later starts a fresh one and says so).
    await wf.reopenSession(s);
    this.services.backend.sessionChanged();
    await this.followSession(false);
    void this.services.backend.refreshTimeline().catch(() => undefined);
    await this.reveal();
  }

  // ---- one turn ----------------------------------------------------------------------------------------

  /**
   * One message, and when the local planner understood none of it and a language model is there, the
   * model's restatement as a second message (see plannerHelp.ts). Both under one Stop and one busy state.
   */
  private async runTurn(text: string, onEvent?: (ev: TurnEvent) => void, stop?: AbortSignal): Promise<TurnOutcome> {
    const controller = new AbortController();
    // The caller's Stop (an agent's cancellation) is the panel's Stop button: stop listening, never re-send.
    const onStop = (): void => controller.abort();
    stop?.addEventListener('abort', onStop, { once: true });
    this.turn = controller;
    this.postBusy();
    let outcome: TurnOutcome = 'error';
    try {
      const first = await this.oneTurn(text, controller.signal, onEvent);
      outcome = first.outcome;
      if (first.notUnderstood && this.plannerHelper) {
        const host = { put: (e: Entry) => this.put(e), newId: () => this.transcript.newId(), tr: this.tr, warn: (m: string) => this.services.logger.warn(m) };
        const instructions = await askPlannerHelper(host, this.plannerHelper, text, controller.signal);
        if (instructions) outcome = (await this.oneTurn(instructions, controller.signal, onEvent)).outcome;
      }
    } finally {
      stop?.removeEventListener('abort', onStop);
      this.turn = undefined;
      this.postBusy();
    }
    await this.followSession(true).catch(() => undefined);
    await this.flushSave();
    // A chat turn may have edited the draft: let the Timeline view catch up (the status intent already did).
    if (outcome === 'text' || outcome === 'silent' || outcome === 'dropped') void this.services.backend.refreshTimeline().catch(() => undefined);
    return outcome;
  }

  private async oneTurn(text: string, signal: AbortSignal, onEvent?: (ev: TurnEvent) => void): Promise<{ outcome: TurnOutcome; notUnderstood: boolean }> {
    this.put({ kind: 'user', id: this.transcript.newId(), text, at: Date.now() });
    const reducer = new TurnReducer(this.transcript, transcriptTexts(this.tr), {
      upsert: (e) => {
        this.post({ type: 'upsert', entry: e });
        this.scheduleSave();
      },
      remove: (id) => this.post({ type: 'remove', id }),
    });
    reducer.begin();
    // Saved before the message leaves (not on the 500 ms debounce), under the session it goes to — after a
    // New Session that session is made by this very turn: a reload mid-turn finds the message and the reply
    // it was waiting for, marks it interrupted and never re-sends it.
    const beforeSend = async (): Promise<void> => {
      await this.followSession(true).catch(() => undefined);
      await this.flushSave();
    };
    let outcome: TurnOutcome = 'error';
    let notUnderstood = false;
    try {
      const wf = await this.services.backend.workflow();
      for await (const ev of wf.send(text, { signal, beforeSend })) {
        reducer.apply(ev);
        onEvent?.(ev);
        if (ev.type === 'intent' && ev.intent === 'export') this.trackRender(ev.job);
        if (ev.type === 'intent' && ev.intent === 'status') this.services.backend.publishTimeline(ev.timeline);
        if (ev.type === 'summary' && ev.timeline) this.services.backend.publishTimeline(ev.timeline);
        if (ev.type === 'done') {
          outcome = ev.outcome;
          notUnderstood = ev.notUnderstood === true;
        }
      }
    } catch (e) {
      // Only connecting can throw here (the workflow turns its own failures into error events).
      const message = isNemoError(e) ? e.userMessage : e instanceof Error ? e.message : String(e);
      reducer.apply({ type: 'error', error: isNemoError(e) ? e : new NemoError({ kind: 'server', userMessage: message, action: { id: 'retry', label: this.tr('Try again') } }) });
      reducer.apply({ type: 'done', outcome: 'error' });
      outcome = 'error';
    }
    return { outcome, notUnderstood };
  }

  // ---- render cards ---------------------------------------------------------------------------------

  /** The Render Jobs feature persists, polls and downloads the job; its updates redraw the card. */
  private trackRender(job: RenderJob): void {
    void this.renders.track(job).then(
      (j) => this.updateRender(j),
      (e: unknown) => this.services.logger.warn(`chat: render ${job.id}: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  private updateRender(job: RenderJob): void {
    const card = this.transcript.entries.find((e) => e.kind === 'render' && e.jobId === job.id);
    if (!card || card.kind !== 'render') return;
    // The kit already shown stays while the job updates; once the file is saved, the kit beside it is read
    // (it is made right after the download, and made again by "Make Upload Kit Again").
    this.put({ ...renderEntry(card.id, job), ...(card.kit ? { kit: card.kit } : {}) });
    if (job.status === 'completed' && job.localPath) void this.showKit(card.id, job);
  }

  private async showKit(entryId: string, job: RenderJob): Promise<void> {
    try {
      const kit = await kitCard(job.localPath, job.id, this.thumbRoot.fsPath);
      const now = this.transcript.find(entryId);
      if (kit && now?.kind === 'render' && JSON.stringify(now.kit) !== JSON.stringify(kit)) this.put({ ...now, kit });
    } catch (e) {
      this.services.logger.warn(`chat: the kit of ${job.id} could not be shown: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // ---- attachments and actions ----------------------------------------------------------------------

  private actionHost(): ActionHost {
    return {
      services: this.services,
      tr: this.tr,
      busy: this.busy,
      entries: this.transcript.entries,
      send: (text) => this.send(text),
      notice: (text) => this.notice(text),
      status: (timeline) => this.put(statusEntry(this.transcript.newId(), summarizeTimeline(timeline, this.services.backend.lang), timeline)),
    };
  }

  private async attach(items: readonly string[]): Promise<void> {
    await this.ensureLoaded();
    await this.uploads.add(items);
    await this.followSession(true).catch(() => undefined);
  }

  dispose(): void {
    this.turn?.abort();
    this.uploads.cancelAll();
    void this.flushSave();
    this.owned.dispose();
  }
}
