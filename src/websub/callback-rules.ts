// Which callback URLs the hub will call. The hub makes requests on a stranger's behalf, so in
// production it calls only https URLs on public names: no IP literals, no loopback, no
// private or link-local ranges. A site served from this machine (local runs, tests) may use
// loopback callbacks over http, since its subscribers are on the same machine.
import { MAX_CALLBACK_LENGTH } from "./hub-rules.ts";

export type CallbackCheck = { ok: true; url: URL; host: string } | { ok: false; message: string };

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function checkCallback(raw: string, siteUrl: string): CallbackCheck {
  if (raw.length > MAX_CALLBACK_LENGTH) return { ok: false, message: `must be at most ${MAX_CALLBACK_LENGTH} characters` };
  if (!URL.canParse(raw)) return { ok: false, message: "must be an absolute http(s) URL" };
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "must be an http(s) URL" };
  if (url.username || url.password) return { ok: false, message: "must not carry a user name or password" };
  if (url.hash) return { ok: false, message: "must not have a #fragment" };
  const host = url.hostname.toLowerCase();
  const local = isSiteLocal(siteUrl);
  if (local && LOOPBACK.test(host)) return { ok: true, url, host };
  if (url.protocol !== "https:") return { ok: false, message: "must be an https URL" };
  if (LOOPBACK.test(host) || host.endsWith(".localhost")) return { ok: false, message: "must not point at this machine (localhost or loopback)" };
  if (isIpLiteral(host)) return { ok: false, message: "must name a host, not an IP address" };
  if (!host.includes(".") || host.endsWith(".local") || host.endsWith(".internal")) return { ok: false, message: "must be a public host name" };
  return { ok: true, url, host };
}

/** The site runs on this machine: local runs and tests. */
function isSiteLocal(siteUrl: string): boolean {
  return LOOPBACK.test(new URL(siteUrl).hostname);
}

/**
 * IPv6 literals come bracketed; IPv4 is any host the URL parser reads as numbers (it turns
 * 0x7f.1, 2130706433 and 127.1 into dotted form, so these are caught here too).
 */
function isIpLiteral(host: string): boolean {
  return host.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
