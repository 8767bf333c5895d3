// zod schemas for every answer's `data`. Plain z.object strips unknown keys (forward compatible); numbers
// and ids are coerced where servers disagree (numeric vs string session ids, "12" vs 12).
import * as z from 'zod';
import { filmstripLayout, waveformPeaks } from '../../shared/previewManifest';

const id = z.union([z.string(), z.number()]).transform((v) => String(v));
const lenientNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Number(v));

export const anonTokenData = z.object({
  token: z.string().min(1),
  user_id: id.optional(),
  expires_at: z.string().optional(),
  credits: lenientNumber.optional(),
});

export const sessionData = z.object({
  task_id: id,
  session_id: id,
  user_id: id.optional(),
});

export const claimData = z.object({
  claim_token: z.string().min(1),
  expires_in: lenientNumber.optional(),
});

export const uploadedFile = z.looseObject({
  filename: z.string().optional(),
  file_type: z.string().optional(),
  cdn_url: z.string().optional(),
  duration: lenientNumber.optional(),
  width: lenientNumber.optional(),
  height: lenientNumber.optional(),
  fps: lenientNumber.optional(),
  hash: z.string().optional(),
});

export const uploadData = z.object({
  files: z.array(uploadedFile).default([]),
  session_state_applied: z.unknown().optional(),
});

export const creditsData = z.object({
  available: lenientNumber,
  frozen: lenientNumber.optional(),
  total: lenientNumber.optional(),
});

export const stateData = z.object({
  session_id: id.optional(),
  task_id: id.optional(),
  state: z
    .looseObject({
      draft: z.unknown().optional(),
      video_infos: z.unknown().optional(),
      canvas_config: z.unknown().optional(),
      video_analyses: z.unknown().optional(),
      generated_media: z.unknown().optional(),
    })
    .nullish()
    .transform((s) => s ?? {}),
});

export type AnonTokenData = z.infer<typeof anonTokenData>;
export type SessionData = z.infer<typeof sessionData>;
export type ClaimData = z.infer<typeof claimData>;
export type UploadedFile = z.infer<typeof uploadedFile>;
export type UploadData = z.infer<typeof uploadData>;
export type CreditsData = z.infer<typeof creditsData>;
export type StateData = z.infer<typeof stateData>;

/** Engine-only preview endpoint (local backend): status of the proxy of the session's current draft. */
export const previewData = z.object({
  key: z.string().max(64),
  status: z.enum(['processing', 'completed', 'failed']),
  progress: lenientNumber.default(0),
  reason: z.enum(['empty', 'missing-source', 'ffmpeg', 'failed']).optional(),
  error: z.string().optional(),
  durationMs: lenientNumber.optional(),
  width: lenientNumber.optional(),
  height: lenientNumber.optional(),
  fps: lenientNumber.optional(),
  size: lenientNumber.optional(),
  proxyUrl: z.string().optional(),
  filmstripUrl: z.string().optional(),
  filmstrip: filmstripLayout.optional(),
  peaks: waveformPeaks.optional(),
});

export type PreviewData = z.infer<typeof previewData>;
