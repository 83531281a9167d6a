// `/`: the latest recaps grouped by event and day, the subscribe form and feed links.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import type { EventMeta, PostMeta } from "../content/types.ts";
import { eventUrl, siteHomeUrl } from "../content/urls.ts";
import { groupByDay } from "./group-by-day.ts";
import { layout, siteFeeds, type Html } from "./layout.ts";
import { postList } from "./post-list.ts";
import { subscribeForm, type SubscribeChoice } from "./subscribe-form.ts";

export function homePage(config: Config, posts: PostMeta[], events: Map<string, EventMeta>, choice: SubscribeChoice): Html {
  const byEvent = new Map<string, PostMeta[]>();
  for (const post of posts) byEvent.set(post.event, [...(byEvent.get(post.event) ?? []), post]);
  const feeds = siteFeeds(config);
  const tz = (p: PostMeta) => events.get(p.event)?.timezone ?? config.timezone;
  return layout({
    config,
    title: config.siteTitle,
    description: `Daily recaps from ${config.siteTitle}: on the web, in your feed reader and in your inbox.`,
    canonical: siteHomeUrl(config),
    body: html`<h1>${config.siteTitle}</h1>
<p>Daily recaps of the events we follow. Read them here, follow the <a href="${feeds.rss}">RSS</a>, <a href="${feeds.atom}">Atom</a> or <a href="${feeds.json}">JSON</a> feed, or get them by email.</p>
${subscribeForm(config, { choice })}
${posts.length === 0 ? html`<p>No recaps published yet.</p>` : ""}
${[...byEvent].map(([slug, eventPosts]) => {
  const event = events.get(slug);
  return html`<section>
<h2><a href="${eventUrl(config, slug)}">${event?.title ?? slug}</a></h2>
${groupByDay(eventPosts).map(([day, dayPosts]) => html`<h3>Day ${day}</h3>
${postList(config, dayPosts, tz)}`)}
</section>`;
})}`,
  });
}
