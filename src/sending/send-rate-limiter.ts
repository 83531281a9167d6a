// One global send rate across every consumer: a Durable Object books send slots on one
// timeline (see send-slots.ts). The next free slot is stored, so a restart of the object
// cannot hand out slots it already gave away.
import { DurableObject } from "cloudflare:workers";
import { SlotSchedule, type Slots } from "./send-slots.ts";

export type { Slots };

export class SendRateLimiter extends DurableObject {
  private schedule: SlotSchedule | undefined;

  async acquire(wanted: number, limit: number): Promise<Slots> {
    this.schedule ??= new SlotSchedule((await this.ctx.storage.get<number>("next")) ?? 0);
    const slots = this.schedule.take(Date.now(), wanted, limit);
    if (slots.granted > 0) await this.ctx.storage.put("next", this.schedule.next);
    return slots;
  }
}
