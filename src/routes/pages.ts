// HTML pages: home, posts, events, tags and the 404 page.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { findEvent, findPost, msUntilNextPublication, publishedPosts } from "../content/published.ts";
import { etagOf, isNotModified } from "../http/conditional-get.ts";
import { cacheControl } from "../http/cache-control.ts";
import { eventPage } from "../pages/event-page.ts";
import { homePage } from "../pages/home-page.ts";
import type { Html } from "../pages/layout.ts";
import { notFoundPage as renderNotFound } from "../pages/not-found-page.ts";
import { postPage } from "../pages/post-page.ts";
import { tagPage } from "../pages/tag-page.ts";
import { eventNeighbours } from "../content/event-neighbours.ts";
import { postsWithTag } from "../content/tags.ts";
import { eventSubscribeChoice, subscribeChoice } from "../subscriptions/follow-choices.ts";
import { eventPhase } from "../content/event-phase.ts";
import type { EventMeta } from "../content/types.ts";
import { pageErrors } from "./page-errors.ts";

const HOME_POSTS = 30;

export const pageRoutes = new Hono<AppEnv>();

pageRoutes.get("/", pageErrors, (c) => {
  const { index } = c.get("deps");
  const events = new Map(index.events.map((e) => [e.slug, e]));
  return cachedPage(c, `home:${phases(index.events, c.get("deps").now())}`, (at) => homePage(c.get("config"), publishedPosts(index, at).slice(0, HOME_POSTS), events, subscribeChoice(index.events, at)));
});

pageRoutes.get("/posts/:slug", pageErrors, async (c) => {
  const { index, now, bodies } = c.get("deps");
  const post = findPost(index, c.req.param("slug"), now());
  const event = post && findEvent(index, post.event);
  if (!post || !event) return c.notFound();
  // The previous/next links change as the event's later posts go public; so does the ETag
  // (it counts what is published).
  return cachedPage(c, `post:${post.slug}`, async (at) =>
    postPage(c.get("config"), post, event, (await bodies(c.env).get(post.bodyPath)).html, eventNeighbours(index, at, post)),
  );
});

pageRoutes.get("/tags/:tag", pageErrors, (c) => {
  const { index, now } = c.get("deps");
  const tag = c.req.param("tag");
  // A tag is known once one of its posts is published: a scheduled post's tags stay hidden.
  if (postsWithTag(index, now(), tag).length === 0) return c.notFound();
  const events = new Map(index.events.map((e) => [e.slug, e]));
  return cachedPage(c, `tag:${tag}`, (at) => tagPage(c.get("config"), tag, postsWithTag(index, at, tag), events));
});

pageRoutes.get("/events/:event", pageErrors, (c) => {
  const { index } = c.get("deps");
  const event = findEvent(index, c.req.param("event"));
  if (!event) return c.notFound();
  return cachedPage(c, `event:${event.slug}:${phases(index.events, c.get("deps").now())}`, (at) => eventPage(c.get("config"), event, publishedPosts(index, at, event.slug), eventSubscribeChoice(event, index.events, at)));
});

/** The subscribe forms say which events run and which are over, so a page changes when one starts or ends. */
function phases(events: readonly EventMeta[], now: number): string {
  return events.map((e) => `${e.slug}=${eventPhase(e, now)}`).join(",");
}

export function notFoundPage(c: Context<AppEnv>): Response | Promise<Response> {
  const { index, now } = c.get("deps");
  const published = publishedPosts(index, now());
  const wanted = safeDecode(c.req.path.split("/").filter(Boolean).pop() ?? "").toLowerCase();
  const suggestions = wanted.length >= 3 ? published.filter((p) => p.slug.includes(wanted) || wanted.includes(p.slug)).slice(0, 5) : [];
  c.header("Cache-Control", "no-store");
  return c.html(renderNotFound(c.get("config"), c.req.path, suggestions, published.slice(0, 5), index.events), 404);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed %-escape is still a path we can show
  }
}

/** Pages change only with the build, the config and what is published by now. */
async function cachedPage(c: Context<AppEnv>, key: string, render: (at: number) => Html | Promise<Html>): Promise<Response> {
  const config = c.get("config");
  const { index, now } = c.get("deps");
  const at = now();
  const etag = etagOf([index.buildId, key, publishedPosts(index, at).length, config.siteUrl, config.siteTitle]);
  c.header("ETag", etag);
  c.header("Cache-Control", cacheControl(msUntilNextPublication(index, at)));
  if (isNotModified(c.req.raw.headers, etag, undefined)) return c.body(null, 304);
  return c.html(await render(at));
}
