// Every string the preview panel shows, through the shared translator (l10n/bundle.l10n.zh-cn.json,
// following the generatorYoutube.language setting). Placeholders {0} {1} are filled in the webview.
import type { PreviewActionId, PreviewStrings } from '../../shared/protocol';
import type { PreviewReason } from '../../core';
import type { Tr } from '../ui/l10n';

export function previewStrings(t: Tr): PreviewStrings {
  return {
    title: t('Preview'),
    player: t('Preview of the current timeline'),
    timelineLabel: t('Visual timeline: one lane per track; Tab to a segment and press Enter to jump to it'),
    play: t('Play'),
    pause: t('Pause'),
    loading: t('Loading the preview…'),
    rendering: t('Rendering the preview'),
    outOfDate: t('Out of date: the timeline changed'),
    lanesHint: t('Space play/pause · ←/→ 1 s (Shift 5 s) · click a segment to jump'),
    blockAt: t('{0}, {1}'),
    noLanes: t('No tracks yet.'),
    laneVideo: t('Video'),
    laneAudio: t('Audio'),
    laneText: t('Text'),
    laneOther: t('Other'),
  };
}

/** The one action that fixes each kind of problem. */
export function actionFor(reason: PreviewReason | 'noSession' | 'noSound', t: Tr): { id: PreviewActionId; label: string } {
  switch (reason) {
    case 'empty':
    case 'noSession':
      return { id: 'openChat', label: t('Open Chat') };
    case 'missing-source':
      return { id: 'upload', label: t('Upload Media…') };
    case 'ffmpeg':
    case 'noSound':
      return { id: 'ffmpegSettings', label: t('Set the ffmpeg Path') };
    case 'unsupported':
      return { id: 'export', label: t('Export') };
    default:
      return { id: 'retry', label: t('Try Again') };
  }
}
