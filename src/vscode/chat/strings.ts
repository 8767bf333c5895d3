// Every string the chat panel shows, localised through the shared translator (ui/l10n.ts: the
// vscode.l10n.t bundle l10n/bundle.l10n.zh-cn.json, following the generatorYoutube.language setting like the core).
// The webview receives the table in `init`; placeholders {0} are filled in the webview.
import type { UiStrings } from '../../shared/protocol';
import type { Tr } from '../ui/l10n';
import type { TranscriptTexts } from './transcript';

export function uiStrings(t: Tr): UiStrings {
  return {
    greeting: t('Hi! Attach your footage and tell me what video you want. Try one of these:'),
    starter1: t('generate my video clips'),
    starter2: t('export 1080p MP4'),
    starter3: t('generate a YouTube-ready video with intro, cuts, and outro'),
    quickExport: t('Export'),
    quickCredits: t('Credits'),
    quickStatus: t('Status'),
    placeholder: t('Describe the edit (Enter sends, Shift+Enter for a new line, Up recalls)'),
    send: t('Send'),
    stop: t('Stop'),
    attach: t('Attach…'),
    busyTurn: t('A reply is still coming: wait, or press Stop (Escape). A message is never sent twice.'),
    busyUploads: t('Waiting for the uploads to finish…'),
    stillWorking: t('⏳ Still working… ({0})'),
    you: t('You'),
    assistant: t('NemoVideo'),
    cancel: t('Cancel'),
    open: t('Open'),
    reveal: t('Reveal in File Manager'),
    copyLink: t('Copy Link'),
    kitHeading: t('Upload kit'),
    thumbnailAlt: t('Thumbnail of the export'),
    copyTitle: t('Copy Title'),
    copyDescription: t('Copy Description'),
    openKit: t('Open Upload Kit'),
    rendering: t('Rendering {0}%'),
    renderQueued: t('Export queued…'),
    renderDone: t('Export finished'),
    renderFailed: t('Export failed: {0}'),
    renderCancelled: t('Export cancelled'),
    uploadQueued: t('Waiting to upload'),
    uploading: t('Uploading'),
    uploaded: t('Uploaded'),
    uploadFailed: t('Upload failed'),
    uploadCancelled: t('Upload cancelled'),
    uploadRejected: t('Not uploaded'),
    creditsTitle: t('Credits'),
    creditsAvailable: t('Available'),
    creditsFrozen: t('Reserved'),
    creditsTotal: t('Total'),
    statusTitle: t('Timeline'),
    showTimeline: t('Show in Timeline view'),
    openPreview: t('Preview'),
    summaryTitle: t('What changed'),
    dropHere: t('Drop files or links here to upload them (hold Shift while dragging from the Explorer), or paste a URL'),
    dropNoPath: t('That drop carried no file path. Drag from the Explorer, or use Attach….'),
    tooLong: t('The message is too long (over {0} characters).'),
    interrupted: t('This reply was interrupted.'),
    transcriptLabel: t('Chat messages'),
    inputLabel: t('Message to NemoVideo'),
  };
}

export function transcriptTexts(t: Tr): TranscriptTexts {
  return {
    stopped: t('Stopped listening. The backend may still finish this request: check the status in a moment.'),
    checkStatus: t('Check status'),
    interrupted: t('A reload interrupted the last reply: what arrived is shown above. It was not sent again; check the status to see what the backend did.'),
  };
}

/** Why an attachment was refused, in plain words. */
export function rejectionText(t: Tr, reason: 'type' | 'size' | 'missing' | 'not-a-file' | 'unknown', detail: string): string {
  switch (reason) {
    case 'type':
      return t('This file type is not supported. Accepted types: {0}.', detail);
    case 'size':
      return t('The file is larger than the 500 MB limit ({0}). Trim or compress it, then try again.', detail);
    case 'missing':
      return t('File not found: {0}.', detail);
    case 'not-a-file':
      return t('Not a file: {0}.', detail);
    case 'unknown':
      return t('Not a file path or an http(s) link: {0}', detail);
  }
}
