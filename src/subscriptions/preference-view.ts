// What the preference page shows a subscriber: their choice and their delivery time in words,
// the choices ticked and selected, and, from a daily email's "stop this event only", what
// that one press would leave.
import type { Config } from "../config/config.ts";
import { preferencesUrl } from "../content/urls.ts";
import type { EventMeta } from "../content/types.ts";
import type { PreferencePageModel, StopOffer } from "../pages/preference-page.ts";
import type { Subscriber } from "../db/subscribers.ts";
import { deliveryChoice, describeDelivery, describeZone, sendTimeHint } from "./delivery-choices.ts";
import { preferenceChoices } from "./follow-choices.ts";
import type { PreferenceField, PreferenceParts } from "./preference-form.ts";
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
  errorField?: PreferenceField;
  /** What a refused press had ticked, shown ticked again (the stored choice otherwise). */
  ticked?: readonly string[];
  /** What a refused press had picked for the time, shown picked again where it is a valid value. */
  picked?: { delivery?: unknown; zone?: unknown };
  /** Where the request came from (Cloudflare's `cf.timezone`): the zone offered to someone who never chose one. */
  requestZone?: unknown;
}

export function preferenceView(input: PreferenceViewInput): PreferencePageModel {
  const { config, events, now, subscriber, token, stop, notice, error, errorField, ticked } = input;
  return {
    email: subscriber.email,
    pending: subscriber.status === "pending",
    following: describeFollows(subscriber.follows, events),
    groups: preferenceChoices(events, now, ticked ?? subscriber.follows),
    delivery: deliveryView(input),
    action: preferencesUrl(config, token),
    unsubscribeAction: subscriberUnsubscribeUrl(config, subscriber.id),
    ...(stop === undefined ? {} : stopOfferFor(subscriber.follows, stop, events)),
    ...(notice ? { notice } : {}),
    ...(error ? { error } : {}),
    ...(errorField ? { errorField } : {}),
  };
}

function deliveryView({ config, subscriber, picked, requestZone, now }: PreferenceViewInput): PreferencePageModel["delivery"] {
  const choice = deliveryChoice({ stored: subscriber, ...(picked ? { picked } : {}), requestZone, siteZone: config.timezone });
  const shownZone = choice.zones.find((z) => z.selected)?.value ?? config.timezone;
  return { says: describeDelivery(subscriber.delivery, subscriber.zone), usually: sendTimeHint(config.sendAt, config.timezone, shownZone, now), ...choice };
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

/** What a change of what they follow did, in words: "Saved. You got KubeCon 2015; now you get everything." */
export function changeNotice(before: Follows, after: Follows, events: readonly EventMeta[]): string {
  return noticeOf([followsPart(before, after, events)]);
}

/**
 * What a press did, in words, for each part it asked to change, e.g. "Saved. Your email came
 * as soon as it was out; now it comes at 07:00 in Asia/Kathmandu (Kathmandu time)."
 */
export function choiceNotice(before: Subscriber, after: Subscriber, asked: PreferenceParts, events: readonly EventMeta[]): string {
  return noticeOf([...(asked.follows ? [followsPart(before.follows, after.follows, events)] : []), ...(asked.time ? [timePart(before, after)] : [])]);
}

interface NoticePart {
  changed: boolean;
  /** Said when it changed: before and after. */
  saved: string;
  /** Said when it did not, lower-case: "you still get everything". */
  still: string;
}

function followsPart(before: Follows, after: Follows, events: readonly EventMeta[]): NoticePart {
  const now = describeFollows(after, events);
  return { changed: !sameFollows(before, after), saved: `You got ${describeFollows(before, events)}; now you get ${now}.`, still: `you still get ${now}` };
}

/** A zone changed under "as soon as it is out" is kept for a time chosen later: said so, not as nothing. */
function timePart(before: Subscriber, after: Subscriber): NoticePart {
  const was = describeDelivery(before.delivery, before.zone);
  const now = describeDelivery(after.delivery, after.zone);
  if (was === now && before.zone !== after.zone && after.zone !== null) {
    return { changed: true, saved: `Your email still comes ${now}; a time you choose will be read in ${describeZone(after.zone)}.`, still: `your email still comes ${now}` };
  }
  return { changed: was !== now, saved: `Your email came ${describeDelivery(before.delivery, before.zone, "past")}; now it comes ${now}.`, still: `your email still comes ${now}` };
}

function noticeOf(parts: readonly NoticePart[]): string {
  if (parts.some((p) => p.changed)) return `Saved. ${parts.map((p) => (p.changed ? p.saved : `${capitalise(p.still)}.`)).join(" ")}`;
  return `Nothing changed: ${parts.map((p) => p.still).join(", and ")}.`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
