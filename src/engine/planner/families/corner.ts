// Corners as people name them (EN/ZH), shared by the logo and picture-in-picture families.
import type { Corner } from '../format';

export function cornerIn(text: string): Corner | null {
  const top = /\b(?:top|upper)\b|上/.test(text);
  const bottom = /\b(?:bottom|lower)\b|下/.test(text);
  const left = /\bleft\b|左/.test(text);
  const right = /\bright\b|右/.test(text);
  if (top && left) return 'top-left';
  if (top && right) return 'top-right';
  if (bottom && left) return 'bottom-left';
  if (bottom && right) return 'bottom-right';
  return null;
}

export const CORNER_NAME: Record<Corner, [string, string]> = {
  'top-left': ['top-left', '左上角'],
  'top-right': ['top-right', '右上角'],
  'bottom-left': ['bottom-left', '左下角'],
  'bottom-right': ['bottom-right', '右下角'],
};
