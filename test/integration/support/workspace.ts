// The workspace folder every integration run opens: a fresh temp folder holding the shared test media
// (test/support/media.ts: small ffmpeg-made clips). Tests inside VS Code find the files at
// `vscode.workspace.workspaceFolders[0]` under the names in WORKSPACE_MEDIA.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testMedia, type TestMedia } from '../../support/media';

type MediaKey = Exclude<keyof TestMedia, 'dir'>;

/** File names in the integration workspace (the same names test/support/media.ts gives them). */
export const WORKSPACE_MEDIA: Readonly<Record<MediaKey, string>> = {
  clip: 'clip.mp4',
  clip2: 'clip2.mp4',
  silences: 'talk-with-silences.mp4',
  vertical: 'vertical.mp4',
  music: 'music.mp3',
  tone: 'tone.wav',
  still: 'still.png',
};

/** Fills `dir` with the test media (generated once per process by test/support/media.ts, then copied). */
export async function createMediaWorkspace(dir: string): Promise<void> {
  const media = await testMedia();
  fs.mkdirSync(dir, { recursive: true });
  for (const [key, name] of Object.entries(WORKSPACE_MEDIA) as [MediaKey, string][]) {
    fs.copyFileSync(media[key], path.join(dir, name));
  }
}
