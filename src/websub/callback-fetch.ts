// Calls to subscribers' callbacks and to external hubs: never follows a redirect (a callback
// could send the hub anywhere), gives up after CALLBACK_TIMEOUT_MS, and reads at most a
// little of the answer.
import { CALLBACK_TIMEOUT_MS } from "./hub-rules.ts";

export type OutboundFetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface CallbackAnswer {
  status: number;
  /** The start of the body, as text. */
  text: string;
}

/**
 * The callback with the hub's parameters added to its query (W3C WebSub 5.3): its own query
 * stays as the subscriber wrote it, byte for byte, since it may carry a signed token.
 */
export function callbackWith(callback: string, params: Record<string, string>): string {
  return `${callback}${callback.includes("?") ? "&" : "?"}${new URLSearchParams(params)}`;
}

/** The answer, or the reason there was none (network error, timeout). `site` names the hub in User-Agent, for the subscriber's logs and firewall. */
export async function callCallback(fetcher: OutboundFetch | undefined, url: string, init: RequestInit, maxBytes: number, site: string): Promise<CallbackAnswer | { error: string }> {
  const call = fetcher ?? ((u: string, i?: RequestInit) => fetch(u, { ...i, redirect: "manual" }));
  const headers = new Headers(init.headers);
  headers.set("User-Agent", `Herald-WebSub/1 (+${site})`);
  let res: Response;
  try {
    res = await call(url, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS) });
  } catch (err) {
    return { error: err instanceof Error && err.name === "TimeoutError" ? `no answer within ${CALLBACK_TIMEOUT_MS / 1000} s` : `could not be reached (${String((err as Error)?.message ?? err).slice(0, 120)})` };
  }
  return { status: res.status, text: await readStart(res, maxBytes) };
}

async function readStart(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A body cut short is read as far as it came.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) all.set(c, (offset += c.length) - c.length);
  return new TextDecoder().decode(all.slice(0, maxBytes));
}
