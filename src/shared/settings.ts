// Pure settings resolution (no vscode import, tested in plain Node): raw values as VS Code hands them over,
// plus the environment, become one validated Settings object and a list of warnings to show the user.
// Bad values never break the extension: each falls back to its default with a warning that says what to fix.

export type BackendKind = 'cloud' | 'local';
export type UiLanguage = 'en' | 'zh';

export interface Settings {
  backend: BackendKind;
  apiUrl: string;
  webUrl: string;
  defaultPrompt: string;
  outputFolder: string;
  pollIntervalMs: number;
  language: UiLanguage;
  ffmpegPath: string;
  showCreditsInStatusBar: boolean;
  /** Write the YouTube upload kit next to every export. */
  uploadKit: boolean;
  whisperCliPath: string;
  whisperModel: string;
  /** Local engine's render cache size limit in MB (0 = no cache); env GENERATOR_YOUTUBE_RENDER_CACHE_MB wins. */
  renderCacheMaxMB: number;
}

export interface SettingsWarning {
  setting: string;
  message: { en: string; zh: string };
}

export const DEFAULTS = {
  apiUrl: 'https://mega-api-prod.nemovideo.ai',
  webUrl: 'https://nemovideo.com',
  defaultPrompt: 'generate a YouTube-ready video with intro, cuts, and outro from my raw footage',
  pollIntervalSeconds: 30,
  renderCacheMaxMB: 2048,
} as const;

const CACHE_MB_MAX = 1024 * 1024;

const POLL_MIN = 2;
const POLL_MAX = 600;

/** Raw values; anything may be missing or of the wrong type (settings.json is hand-edited). */
export type RawSettings = Partial<Record<keyof Settings | 'pollIntervalSeconds', unknown>>;

export function resolveSettings(
  raw: RawSettings,
  env: Record<string, string | undefined>,
  displayLanguage: string,
): { settings: Settings; warnings: SettingsWarning[] } {
  const warnings: SettingsWarning[] = [];
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v.trim() : d);

  const backend: BackendKind = raw.backend === 'local' ? 'local' : 'cloud';
  const apiUrl = resolveUrl('generatorYoutube.apiUrl', env.NEMO_API_URL ?? str(raw.apiUrl, DEFAULTS.apiUrl), DEFAULTS.apiUrl, backend, warnings);
  const webUrl = resolveUrl('generatorYoutube.webUrl', env.NEMO_WEB_URL ?? str(raw.webUrl, DEFAULTS.webUrl), DEFAULTS.webUrl, backend, warnings);

  let pollSeconds: number = DEFAULTS.pollIntervalSeconds;
  if (raw.pollIntervalSeconds !== undefined) {
    const n = Number(raw.pollIntervalSeconds);
    if (!Number.isFinite(n) || n < POLL_MIN || n > POLL_MAX) {
      pollSeconds = Number.isFinite(n) ? Math.min(POLL_MAX, Math.max(POLL_MIN, n)) : DEFAULTS.pollIntervalSeconds;
      warnings.push({
        setting: 'generatorYoutube.pollIntervalSeconds',
        message: {
          en: `Poll interval ${String(raw.pollIntervalSeconds)} is outside ${POLL_MIN}–${POLL_MAX} seconds; using ${pollSeconds}.`,
          zh: `轮询间隔 ${String(raw.pollIntervalSeconds)} 不在 ${POLL_MIN}–${POLL_MAX} 秒范围内，改用 ${pollSeconds}。`,
        },
      });
    } else {
      pollSeconds = n;
    }
  }

  const cacheRaw = env.GENERATOR_YOUTUBE_RENDER_CACHE_MB ?? raw.renderCacheMaxMB;
  let renderCacheMaxMB: number = DEFAULTS.renderCacheMaxMB;
  if (cacheRaw !== undefined && cacheRaw !== '') {
    const n = Number(cacheRaw);
    if (!Number.isFinite(n) || n < 0 || n > CACHE_MB_MAX) {
      warnings.push({
        setting: 'generatorYoutube.renderCacheMaxMB',
        message: {
          en: `Render cache size ${String(cacheRaw)} MB is not a number from 0 to ${CACHE_MB_MAX}; using ${DEFAULTS.renderCacheMaxMB} MB.`,
          zh: `渲染缓存大小 ${String(cacheRaw)} MB 不是 0 到 ${CACHE_MB_MAX} 之间的数字，改用 ${DEFAULTS.renderCacheMaxMB} MB。`,
        },
      });
    } else renderCacheMaxMB = Math.floor(n);
  }

  const lang = raw.language === 'en' ? 'en' : raw.language === 'zh-cn' ? 'zh' : displayLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const prompt = str(raw.defaultPrompt, DEFAULTS.defaultPrompt);

  return {
    settings: {
      backend,
      apiUrl,
      webUrl,
      defaultPrompt: prompt.length > 0 ? prompt : DEFAULTS.defaultPrompt,
      outputFolder: str(raw.outputFolder, ''),
      pollIntervalMs: Math.round(pollSeconds * 1000),
      language: lang,
      ffmpegPath: str(raw.ffmpegPath, ''),
      showCreditsInStatusBar: raw.showCreditsInStatusBar !== false,
      uploadKit: raw.uploadKit !== false,
      whisperCliPath: str(raw.whisperCliPath, ''),
      whisperModel: str(raw.whisperModel, ''),
      renderCacheMaxMB,
    },
    warnings,
  };
}

function resolveUrl(setting: string, value: string, fallback: string, backend: BackendKind, warnings: SettingsWarning[]): string {
  let url: URL;
  try {
    url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
  } catch {
    warnings.push({
      setting,
      message: {
        en: `"${value}" is not a valid http(s) URL; using ${fallback}. Fix ${setting} in your user settings.`,
        zh: `“${value}”不是有效的 http(s) 地址，改用 ${fallback}。请在用户设置中修改 ${setting}。`,
      },
    });
    return fallback;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (backend === 'cloud' && url.protocol === 'http:' && !loopback) {
    warnings.push({
      setting,
      message: {
        en: `${setting} uses plain http:// — your token would travel unencrypted. Use https:// unless this is a test server.`,
        zh: `${setting} 使用明文 http://，令牌将以未加密方式传输。除非是测试服务器，请改用 https://。`,
      },
    });
  }
  return value.replace(/\/+$/, '');
}
