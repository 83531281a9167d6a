// A topic's feed as a reader fetching it now would get it: the body a push carries.
// PROVISIONAL until the feed rendering moves out of the route (helper A's render-feed.ts).
import { renderAtom } from "../feeds/atom.ts";
import { buildFeedModel } from "../feeds/feed-model.ts";
import { renderJsonFeed } from "../feeds/json-feed.ts";
import { renderRss } from "../feeds/rss.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { topicPosts, type Topic } from "./topics.ts";

const CONTENT_TYPES = { rss: "application/rss+xml; charset=utf-8", atom: "application/atom+xml; charset=utf-8", json: "application/feed+json; charset=utf-8" };
const SERIALIZERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

export async function topicContent(deps: SendingDeps, topic: Topic, now: number): Promise<{ body: string; contentType: string }> {
  const posts = topicPosts(deps.config, deps.index, topic.scope, now);
  const entries = await Promise.all(posts.map(async (p) => [p.slug, (await deps.bodies.get(p.bodyPath)).html] as const));
  const model = buildFeedModel(deps.config, topic.scope.kind === "event" ? topic.scope.event : undefined, posts, new Map(entries));
  return { body: SERIALIZERS[topic.format](model), contentType: CONTENT_TYPES[topic.format] };
}
