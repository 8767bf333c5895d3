// Instruction → intents. Each edit family (./families/) reads its own intents with plain regular
// expressions (English and the same intents in Chinese), deterministic and explainable; this is the union
// of their intent types and the one function that runs every family's reader in registry order.
import type { AspectIntent } from './families/aspect';
import type { AudioCleanIntent } from './families/audioClean';
import type { CannotIntent } from './families/cannot';
import type { CardIntent } from './families/cards';
import type { ClarifyIntent } from './families/clarify';
import type { CutIntent } from './families/cuts';
import type { GenerateIntent } from './families/generate';
import { FAMILIES } from './families/index';
import type { LogoIntent } from './families/logo';
import type { LookIntent } from './families/looks';
import type { LowerThirdIntent } from './families/lowerThird';
import type { MusicIntent } from './families/music';
import type { MusicFadeIntent } from './families/musicFade';
import type { OrderIntent } from './families/order';
import type { PipIntent } from './families/pip';
import type { RemoveClipIntent } from './families/removeClip';
import type { SilenceIntent } from './families/silences';
import type { SpeedIntent } from './families/speed';
import type { SubscribeIntent } from './families/subscribe';
import type { CaptionsBurnIntent } from './families/captions';
import type { TitleIntent } from './families/titles';
import type { TransitionIntent } from './families/transitions';
import type { ZoomIntent } from './families/zoom';
import { scan } from './scan';

export type { CutMode } from './families/cuts';
export type { OrderOp } from './families/order';

export type Intent =
  | GenerateIntent | CardIntent | TitleIntent | CutIntent | SilenceIntent | MusicIntent | MusicFadeIntent
  | TransitionIntent | AspectIntent | OrderIntent | CannotIntent | ClarifyIntent | SpeedIntent | LookIntent
  | ZoomIntent | LowerThirdIntent | SubscribeIntent | LogoIntent | PipIntent | AudioCleanIntent | RemoveClipIntent
  | CaptionsBurnIntent;

/** All intents in a message, in the order the planner applies them (registry order, not typing order). */
export function parseIntents(message: string): Intent[] {
  const s = scan(message);
  const out: Intent[] = [];
  for (const f of FAMILIES) f.parse(s, message, out);
  return out;
}
