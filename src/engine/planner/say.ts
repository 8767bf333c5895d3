// Every user-facing sentence of the planner goes through here, in English and Simplified Chinese.
// The core's language type (the engine may import the core): one definition of which languages exist.
import type { Lang } from '../../core/i18n';
export type { Lang };

export function say(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}

/** "City Timelapse" from "city_timelapse-01.mp4": the default title when the user gives none. */
export function titleFromFilename(filename: string): string {
  const base = filename.replace(/\.[^.]+$/, '').replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!base) return 'My Video';
  return base.replace(/\b([a-z])/g, (c) => c.toUpperCase());
}
