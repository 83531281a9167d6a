// `/posts/:slug`: one recap with its table of contents, its tags and the event's
// previous and next recaps.
import { html, raw } from "hono/html";
import type { Config } from "../config/config.ts";
import { absolutizeHtml } from "../content/absolutize-html.ts";
import type { Neighbours } from "../content/event-neighbours.ts";
import type { EventMeta, PostMeta } from "../content/types.ts";
import { eventUrl, postUrl, tagUrl } from "../content/urls.ts";
import { formatDateTime } from "./format-date.ts";
import { eventFeeds, layout, type Html } from "./layout.ts";
import { subscribeForm } from "./subscribe-form.ts";

/** `body` is the build's sanitised HTML; it is the only raw HTML a page includes. */
export function postPage(config: Config, post: PostMeta, event: EventMeta, body: string, neighbours: Neighbours): Html {
  const url = postUrl(config, post.slug);
  return layout({
    config,
    title: post.title,
    description: post.summary,
    canonical: url,
    ogType: "article",
    ...(post.image ? { image: { url: `${config.siteUrl}${post.image.src}`, alt: post.image.alt } } : {}),
    feeds: [eventFeeds(config, event)],
    body: html`<article>
<p class="meta"><a href="${eventUrl(config, event.slug)}">${event.title}</a> · Day ${post.day}</p>
<h1>${post.title}</h1>
<p class="meta">By ${post.authors.map((a) => a.name).join(", ")} · <time datetime="${post.date}">${formatDateTime(post.date, event.timezone)}</time>${
      post.updated ? html` · updated <time datetime="${post.updated}">${formatDateTime(post.updated, event.timezone)}</time>` : ""
    }</p>
${post.toc.length > 1
  ? html`<nav class="toc" aria-label="Contents"><strong>Contents</strong>
<ol>${post.toc.map((entry) => html`<li><a href="#${entry.id}">${entry.text}</a></li>`)}</ol></nav>`
  : ""}
${raw(absolutizeHtml(body, config.siteUrl))}
${post.tags.length ? html`<p class="tags">${post.tags.map((t) => html`<a href="${tagUrl(config, t)}">#${t}</a> `)}</p>` : ""}
</article>
${dayLinks(config, neighbours)}
${subscribeForm(config)}`,
  });
}

/** Previous and next within the event, labelled with their day so a reader knows where they lead. */
function dayLinks(config: Config, { previous, next }: Neighbours): Html | "" {
  if (!previous && !next) return "";
  return html`<nav class="day-links" aria-label="More from this event">${
    previous ? html`<a rel="prev" href="${postUrl(config, previous.slug)}">← ${dayLabel(previous)}</a>` : ""
  }${next ? html`<a rel="next" href="${postUrl(config, next.slug)}">${dayLabel(next)} →</a>` : ""}</nav>`;
}

/** "Day 2: <title>", unless the title says its day already (recaps are often called "… Day 2: …"). */
function dayLabel(post: PostMeta): string {
  return new RegExp(`\\bDay ${post.day}\\b`, "i").test(post.title) ? post.title : `Day ${post.day}: ${post.title}`;
}
