// Conditional GET (RFC 9110 §13): validators for a representation and the 304 decision.

/** A strong ETag from the parts that determine a representation's bytes. */
export function etagOf(parts: readonly (string | number)[]): string {
  // cyrb53: a fast 53-bit string hash; a collision could only make a client keep a stale copy.
  const text = parts.join("\u0000");
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `"${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}"`;
}

/**
 * Whether a GET/HEAD may be answered 304. If-None-Match wins when present and is
 * compared weakly (a CDN may turn our ETag into W/"…" when it compresses);
 * If-Modified-Since is consulted only without it, at one-second precision.
 */
export function isNotModified(headers: Headers, etag: string, lastModifiedMs: number | undefined): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return true;
    const ours = opaque(etag);
    return ifNoneMatch.split(",").some((candidate) => opaque(candidate.trim()) === ours);
  }
  const ifModifiedSince = headers.get("if-modified-since");
  if (ifModifiedSince === null || lastModifiedMs === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModifiedMs / 1000) * 1000 <= since;
}

function opaque(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}
