// A topic's feed as a reader fetching it now would get it: the body a push carries, made by
// the same function as the feed routes' answer (src/feeds/render-feed.ts), so the bytes match.
import { renderFeed } from "../feeds/render-feed.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import type { FeedTopic } from "../feeds/feed-topics.ts";

export async function topicContent(deps: SendingDeps, topic: FeedTopic, now: number): Promise<{ body: string; contentType: string }> {
  const { body, contentType } = await renderFeed({ index: deps.index, config: deps.config, scope: topic.scope, format: topic.format, now }, deps.bodies);
  return { body, contentType };
}
