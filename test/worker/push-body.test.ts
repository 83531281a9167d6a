// A push carries the feed exactly as a reader fetching it at that moment gets it: hubs,
// polling hint and images included, through every phase of an event's calendar.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/config.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { topicContent } from "../../src/websub/topic-content.ts";
import { findFeedTopic } from "../../src/feeds/feed-topics.ts";
import { AFTER_ALL, fetchAt, ORIGIN, realSendingDeps } from "./app-at.ts";

describe("a push's body", () => {
  it.each([
    ["2015-11-08T12:00:00-08:00", "/rss.xml"],
    ["2015-11-10T20:00:00-08:00", "/events/kubecon-2015/rss.xml"],
    ["2015-11-10T20:00:00-08:00", "/events/container-night-sf-2015/atom.xml"],
    [AFTER_ALL, "/feed.json"],
    ["2015-11-10T20:00:00-08:00", "/tags/kubernetes/rss.xml"],
  ])("at %s is what GET %s answers then", async (at, path) => {
    const now = Date.parse(at);
    const config = readConfig({ ...env, WEBSUB_HUBS: "https://pubsubhubbub.example.com/" });
    const topic = findFeedTopic(config, contentIndex, now, `${ORIGIN}${path}`);
    expect(topic, path).toBeDefined();
    const pushed = await topicContent(realSendingDeps(env, config, () => now), topic!, now);
    const res = await fetchAt(now, path, undefined, { WEBSUB_HUBS: "https://pubsubhubbub.example.com/" });
    expect(res.status).toBe(200);
    expect(pushed.contentType).toBe(res.headers.get("content-type"));
    expect(pushed.body).toBe(await res.text());
  });
});
