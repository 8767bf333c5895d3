// Uploads files and/or URLs with ONE cancellable progress notification showing bytes sent (a cancel button
// only exists for ProgressLocation.Notification). Cancelling aborts the request; nothing is half-kept
// because the server only takes whole multipart bodies. Shared by the Generate/Upload commands and the
// agents' generate tool, so an agent's upload shows the same notification as the user's.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes, type UploadResult, type Workflow } from '../../core';
import type { Services } from '../services';
import type { Tr } from './l10n';

/** `signal`: a caller's Stop (an agent's cancellation), the same as the notification's Cancel button. */
export async function uploadWithProgress(env: { readonly services: Services; readonly tr: Tr }, workflow: Workflow, items: string[], signal?: AbortSignal): Promise<UploadResult> {
  const { tr, services } = env;
  const names = items.map((i) => (/^https?:\/\//i.test(i) ? i : path.basename(i)));
  const title = items.length === 1 ? tr('Uploading {0}', names[0] ?? '') : tr('Uploading {0} files', items.length);
  const started = Date.now();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      const onStop = (): void => controller.abort();
      if (signal?.aborted) controller.abort();
      signal?.addEventListener('abort', onStop, { once: true });
      let reportedPct = 0;
      let total = 0;
      try {
        const result = await workflow.upload(items, {
          signal: controller.signal,
          onProgress: (p) => {
            total = p.totalBytes;
            const pct = p.totalBytes > 0 ? Math.floor((p.sentBytes / p.totalBytes) * 100) : 0;
            // withProgress takes increments; report only forward steps so the bar never jumps back.
            const increment = Math.max(0, pct - reportedPct);
            reportedPct = Math.max(reportedPct, pct);
            progress.report({ increment, message: tr('{0} of {1}', formatBytes(p.sentBytes), formatBytes(p.totalBytes)) });
          },
        });
        const secs = (Date.now() - started) / 1000;
        services.logger.info(`upload: ${items.length} item(s), ${total} bytes in ${secs.toFixed(1)} s → ${result.files.map((f) => f.filename ?? '?').join(', ')}`);
        return result;
      } finally {
        sub.dispose();
        signal?.removeEventListener('abort', onStop);
      }
    },
  );
}
