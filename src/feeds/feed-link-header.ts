// The Link header a feed answers with (W3C WebSub §4, RFC 8288): every hub, then the feed
// itself as the topic, so a subscriber can find the hub without parsing the body (and on a 304).
// Hub and site URLs are checked by the config to hold no "<", ">", quotes or whitespace.

export function feedLinkHeader(hubs: readonly string[], selfUrl: string): string {
  return [...hubs.map((hub) => `<${hub}>; rel="hub"`), `<${selfUrl}>; rel="self"`].join(", ");
}
