// What the preference page shows a subscriber: their choice in words, the choices ticked,
// and, from a daily email's "stop this event only", what that one press would leave.
import type { Config } from "../config/config.ts";
import { preferencesUrl } from "../content/urls.ts";
import type { EventMeta } from "../content/types.ts";
import type { PreferencePageModel, StopOffer } from "../pages/preference-page.ts";
import type { Subscriber } from "../db/subscribers.ts";
import { preferenceChoices } from "./follow-choices.ts";
import { alsoEndedByStop, describeFollows, followsEvent, sameFollows, withoutEvent, type Follows } from "../content/follows.ts";
import { subscriberUnsubscribeUrl } from "./subscriber-links.ts";

export interface PreferenceViewInput {
  config: Config;
  events: readonly EventMeta[];
  now: number;
  subscriber: Subscriber;
  /** The page's own token, for the form's action. */
  token: string;
  stop?: string;
  notice?: string;
  error?: string;
  /** What a refused press had ticked, shown ticked again (the stored choice otherwise). */
  ticked?: readonly string[];
}

export function preferenceView({ config, events, now, subscriber, token, stop, notice, error, ticked }: PreferenceViewInput): PreferencePageModel {
  return {
    email: subscriber.email,
    pending: subscriber.status === "pending",
    following: describeFollows(subscriber.follows, events),
    groups: preferenceChoices(events, now, ticked ?? subscriber.follows),
    action: preferencesUrl(config, token),
    unsubscribeAction: subscriberUnsubscribeUrl(config, subscriber.id),
    ...(stop === undefined ? {} : stopOfferFor(subscriber.follows, stop, events)),
    ...(notice ? { notice } : {}),
    ...(error ? { error } : {}),
  };
}

/** An unknown slug offers nothing: the link was mangled, and the rest of the page still works. */
function stopOfferFor(follows: Follows, slug: string, events: readonly EventMeta[]): { stop?: StopOffer } {
  const event = events.find((e) => e.slug === slug);
  if (!event) return {};
  if (!followsEvent(follows, event)) return { stop: { kind: "not-followed", title: event.title } };
  const kept = withoutEvent(follows, event, events);
  const alsoEnds = alsoEndedByStop(follows, event, events);
  if (kept.length === 0) return { stop: { kind: "only", title: event.title, alsoEnds } };
  return { stop: { kind: "keeps", title: event.title, keeps: describeFollows(kept, events), events: kept, alsoEnds } };
}

/** What a change did, in words: "You got KubeCon 2015; now you get everything." */
export function changeNotice(before: Follows, after: Follows, events: readonly EventMeta[]): string {
  if (sameFollows(before, after)) return `Nothing changed: you still get ${describeFollows(after, events)}.`;
  return `Saved. You got ${describeFollows(before, events)}; now you get ${describeFollows(after, events)}.`;
}
