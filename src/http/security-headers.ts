// Security headers for every answer, and the Content-Security-Policy for each kind of page.
// Site pages need no script and no inline style: styles come from /style.css. The web
// versions of emails carry the email's own inline styles (~100 `style=` attributes and
// <style> blocks, which hashes cannot cover without 'unsafe-hashes'), so they may apply
// inline styles, and nothing more. No page may load anything from another site.
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../app-env.ts";

export type PageKind = "site" | "email";

const STYLES: Record<PageKind, string> = { site: "'self'", email: "'unsafe-inline'" };

/** Cloudflare Turnstile's widget, when the operator turns it on: its script and its frame. */
const TURNSTILE = "https://challenges.cloudflare.com";

/**
 * Links and images are built from SITE_URL, which may be another name for this origin. With
 * Turnstile on, site pages (the ones with the subscribe form) may run its script and frame.
 */
export function contentSecurityPolicy(kind: PageKind, siteUrl: string | undefined, turnstile = false): string {
  const own = ["'self'", ...(siteUrl ? [new URL(siteUrl).origin] : [])].join(" ");
  return [
    "default-src 'none'",
    `style-src ${STYLES[kind]}`,
    ...(turnstile && kind === "site" ? [`script-src ${TURNSTILE}`, `frame-src ${TURNSTILE}`, `connect-src ${TURNSTILE}`] : []),
    `img-src ${own}`,
    `form-action ${own}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The desk's pages (/admin): the site's rules, and a script only where a page brings one,
 * allowed by this answer's nonce. The desk may frame its own email preview and fetch its
 * own progress; nothing else.
 */
export function deskPolicy(siteUrl: string, nonce?: string): string {
  const own = ["'self'", new URL(siteUrl).origin].join(" ");
  return [
    "default-src 'none'",
    "style-src 'self'",
    ...(nonce ? [`script-src 'nonce-${nonce}'`, "connect-src 'self'"] : []),
    `img-src ${own}`,
    "frame-src 'self'",
    `form-action ${own}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * An email's web version that the desk frames (its preview): the email's own policy, but
 * framed by this origin's pages (and no other's), where every other answer refuses frames.
 */
export function useFramedEmailPolicy(c: Context<AppEnv>): void {
  c.header("Content-Security-Policy", contentSecurityPolicy("email", c.get("config").siteUrl).replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  c.set("frameable", true);
}

/** Marks the answer as an email's web version (see contentSecurityPolicy). */
export function useEmailPagePolicy(c: Context<AppEnv>): void {
  c.header("Content-Security-Policy", contentSecurityPolicy("email", c.get("config").siteUrl));
}

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const others = secureHeaders({
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    // Feeds and images may be read from other origins (web feed readers).
    crossOriginResourcePolicy: "cross-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  return async (c, next) => {
    await others(c, next);
    if (c.get("frameable")) {
      c.res.headers.set("X-Frame-Options", "SAMEORIGIN");
      // The desk frames it in an empty sandbox, so it has an opaque origin: Chromium cannot key
      // it by origin as the header asks and warns on every preview; the sandbox isolates it more.
      c.res.headers.delete("Origin-Agent-Cluster");
    }
    const config = c.get("config");
    if (!c.res.headers.has("Content-Security-Policy")) c.res.headers.set("Content-Security-Policy", contentSecurityPolicy("site", config?.siteUrl, config?.turnstile !== undefined));
  };
}
