// Which variant of a day's email a subscriber gets: the day's events they follow. Pure; the
// send's rows, its dry run and its test sends all ask here.
import type { EventMeta, PostMeta } from "../content/types.ts";
import { followedAmong, type EventRef, type Follows } from "../content/follows.ts";

/** A variant is named by the sorted slugs of the events it holds. */
export type VariantEvents = readonly string[];

/** Variant 0 holds every event of the day: it is the send's own snapshot. */
export const WHOLE_DAY = 0;

/** The events the day's posts belong to, in the content index's order. */
export function eventsOfPosts(posts: readonly PostMeta[], events: readonly EventMeta[]): EventMeta[] {
  const slugs = new Set(posts.map((p) => p.event));
  return events.filter((e) => slugs.has(e.slug));
}

/** A send's day as the rule needs it, from the slugs it recorded; an event gone from the content keeps its slug. */
export function dayEventsOf(slugs: readonly string[], events: readonly EventMeta[]): EventRef[] {
  return slugs.map((slug) => events.find((e) => e.slug === slug) ?? { slug });
}

/** What a subscriber gets of the day: the events of it they follow; empty when none (no mail that day). */
export function variantOf(follows: Follows, dayEvents: readonly EventRef[]): VariantEvents {
  return followedAmong(follows, dayEvents);
}

export const variantKey = (events: VariantEvents): string => JSON.stringify([...events].sort());

export function isWholeDay(events: VariantEvents, dayEvents: readonly EventRef[]): boolean {
  return events.length === dayEvents.length;
}

/** The posts a variant carries, in the day's order. */
export function postsOfVariant<P extends { event: string }>(posts: readonly P[], events: VariantEvents): P[] {
  return posts.filter((p) => events.includes(p.event));
}

export interface VariantCount {
  events: VariantEvents;
  recipients: number;
}

/**
 * Recipients per variant from subscribers counted by what they follow (the dry run), whole
 * day first, then by size; those who follow none of the day's events are left out.
 */
export function countVariants(byFollows: readonly { follows: Follows; count: number }[], dayEvents: readonly EventRef[]): VariantCount[] {
  const counts = new Map<string, VariantCount>();
  for (const { follows, count } of byFollows) {
    const events = variantOf(follows, dayEvents);
    if (events.length === 0) continue;
    const key = variantKey(events);
    const entry = counts.get(key) ?? { events, recipients: 0 };
    entry.recipients += count;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => Number(isWholeDay(b.events, dayEvents)) - Number(isWholeDay(a.events, dayEvents)) || b.recipients - a.recipients || variantKey(a.events).localeCompare(variantKey(b.events)));
}
