// The send-rate rule, as a pure function of time: permits are slots on one timeline,
// SPAN_MS / limit apart, and each message goes to SES at its own slot. Evenly spaced slots
// keep every one-second window at or under the limit even when a call reaches SES up to
// SPAN_MS − 1000 ms later than its neighbours; a window that admits bursts would let two
// bursts meet in one second as soon as one of them ran a little late.
import { HORIZON_MS, LEAD_MS, SPAN_MS } from "./tuning.ts";
export interface Slots {
  /**
   * How many slots were booked: the k-th (from 0) is at firstAt + k × spacingMs, in ms since
   * the epoch. Absolute, not "from now": the answer's own trip back would shift a relative
   * time by however long it took, differently for every caller.
   */
  granted: number;
  firstAt: number;
  spacingMs: number;
  /** When nothing was granted: how long to wait before asking again. */
  waitMs: number;
}

export class SlotSchedule {
  /** The first slot not yet booked (ms since the epoch). */
  next: number;

  constructor(next = 0) {
    this.next = next;
  }

  take(now: number, wanted: number, limit: number): Slots {
    const spacingMs = SPAN_MS / limit;
    const first = Math.max(this.next, now + LEAD_MS);
    const free = Math.max(0, Math.ceil((now + LEAD_MS + HORIZON_MS - first) / spacingMs));
    const granted = Math.min(wanted, free);
    if (granted === 0) {
      // Come back when the horizon has room for the whole request (or a second's worth), not
      // for one slot: many callers asking again every slot would keep the limiter busy.
      const room = Math.min(wanted, limit);
      return { granted, firstAt: 0, spacingMs, waitMs: Math.max(1, Math.ceil(first + (room - 1) * spacingMs - now - LEAD_MS - HORIZON_MS) + 1) };
    }
    this.next = first + granted * spacingMs;
    return { granted, firstAt: first, spacingMs, waitMs: 0 };
  }
}
