// `/events/:event`: an event's archive, day by day.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import type { EventMeta, PostMeta } from "../content/types.ts";
import { eventUrl } from "../content/urls.ts";
import { formatDate } from "./format-date.ts";
import { groupByDay } from "./group-by-day.ts";
import { eventFeeds, layout, type Html } from "./layout.ts";
import { postList } from "./post-list.ts";
import { subscribeForm, type SubscribeChoice } from "./subscribe-form.ts";

export function eventPage(config: Config, event: EventMeta, posts: PostMeta[], choice: SubscribeChoice): Html {
  const feeds = eventFeeds(config, event);
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, "UTC");
  return layout({
    config,
    title: event.title,
    description: event.description || `Daily recaps of ${event.title}.`,
    canonical: eventUrl(config, event.slug),
    feeds: [feeds],
    body: html`<h1>${event.title}</h1>
<p class="meta">${day(event.start)} – ${day(event.end)} · <a href="${event.url}">Event home page</a></p>
${event.description ? html`<p>${event.description}</p>` : ""}
<p>Follow this event: <a href="${feeds.rss}">RSS</a> · <a href="${feeds.atom}">Atom</a> · <a href="${feeds.json}">JSON Feed</a></p>
${posts.length === 0 ? html`<p>No recaps published for this event yet.</p>` : ""}
${groupByDay([...posts].reverse(), "oldest").map(([n, dayPosts]) => html`<h2>Day ${n}</h2>
${postList(config, dayPosts, () => event.timezone)}`)}
${subscribeForm(config, { choice })}`,
  });
}
