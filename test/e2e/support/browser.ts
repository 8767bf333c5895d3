// Debian's Chromium driven by playwright-core (no browser download). The flags are the ones that work
// as root in a container with no GPU (field notes).
import { chromium, type Browser } from 'playwright-core';
import * as fs from 'node:fs';

export const CHROMIUM_PATH = process.env.GY_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run bash scripts/ensure-system-deps.sh test (Debian package chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
