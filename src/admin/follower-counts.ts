// Followers per event for the author's stats, from the active list grouped by choice: pure,
// so the rule (everything, the event, or its series: followsEvent) is the one sends use.
import type { EventMeta } from "../content/types.ts";
import { followsEvent, type Follows } from "../content/follows.ts";

export interface EventFollowers {
  event: string;
  title: string;
  series: string | null;
  /** Everyone who would get this event's posts: everything, the event itself, or its series; each person once. */
  followers: number;
}

export interface FollowerCounts {
  /** Follow everything (the default), future events included. */
  everything: number;
  /** One entry per event of the content index, in its order. */
  events: EventFollowers[];
}

export function followerCounts(groups: readonly { follows: Follows; count: number }[], events: readonly EventMeta[]): FollowerCounts {
  const everything = groups.filter((g) => g.follows === null).reduce((n, g) => n + g.count, 0);
  return {
    everything,
    events: events.map((e) => ({
      event: e.slug,
      title: e.title,
      series: e.series ?? null,
      // A choice is one group, so someone who names both the event and its series counts once.
      followers: groups.filter((g) => followsEvent(g.follows, e)).reduce((n, g) => n + g.count, 0),
    })),
  };
}
