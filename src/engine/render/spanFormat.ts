// What a span render produces, as data: the encoder and container of the video spans, of the whole audio
// and of the joined output. Two formats exist — the YouTube upload (H.264 spans in MPEG-TS, AAC, MP4) and
// the preview proxy (VP8 spans in WebM, Vorbis, WebM; src/core/media/proxyProfile.ts) — and both go
// through the same span render and the same cache. The format's id and its encoder arguments are part of
// every cache key, so an export span can never stand in for a proxy span or the other way round.
import type { LoudnessMethod } from './audioGraph';
import { audioEncodeArgs, mp4MuxArgs, primingTrim, videoEncodeArgs } from './encodeArgs';

export interface SpanFormat {
  /** Names the format in every key (besides its arguments). */
  id: string;
  /** Video encoder arguments (no audio, no muxer). */
  video(width: number, height: number, fps: number, preset: string): string[];
  /** ffmpeg muxer of one span, and the cached span's file extension. */
  spanMuxer: string;
  spanExt: string;
  /** Audio encoder arguments, muxer and extension of the cached audio. */
  audio(): readonly string[];
  audioMuxer: string;
  audioExt: string;
  /** How the mix is normalised (audioGraph.ts): the upload's two-pass loudnorm, or the proxy's measured gain. */
  loudness: LoudnessMethod;
  /** Filter applied to the normalised mix before encoding (AAC's priming compensation), or null. */
  audioTrim: string | null;
  /** Give the concat demuxer each span's exact length (containers whose clock is coarser than a frame). */
  concatDurations: boolean;
  /** Muxer arguments of the joined output (including `-f`). */
  mux(): readonly string[];
  outExt: string;
}

export const EXPORT_SPAN_FORMAT: SpanFormat = {
  id: 'youtube-mp4',
  video: videoEncodeArgs,
  spanMuxer: 'mpegts',
  spanExt: '.m2ts',
  audio: audioEncodeArgs,
  audioMuxer: 'mp4',
  audioExt: '.m4a',
  loudness: 'loudnorm',
  audioTrim: primingTrim(),
  concatDurations: false,
  mux: mp4MuxArgs,
  outExt: '.mp4',
};
