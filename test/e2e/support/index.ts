// Everything an e2e test needs, from one import: `import { useWorkbench, runCommand, … } from './support';`
export { useWorkbench, type Workbench, type WorkbenchOptions } from './harness';
export {
  waitForWorkbench, activityBarItem, openActivityContainer, sideBarViewTitles, paletteCommands, runCommand,
  webviewFrame, screenshot, SCREENSHOT_DIR, waitForBrowserStorage, type WebviewQuery,
} from './workbench';
export { startCodeServer, freePort, repoRoot, type CodeServer, type CodeServerOptions } from './codeServer';
export { launchChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';
export { EXTENSION_ID, installExtensionCopy, installExtensionVsix } from './extensionInstall';
export { THEMES, userSettings, type UserSettingsOptions } from './userSettings';
export { registerEmptyLanguagePack } from './locale';
export { packageVsix, vsceFileList } from './vsix';
export { WEBVIEW_PROBE_FIXTURE, WEBVIEW_PROBE_ID } from './fixtures';
