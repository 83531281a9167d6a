// What a topic shows, as a hash, to tell when it changed: a post came due, a deploy added or
// edited one. Its posts' metadata (a body's path carries the hash of the body, so an edited
// body changes it too) and the settings every feed prints. The polling hint is left out: a
// new hint alone is no news for a subscriber.
import type { Config } from "../config/config.ts";
import type { ContentIndex } from "../content/types.ts";
import type { FeedScope } from "../feeds/feed-scope.ts";
import { scopePosts } from "../feeds/render-feed.ts";
import { sha256Hex } from "../tokens/sha256.ts";

export function topicFingerprint(config: Config, index: ContentIndex, scope: FeedScope, now: number): Promise<string> {
  const event = scope.kind === "event" ? [scope.event.title, scope.event.description] : [];
  const posts = scopePosts(index, scope, now).slice(0, config.feedSize);
  return sha256Hex(JSON.stringify([config.siteUrl, config.siteTitle, config.tagAuthority, config.websubHubs, event, posts]));
}
