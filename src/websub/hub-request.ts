// A subscription request to the hub (W3C WebSub 5.1), read from its form fields. Every
// refusal names the parameter; nothing is stored for a request refused here.
import type { Config } from "../config/config.ts";
import type { ContentIndex } from "../content/types.ts";
import { checkCallback } from "./callback-rules.ts";
import { DEFAULT_LEASE_SECONDS, MAX_LEASE_SECONDS, MAX_SECRET_BYTES, MIN_LEASE_SECONDS } from "./hub-rules.ts";
import { findFeedTopic } from "../feeds/feed-topics.ts";

export interface HubRequest {
  mode: "subscribe" | "unsubscribe";
  topic: string;
  callback: string;
  /** The callback's registrable domain (roughly), what the caps count by. */
  callbackHost: string;
  /** The lease the hub grants: the one asked for, moved inside the hub's bounds. */
  leaseSeconds: number;
  secret: string | null;
}

export type HubRequestRead = { ok: true; request: HubRequest } | { ok: false; status: 400 | 404; code: string; message: string; field: string };

export const HUB_FIELDS = ["hub.mode", "hub.topic", "hub.callback", "hub.lease_seconds", "hub.secret"] as const;

const refuse = (field: string, message: string, code = "invalid_parameter", status: 400 | 404 = 400): HubRequestRead => ({ ok: false, status, code, message: `${field} ${message}`, field });

export function readHubRequest(fields: Record<string, unknown>, site: { config: Config; index: ContentIndex; now: number }): HubRequestRead {
  for (const name of HUB_FIELDS) {
    const value = fields[name];
    // A JSON body may give the lease as a number.
    if (name === "hub.lease_seconds" && typeof value === "number") fields = { ...fields, [name]: String(value) };
    else if (value !== undefined && typeof value !== "string") return refuse(name, "must be given once, as text");
  }
  const text = (name: (typeof HUB_FIELDS)[number]) => (fields[name] as string | undefined)?.trim() ?? "";

  const mode = text("hub.mode");
  if (!mode) return refuse("hub.mode", 'is required: "subscribe" or "unsubscribe"');
  if (mode === "publish") return refuse("hub.mode", "publish is not taken: this hub publishes this site's feeds by itself when they change");
  if (mode !== "subscribe" && mode !== "unsubscribe") return refuse("hub.mode", 'must be "subscribe" or "unsubscribe"');

  const topicText = text("hub.topic");
  if (!topicText) return refuse("hub.topic", "is required: the URL of one of this site's feeds");
  if (!URL.canParse(topicText)) return refuse("hub.topic", "must be an absolute URL, e.g. the address of this site's Atom feed");
  // Read as a URL, so HTTP://Host:443/ spellings of a feed's address name it too; stored as the feed names itself.
  const found = findFeedTopic(site.config, site.index, site.now, new URL(topicText).href);
  if (!found) {
    return refuse("hub.topic", `is not a feed of this site; this hub serves only the feeds under ${site.config.siteUrl}/ (e.g. ${site.config.siteUrl}/atom.xml)`, "unknown_topic", 404);
  }

  const callbackText = text("hub.callback");
  if (!callbackText) return refuse("hub.callback", "is required: the URL the hub calls with the challenge and the feed");
  const callback = checkCallback(callbackText, site.config.siteUrl);
  if (!callback.ok) return refuse("hub.callback", callback.message);

  const leaseText = text("hub.lease_seconds");
  if (leaseText && !/^\d{1,10}$/.test(leaseText)) return refuse("hub.lease_seconds", "must be a whole number of seconds");
  const asked = leaseText ? Number(leaseText) : DEFAULT_LEASE_SECONDS;
  const leaseSeconds = Math.min(MAX_LEASE_SECONDS, Math.max(MIN_LEASE_SECONDS, asked));

  const secret = text("hub.secret");
  if (new TextEncoder().encode(secret).length > MAX_SECRET_BYTES) return refuse("hub.secret", `must be less than 200 bytes (WebSub), got ${new TextEncoder().encode(secret).length}`);

  return { ok: true, request: { mode, topic: found.url, callback: callback.url.href, callbackHost: callback.domain, leaseSeconds, secret: secret || null } };
}
