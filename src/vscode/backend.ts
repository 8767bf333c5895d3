// The one connection the extension's features share: a NemoClient + Workflow pointed at the cloud or at the
// local engine (started in-process, lazily, on first use). Changing the backend or URL settings builds a new
// connection without a reload. It also keeps the last decoded Timeline so every view shows the same draft.
import * as vscode from 'vscode';
import { type Lang, NemoClient, type Timeline, Workflow, globalFetchTransport, type Logger } from '../core';
import type { Settings } from '../shared/settings';
import { Newest } from '../shared/newest';
import type { Config } from './platform/config';
import { secretStore, stateStore } from './platform/stores';
import { DisposableStore } from './ui/lifecycle';

/** The engine's LocalEngine, as a type only: the engine module itself is loaded on first local use. */
type LocalEngine = import('../engine/index.js').LocalEngine;

/** Export status poll on loopback when the local engine cannot wake us (it belongs to another window). */
const LOCAL_POLL_MS = 2000;

export class Backend implements vscode.Disposable {
  private current: { key: string; workflow: Promise<Workflow> } | undefined;
  private engine: Promise<LocalEngine> | undefined;
  private lastTimeline: Timeline | null = null;
  private timelineTicket = 0;
  /** The newest refreshTimeline()'s fetch: superseded refreshes wait for it. */
  private readonly refreshes = new Newest();
  private borrowedEngine: LocalEngine | undefined;
  private readonly owned = new DisposableStore();
  private readonly changed = this.owned.add(new vscode.EventEmitter<void>());
  private readonly timelineChanged = this.owned.add(new vscode.EventEmitter<Timeline | null>());
  /** The connection changed (backend/URL setting, new session, sign-out): views should refresh. */
  readonly onDidChange = this.changed.event;
  /** A new Timeline was fetched (after a turn, an upload, a session change or a refresh). */
  readonly onDidChangeTimeline = this.timelineChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    this.owned.add(
      config.onDidChange((s) => {
        if (this.current && this.current.key !== connectionKey(s)) this.reset();
      }),
    );
  }

  get kind(): Settings['backend'] {
    return this.config.settings.backend;
  }

  get lang(): Lang {
    return this.config.settings.language;
  }

  get timeline(): Timeline | null {
    return this.lastTimeline;
  }

  /** The workflow for the configured backend, created on first use (starting the local engine if needed). */
  async workflow(): Promise<Workflow> {
    // An engine borrowed from another window dies with that window: notice it (one loopback connect) and
    // start our own instead of failing every request with "could not reach".
    if (this.borrowedEngine && !(await this.borrowedEngine.stillServing())) {
      this.logger.info(`the local engine at ${this.borrowedEngine.url} is gone; starting this window's own`);
      this.borrowedEngine = undefined;
      this.engine = undefined;
      this.current = undefined;
    }
    const settings = this.config.settings;
    const key = connectionKey(settings);
    if (!this.current || this.current.key !== key) {
      const workflow = this.connect(settings);
      // A failed connection (engine could not start) is not cached: the next call tries again.
      workflow.catch(() => {
        if (this.current?.workflow === workflow) this.current = undefined;
      });
      this.current = { key, workflow };
    }
    return this.current.workflow;
  }

  /** Fetches the session state and publishes the decoded Timeline. No session yet → an empty timeline. */
  async refreshTimeline(signal?: AbortSignal): Promise<Timeline | null> {
    // Refreshes overlap (a turn ends while an upload's refresh is in flight). Only the newest request may
    // publish: an older answer arriving late must not overwrite a newer timeline.
    const ticket = ++this.timelineTicket;
    const timeline = await this.refreshes.start((async () => {
      const workflow = await this.workflow();
      return workflow.session ? await workflow.refreshState(signal) : null;
    })());
    if (ticket === this.timelineTicket) {
      this.publishTimeline(timeline);
      return timeline;
    }
    // Superseded: the caller gets what the newest refresh publishes, not the timeline from before both
    // (an agent asking for the timeline right after an edit would otherwise read the old one).
    await this.refreshes.settled();
    return this.lastTimeline;
  }

  publishTimeline(timeline: Timeline | null): void {
    this.timelineTicket++;
    this.lastTimeline = timeline;
    this.timelineChanged.fire(timeline);
  }

  /** Drops the connection (e.g. after sign-out or a new token); the next use connects again. */
  reset(): void {
    this.current = undefined;
    this.publishTimeline(null);
    this.changed.fire();
  }

  /** Tell listeners that the session changed (new session, session restarted by 1002 recovery). */
  sessionChanged(): void {
    this.changed.fire();
  }

  private async connect(settings: Settings): Promise<Workflow> {
    let apiUrl = settings.apiUrl;
    let engine: LocalEngine | undefined;
    if (settings.backend === 'local') {
      if (!vscode.workspace.isTrusted) {
        throw new Error(vscode.l10n.t('The local engine is off in untrusted workspaces. Trust this workspace, or switch generatorYoutube.backend to "cloud".'));
      }
      engine = await this.localEngine(settings);
      apiUrl = engine.url;
    }
    this.logger.info(`connecting to ${settings.backend} backend at ${apiUrl}`);
    const client = new NemoClient({
      apiUrl,
      webUrl: settings.webUrl,
      platform: 'vscode',
      // Stored token, session and jobs are keyed by backend. The in-process engine gets a new port on every
      // start, so it needs a stable key or every reload would look like a different backend.
      backendKey: settings.backend === 'local' ? 'local-engine' : undefined,
      // VS Code's patched fetch: proxies, PAC, system certificates (field notes).
      transport: globalFetchTransport,
      secrets: secretStore(this.context.secrets),
      state: stateStore(this.context.globalState),
      lang: settings.language,
      log: this.logger,
      // The environment's NEMO_API_URL is already folded into settings.apiUrl; for the local engine the
      // engine's own URL must win over it.
      env: { ...process.env, NEMO_API_URL: apiUrl },
    });
    return new Workflow({
      client,
      state: stateStore(this.context.globalState),
      lang: settings.language,
      // The local engine: the export is read the moment its job changes (our own engine wakes us; one
      // borrowed from another window is polled on loopback every 2 s at most) instead of every 30 s like
      // the cloud's, and files are handed over by path both ways (it runs on this machine: it copies the
      // uploads itself, and a finished export is copied from its folder instead of downloaded).
      exportPollMs: engine ? Math.min(settings.pollIntervalMs, LOCAL_POLL_MS) : settings.pollIntervalMs,
      exportWake: engine?.renderChanged,
      filesByPath: engine !== undefined,
      localRenderFile: engine?.renderFile,
      onNotice: (text) => this.logger.info(text),
    });
  }

  private localEngine(settings: Settings): Promise<LocalEngine> {
    this.engine ??= (async () => {
      // Loaded on first use: the engine pulls in the planner and renderer, which a cloud user never needs.
      const { startOrBorrowEngine } = await import('../engine/index.js');
      const dataDir = vscode.Uri.joinPath(this.context.globalStorageUri, 'engine').fsPath;
      const engine = await startOrBorrowEngine({ dataDir, ffmpegPath: settings.ffmpegPath, renderCacheMaxMB: settings.renderCacheMaxMB, log: (line: string) => this.logger.info(`[engine] ${line}`) });
      if (engine.borrowed) {
        // Another VS Code window (same globalStorage) already runs an engine on this data folder: use it as a
        // client instead of fighting over the folder. We don't own it: its close() does nothing.
        this.logger.info(`using the local engine of another window at ${engine.url}`);
        this.borrowedEngine = engine;
      } else {
        this.logger.info(`local engine listening on ${engine.url}`);
      }
      return engine;
    })();
    this.engine.catch(() => (this.engine = undefined));
    return this.engine;
  }

  dispose(): void {
    this.owned.dispose();
    void this.engine?.then((e) => e.close()).catch(() => undefined);
  }
}

function connectionKey(s: Settings): string {
  return [s.backend, s.backend === 'cloud' ? s.apiUrl : `${s.ffmpegPath}|${s.renderCacheMaxMB}`, s.webUrl, s.language, s.pollIntervalMs].join('|');
}
