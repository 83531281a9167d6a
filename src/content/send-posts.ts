// Which posts a daily send carries: the day rule (schedule.ts) read against what earlier
// sends recorded, so that a change of SEND_AT or TIMEZONE between two days neither mails a
// post twice (an earlier send time or a zone to the east makes windows overlap) nor never
// (a later send time or a zone to the west opens a gap between them). Pure: the caller
// reads the sends' record and passes it in.
import { addDays } from "./days.ts";
import { dueAt, type Schedule } from "./schedule.ts";
import type { ContentIndex, PostMeta } from "./types.ts";

/** The daily send with the latest date before D, as it recorded itself. */
export interface PreviousSend {
  date: string;
  /** The latest publication instant it took (epoch ms). */
  cutOffMs: number;
}

export interface SendHistory {
  /** None before the first send that recorded its cut-off: then only D's window counts. */
  previous?: PreviousSend | undefined;
  /** Slugs that any other daily or manual send carried (a skipped day's included). */
  carried: ReadonlySet<string>;
}

export interface SendPosts {
  /** Oldest first. */
  posts: PostMeta[];
  /** What the send records as its cut-off: its window's end, or `now` if that comes first. */
  cutOffMs: number;
}

/**
 * The posts D's send would carry if nobody had carried any: those published by `now` in D's
 * window under the current settings, and those that fell after the previous send's cut-off
 * but belong, under the current settings, to that send's day or an earlier one. The gap stops
 * at the previous send's day so that the days in between keep their own posts: a day that
 * never had a send (an outage, a day sent out of order) is not swept into D.
 */
export function candidatesOfSend(index: ContentIndex, date: string, schedule: Schedule, now: number, previous?: PreviousSend): SendPosts {
  const startMs = dueAt(addDays(date, -1), schedule);
  // A send made before its window closes takes only what is published by then; the next
  // send's gap picks up the rest.
  const cutOffMs = Math.min(dueAt(date, schedule), now);
  const gapEndMs = previous ? Math.min(dueAt(previous.date, schedule), startMs) : Number.NEGATIVE_INFINITY;
  const taken = (ms: number) => (ms > startMs && ms <= cutOffMs) || (previous !== undefined && ms > previous.cutOffMs && ms <= gapEndMs && ms <= now);
  return { posts: index.posts.filter((p) => taken(p.publishedMs)).reverse(), cutOffMs };
}

/** D's posts: its candidates minus any another send already carried, so no post goes out twice. */
export function postsOfSend(index: ContentIndex, date: string, schedule: Schedule, now: number, history: SendHistory): SendPosts {
  const { posts, cutOffMs } = candidatesOfSend(index, date, schedule, now, history.previous);
  return { posts: posts.filter((p) => !history.carried.has(p.slug)), cutOffMs };
}
