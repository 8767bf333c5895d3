// The registry: every edit family, in the order their patterns read a message. Order matters because each
// family masks the words it used: refusals and questions first (so "make it snappier" never becomes a speed
// change), then families whose words others would misread (music fades before music, lower thirds before
// titles, zoom before aspect's "fill"), the canvas last. Edits are applied in this order too.
import type { Family } from '../turn';
import { aspect } from './aspect';
import { audioClean } from './audioClean';
import { cannot } from './cannot';
import { captions } from './captions';
import { cards } from './cards';
import { clarify } from './clarify';
import { cuts } from './cuts';
import { generate } from './generate';
import { logo } from './logo';
import { looks } from './looks';
import { lowerThird } from './lowerThird';
import { music } from './music';
import { musicFade } from './musicFade';
import { order } from './order';
import { pip } from './pip';
import { removeClip } from './removeClip';
import { silences } from './silences';
import { speed } from './speed';
import { subscribe } from './subscribe';
import { titles } from './titles';
import { transitions } from './transitions';
import { zoom } from './zoom';

export const FAMILIES: ReadonlyArray<Family<never>> = [
  // captions first: "burn the captions in" must not reach cannot's caption refusal
  captions, cannot, clarify, generate, cards, lowerThird, subscribe, logo, pip, titles, cuts, silences, musicFade, music,
  audioClean, speed, zoom, looks, transitions, removeClip, order, aspect,
] as unknown as ReadonlyArray<Family<never>>;
