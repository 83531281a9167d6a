// A list of posts with their dates and summaries, used by the home, event, tag and 404 pages.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import type { PostMeta } from "../content/types.ts";
import { postUrl } from "../content/urls.ts";
import { formatDate } from "./format-date.ts";
import type { Html } from "./layout.ts";

/** `context` says where a post belongs ("KubeCon 2015 · Day 2") on lists that mix events. */
export function postList(config: Config, posts: PostMeta[], timeZoneOf: (p: PostMeta) => string, context?: (p: PostMeta) => string): Html {
  return html`<ul class="posts">
${posts.map(
  (p) => html`<li><a href="${postUrl(config, p.slug)}">${p.title}</a> <span class="muted">· ${context ? `${context(p)} · ` : ""}<time datetime="${p.date}">${formatDate(p.date, timeZoneOf(p))}</time></span>
<span class="summary">${p.summary}</span></li>
`,
)}</ul>`;
}
