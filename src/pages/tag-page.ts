// `/tags/:tag`: every published post with the tag, newest first, with the tag's feeds.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import type { EventMeta, PostMeta } from "../content/types.ts";
import { tagFeedUrl, tagUrl } from "../content/urls.ts";
import { layout, type FeedLink, type Html } from "./layout.ts";
import { postList } from "./post-list.ts";
import { subscribeForm } from "./subscribe-form.ts";

export function tagFeeds(config: Config, tag: string): FeedLink {
  return { title: `#${tag}`, rss: tagFeedUrl(config, "rss", tag), atom: tagFeedUrl(config, "atom", tag), json: tagFeedUrl(config, "json", tag) };
}

/** `posts` are the tag's published posts (never empty: an unknown tag is a 404). */
export function tagPage(config: Config, tag: string, posts: PostMeta[], events: ReadonlyMap<string, EventMeta>): Html {
  const feeds = tagFeeds(config, tag);
  const count = posts.length === 1 ? "One recap" : `${posts.length} recaps`;
  return layout({
    config,
    title: `#${tag}`,
    description: `${count} tagged #${tag}, from ${config.siteTitle}.`,
    canonical: tagUrl(config, tag),
    feeds: [feeds],
    body: html`<h1>#${tag}</h1>
<p class="meta">${count} tagged #${tag}, newest first.</p>
<p>Follow this tag: <a href="${feeds.rss}">RSS</a> · <a href="${feeds.atom}">Atom</a> · <a href="${feeds.json}">JSON Feed</a></p>
${postList(
  config,
  posts,
  (p) => events.get(p.event)?.timezone ?? config.timezone,
  (p) => `${events.get(p.event)?.title ?? p.event} · Day ${p.day}`,
)}
${subscribeForm(config)}`,
  });
}
