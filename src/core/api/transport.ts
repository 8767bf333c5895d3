// The transport seam. The extension passes VS Code's patched global fetch (proxy, PAC, system certificates);
// the CLI and tests use Node's global fetch. undici is never imported at module load: merely loading it
// installs a process-wide dispatcher (field notes), so the opt-in undici transport loads it lazily, and
// nothing here calls setGlobalDispatcher.

export type Transport = (url: string, init: RequestInit & { duplex?: 'half' }) => Promise<Response>;

/** Node's / the editor's global fetch, looked up at call time (VS Code patches it after load). */
export const globalFetchTransport: Transport = (url, init) => globalThis.fetch(url, init as RequestInit);

/**
 * undici's own fetch, loaded on first use. For the CLI when the caller wants undici's newer fetch than the
 * one bundled with Node. Types differ slightly from the DOM ones, hence the casts at this one boundary.
 */
export function undiciTransport(): Transport {
  let loaded: Promise<(url: string, init: unknown) => Promise<unknown>> | undefined;
  return async (url, init) => {
    loaded ??= import('undici').then((m) => m.fetch as unknown as (url: string, init: unknown) => Promise<unknown>);
    const f = await loaded;
    return (await f(url, init)) as Response;
  };
}
