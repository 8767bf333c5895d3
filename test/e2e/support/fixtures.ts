// Test-only extensions that live in the source tree (never packaged; .vscodeignore excludes test/).
import * as path from 'node:path';
import { repoRoot } from './paths';

/** Opens a webview panel with `<h1 id="probe">` at startup: proves webviewFrame() finds webview content. */
export const WEBVIEW_PROBE_FIXTURE = path.join(repoRoot, 'test', 'e2e', 'support', 'fixture-webview');
export const WEBVIEW_PROBE_ID = 'generator-youtube-tests.webview-probe';
