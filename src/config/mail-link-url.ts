// Which base URLs mail may link to. One-click unsubscribe (RFC 8058) needs https; plain
// http is only for a site on this machine (local runs and tests), never for a public host.

/** Hosts that are this machine: localhost, 127.0.0.0/8 and [::1] (a URL's hostname, as the parser gives it). */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(hostname);
}

export function isMailLinkUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname));
}
