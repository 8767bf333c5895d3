// The first instruction of a generated video. The aspect ratio has no API field: it is asked for in the
// message (contract). Always English: the editor's planner and the cloud agent both read English best.
export type Aspect = '16:9' | '9:16' | '1:1';

export const ASPECTS: readonly Aspect[] = ['16:9', '9:16', '1:1'];

export const DEFAULT_PROMPT = 'generate a YouTube-ready video with intro, cuts, and outro from my raw footage';

export function promptWithAspect(prompt: string, aspect: Aspect | undefined): string {
  if (aspect === '9:16') return `${prompt}, vertical 9:16 for Shorts`;
  if (aspect === '16:9') return `${prompt}, horizontal 16:9 for YouTube`;
  if (aspect === '1:1') return `${prompt}, square 1:1`;
  return prompt;
}
