// Where a link or image written in a post points, as the site sees it.
const BASE = "https://herald.invalid";

/**
 * Resolves a URL written in the post `slug` to an absolute http(s)/mailto URL or a
 * root-relative path (`/posts/…`, `/images/…`). Links to `other-post.md` become the
 * other post's page. Returns undefined for anything else (e.g. `javascript:`), which
 * the caller drops.
 */
export function resolveContentUrl(url: string, slug: string): string | undefined {
  // Browsers ignore tabs, newlines and other controls inside URLs ("java&#9;script:"), so we do too.
  const trimmed = url.replace(/[\u0000-\u001f\u007f\s]+/g, "");
  if (trimmed === "") return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    return /^(https?|mailto):/i.test(trimmed) ? trimmed : undefined;
  }
  if (trimmed.startsWith("//") || trimmed.includes("\\")) return undefined;
  const resolved = new URL(trimmed, `${BASE}/posts/${slug}`);
  if (resolved.origin !== BASE) return undefined;
  let path = resolved.pathname;
  const md = /\/([^/]+)\.md$/.exec(path);
  if (md) path = `/posts/${md[1]}`;
  return `${path}${resolved.search}${resolved.hash}`;
}
