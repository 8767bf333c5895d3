// Every command, view and context-value id in one place. package.json is the source of truth; the
// integration test "commands declared ⇄ registered" keeps the two in step.
export const COMMANDS = {
  openChat: 'generatorYoutube.openChat',
  /** The chat view's title-bar action: reopen a previous chat session (src/vscode/chat). */
  chatSessions: 'generatorYoutube.chat.sessions',
  generate: 'generatorYoutube.generate',
  upload: 'generatorYoutube.upload',
  showStatus: 'generatorYoutube.showStatus',
  credits: 'generatorYoutube.credits',
  newSession: 'generatorYoutube.newSession',
  openInBrowser: 'generatorYoutube.openInBrowser',
  setToken: 'generatorYoutube.setToken',
  signOut: 'generatorYoutube.signOut',
  // exports and the Timeline / Render Jobs views (src/vscode/timeline, src/vscode/renders)
  export: 'generatorYoutube.export',
  exportWithOptions: 'generatorYoutube.exportWithOptions',
  refreshTimeline: 'generatorYoutube.refreshTimeline',
  copySummary: 'generatorYoutube.copyTimelineSummary',
  renderOpen: 'generatorYoutube.renderJob.open',
  renderReveal: 'generatorYoutube.renderJob.reveal',
  renderCopyLink: 'generatorYoutube.renderJob.copyLink',
  renderDownloadAgain: 'generatorYoutube.renderJob.downloadAgain',
  renderRetry: 'generatorYoutube.renderJob.retry',
  renderCheckAgain: 'generatorYoutube.renderJob.checkAgain',
  renderRemove: 'generatorYoutube.renderJob.remove',
  // the upload kit of a finished job (src/vscode/renders/kit*.ts)
  kitCopyTitle: 'generatorYoutube.kit.copyTitle',
  kitCopyDescription: 'generatorYoutube.kit.copyDescription',
  kitCopyTags: 'generatorYoutube.kit.copyTags',
  kitChooseThumbnail: 'generatorYoutube.kit.chooseThumbnail',
  kitBurnCaptions: 'generatorYoutube.kit.burnCaptions',
  kitMakeAgain: 'generatorYoutube.kit.makeAgain',
  /** The preview panel (src/vscode/preview). */
  preview: 'generatorYoutube.preview',
  renderCancel: 'generatorYoutube.renderJob.cancel',
} as const;

export const VIEWS = {
  container: 'generatorYoutube',
  chat: 'generatorYoutube.chat',
  timeline: 'generatorYoutube.timeline',
  renders: 'generatorYoutube.renders',
} as const;

/** TreeItem.contextValue strings (package.json menus match on them with `viewItem == …` / `=~`). */
export const CONTEXT_VALUES = {
  timelineRoot: 'timelineRoot',
  timelineTrack: 'timelineTrack',
  timelineSegment: 'timelineSegment',
  timelineMore: 'timelineMore',
  /**
   * Render jobs: `renderJob.<state>` plus `.file` when a local file exists, `.link` when there is a URL and
   * `.cancellable` while the backend still renders it (pending/processing).
   */
  renderJob: 'renderJob',
  /** A row of a job's upload kit: `renderKit.<thumbnail|title|description|tags|chapters|captions|page|captioned|choose|burn>`. */
  renderKit: 'renderKit',
} as const;

/** setContext keys the views' welcome content and menus depend on. */
export const CONTEXT_KEYS = {
  /** 'loading' | 'noSession' | 'empty' | 'error' | 'ready' */
  timelineState: 'generatorYoutube.timelineState',
} as const;
