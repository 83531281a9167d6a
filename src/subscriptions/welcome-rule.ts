// Who gets a welcome that catches them up, and on what: at a confirmation, every event the
// person follows that is running and has had days with posts. Pure; welcome.ts queues them.
import { catchUpDays, type CatchUpDay } from "../content/catch-up.ts";
import type { Schedule } from "../content/schedule.ts";
import type { ContentIndex, EventMeta } from "../content/types.ts";
import { followsEvent, type Follows } from "../content/follows.ts";

export interface Welcome {
  event: EventMeta;
  days: CatchUpDay[];
}

/** One welcome per followed event with days so far, in the order of the site's events. */
export function welcomesDue(index: ContentIndex, follows: Follows, schedule: Schedule, now: number): Welcome[] {
  return index.events
    .filter((event) => followsEvent(follows, event))
    .map((event) => ({ event, days: catchUpDays(index, event, schedule, now) }))
    .filter((w) => w.days.length > 0);
}
