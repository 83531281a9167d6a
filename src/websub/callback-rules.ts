// Which callback URLs the hub will call. The hub makes requests on a stranger's behalf, so in
// production it calls only https URLs on public names, on the usual https ports: no IP
// literals, no loopback, no private or link-local names, not the site itself. Only the name
// is checked: a public name that resolves to a private address is not caught here, which a
// Worker on Cloudflare's edge cannot reach anyway (see README). A site served from this
// machine (local runs, tests) may use loopback callbacks over http, since its subscribers are
// on the same machine.
import { isLoopback } from "../config/mail-link-url.ts";
import { MAX_CALLBACK_LENGTH } from "./hub-rules.ts";

export type CallbackCheck = { ok: true; url: URL; host: string; domain: string } | { ok: false; message: string };

/** Names that are never public: RFC 6761 and 6762, and the cloud providers' internal ones. */
const PRIVATE_SUFFIXES = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet", ".corp"];
const HTTPS_PORTS = new Set(["", "443", "8443"]);

export function checkCallback(raw: string, siteUrl: string): CallbackCheck {
  if (raw.length > MAX_CALLBACK_LENGTH) return { ok: false, message: `must be at most ${MAX_CALLBACK_LENGTH} characters` };
  if (!URL.canParse(raw)) return { ok: false, message: "must be an absolute http(s) URL" };
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "must be an http(s) URL" };
  if (url.username || url.password) return { ok: false, message: "must not carry a user name or password" };
  // A bare "#" leaves url.hash empty, so the text is looked at too.
  if (url.hash || raw.includes("#")) return { ok: false, message: "must not have a #fragment" };
  // "example.org." and "example.org" are one host; the rules below read the name without its final dot.
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const local = isSiteLocal(siteUrl);
  if (local && isLoopback(host)) return { ok: true, url, host, domain: host };
  if (url.protocol !== "https:") return { ok: false, message: "must be an https URL" };
  if (isLoopback(host) || host.endsWith(".localhost")) return { ok: false, message: "must not point at this machine (localhost or loopback)" };
  if (isIpLiteral(host)) return { ok: false, message: "must name a host, not an IP address" };
  if (!host.includes(".") || PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) return { ok: false, message: "must be a public host name" };
  if (!HTTPS_PORTS.has(url.port)) return { ok: false, message: "must use the https port (443, or 8443)" };
  if (host === new URL(siteUrl).hostname.toLowerCase().replace(/\.$/, "")) return { ok: false, message: "must not be this site itself" };
  return { ok: true, url, host, domain: registrableDomain(host) };
}

/** The site runs on this machine: local runs and tests. */
function isSiteLocal(siteUrl: string): boolean {
  return isLoopback(new URL(siteUrl).hostname);
}

/**
 * IPv6 literals come bracketed; IPv4 is any host the URL parser reads as numbers (it turns
 * 0x7f.1, 2130706433 and 127.1 into dotted form, so these are caught here too).
 */
function isIpLiteral(host: string): boolean {
  return host.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/**
 * The name a person registers, roughly, for the caps: the last two labels, or three where the
 * second-level label is a short public one under a country code (example.co.uk, example.com.au).
 * Without the Public Suffix List this errs towards counting hosts together, which is the
 * safe side for a cap: a.evil.example and b.evil.example share one.
 */
export function registrableDomain(host: string): string {
  const labels = host.split(".");
  if (labels.length <= 2) return host;
  const [second, tld] = labels.slice(-2) as [string, string];
  const takesThree = tld.length === 2 && second.length <= 3;
  return labels.slice(takesThree ? -3 : -2).join(".");
}
