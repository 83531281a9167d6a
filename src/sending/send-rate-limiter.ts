// One global send rate across every consumer: a Durable Object books send slots on one
// timeline (see send-slots.ts). The next free slot is stored, so a restart of the object
// cannot hand out slots it already gave away.
import { DurableObject } from "cloudflare:workers";
import { SlotSchedule, type Slots } from "./send-slots.ts";

export type { Slots };

export class SendRateLimiter extends DurableObject {
  private schedule: SlotSchedule | undefined;
  /** Slots handed out since the object was created; with the sends' counts, how many went unused. */
  private booked = 0;

  async acquire(wanted: number, limit: number): Promise<Slots> {
    if (!this.schedule) {
      const stored = await this.ctx.storage.get<number>(["next", "booked"]);
      this.schedule = new SlotSchedule(stored.get("next") ?? 0);
      this.booked = stored.get("booked") ?? 0;
    }
    const slots = this.schedule.take(Date.now(), wanted, limit);
    if (slots.granted > 0) {
      this.booked += slots.granted;
      await this.ctx.storage.put({ next: this.schedule.next, booked: this.booked });
    }
    return slots;
  }
}
