// The desk's page shell: its navigation, a sign-out button, and the Content-Security-Policy
// of the answer (a nonce only on a page that brings a script). Every page works without it.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { AppEnv } from "../app-env.ts";
import { deskPolicy } from "../http/security-headers.ts";
import type { Html } from "../pages/layout.ts";
import { STYLE_PATH } from "../pages/style.ts";
import { CSRF_FIELD } from "./desk-guard.ts";
import { randomHex } from "./desk-session.ts";
import { DESK_STYLE_PATH } from "./desk-style.ts";

export type DeskSection = "today" | "sends" | "subscribers" | "alerts";

const SECTIONS: { section: DeskSection; path: string; label: string }[] = [
  { section: "today", path: "/admin", label: "Today" },
  { section: "sends", path: "/admin/sends", label: "Sends" },
  { section: "subscribers", path: "/admin/subscribers", label: "Subscribers" },
  { section: "alerts", path: "/admin/alerts", label: "Alerts" },
];

export interface DeskPageProps {
  title: string;
  /** The section the page belongs to (marked in the navigation); none for sign-in and errors. */
  section?: DeskSection;
  body: Html;
  /** A script of the page's own (a small one), run under this answer's nonce. */
  script?: string;
  /** Seconds after which the page reloads itself, for readers without the script (live progress). */
  refreshSeconds?: number;
}

/** The hidden field every state-changing desk form carries. */
export function csrfField(c: Context<AppEnv>): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${c.get("desk")?.csrf ?? ""}">`;
}

/** Renders a desk page; `status` for error pages. */
export function deskPage(c: Context<AppEnv>, props: DeskPageProps, status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 = 200): Response | Promise<Response> {
  const nonce = props.script ? randomHex(16) : undefined;
  c.header("Content-Security-Policy", deskPolicy(c.get("config").siteUrl, nonce));
  c.header("Cache-Control", "no-store");
  return c.html(deskDocument(c, props, nonce), status);
}

export function deskDocument(c: Context<AppEnv>, props: DeskPageProps, nonce?: string): Html {
  const config = c.get("config");
  const signedIn = c.get("desk") !== undefined;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
${props.refreshSeconds ? refreshMeta(props.refreshSeconds, c.req.path, props.script !== undefined) : ""}
<title>${props.title} — ${config.siteTitle} desk</title>
<link rel="stylesheet" href="${STYLE_PATH}">
<link rel="stylesheet" href="${DESK_STYLE_PATH}">
</head>
<body class="desk">
<a class="visually-hidden" href="#main">Skip to the page</a>
<header class="site"><a class="brand" href="/admin">${config.siteTitle} desk</a>
${signedIn
  ? html`<nav class="desk" aria-label="Desk">${SECTIONS.map((s) => html`<a href="${s.path}"${s.section === props.section ? raw(' aria-current="page"') : ""}>${s.label}</a>`)}
<form method="post" action="/admin/sign-out">${csrfField(c)}<button type="submit" class="quiet">Sign out</button></form></nav>`
  : ""}</header>
<main id="main">
${props.body}
</main>
<footer class="site"><p><a href="${config.siteUrl}/">${config.siteTitle}</a></p></footer>
${props.script && nonce ? html`<script nonce="${nonce}">${raw(props.script)}</script>` : ""}
</body>
</html>`;
}

/**
 * A page with its own script updates itself in place: its reload is for readers without
 * scripts only (inside <noscript>, which a browser running scripts reads as text), so the
 * script's page is not reloaded under the author's cursor every few seconds.
 */
/** Reloads the page itself, without its query: a notice such as "Started" does not outlive what it announced. */
function refreshMeta(seconds: number, path: string, hasScript: boolean): Html {
  const meta = html`<meta http-equiv="refresh" content="${seconds}; url=${path}">`;
  return hasScript ? html`<noscript>${meta}</noscript>` : meta;
}

/** The desk's page for an error: what went wrong, and the way on. */
export function deskErrorPage(c: Context<AppEnv>, sentence: string): Html {
  c.header("Content-Security-Policy", deskPolicy(c.get("config").siteUrl));
  const signedIn = c.get("desk") !== undefined;
  return deskDocument(c, {
    title: "That did not work",
    body: html`<h1>That did not work</h1>
<p role="alert">${sentence}</p>
<p>${signedIn ? html`<a href="/admin">Back to the desk</a>` : html`<a href="/admin/sign-in">Sign in</a>`}</p>`,
  });
}
