// One global send rate across every consumer: a Durable Object holds the sliding window
// (see sliding-window.ts) and hands out permits. Its grants are stored, so a restart of the
// object cannot forget a burst that is still inside the window.
import { DurableObject } from "cloudflare:workers";
import { SlidingWindow } from "./sliding-window.ts";

export interface Permits {
  granted: number;
  waitMs: number;
}

export class SendRateLimiter extends DurableObject {
  private window: SlidingWindow | undefined;

  async acquire(wanted: number, limit: number): Promise<Permits> {
    this.window ??= new SlidingWindow((await this.ctx.storage.get<number[]>("grants")) ?? []);
    const permits = this.window.take(Date.now(), wanted, limit);
    if (permits.granted > 0) await this.ctx.storage.put("grants", this.window.snapshot());
    return permits;
  }
}
