// The 404 page: says what was not found and offers the likeliest ways on.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import type { EventMeta, PostMeta } from "../content/types.ts";
import { eventUrl, siteHomeUrl } from "../content/urls.ts";
import { layout, type Html } from "./layout.ts";
import { postList } from "./post-list.ts";

export function notFoundPage(config: Config, path: string, suggestions: PostMeta[], latest: PostMeta[], events: EventMeta[]): Html {
  const tz = () => config.timezone;
  return layout({
    config,
    title: "Page not found",
    description: "There is no page at this address.",
    canonical: `${config.siteUrl}${path}`,
    body: html`<h1>Page not found</h1>
<p>There is nothing at <code>${path}</code>. It may have moved, or the link may be mistyped.</p>
${suggestions.length ? html`<h2>Did you mean</h2>${postList(config, suggestions, tz)}` : ""}
${latest.length ? html`<h2>Latest recaps</h2>${postList(config, latest, tz)}` : ""}
${events.length ? html`<h2>Events</h2><ul>${events.map((e) => html`<li><a href="${eventUrl(config, e.slug)}">${e.title}</a></li>`)}</ul>` : ""}
<p><a href="${siteHomeUrl(config)}">Go to the home page</a></p>`,
  });
}
