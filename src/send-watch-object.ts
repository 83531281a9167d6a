// One Durable Object per running send, named by its id: its alarm wakes the send's watch
// (src/sending/watch-send.ts) every WATCH_MS while the send runs. Alarms and storage
// survive a restart of the Worker (and of `wrangler dev`), where queue messages and
// in-memory claims do not, so a send whose work was lost is picked up again within about
// a minute without a cron.
import { DurableObject } from "cloudflare:workers";
import { readConfig } from "./config/config.ts";
import { watchSend } from "./sending/watch-send.ts";
import { freshWatch, type WatchState } from "./sending/watch-decision.ts";
import { WATCH_MS } from "./sending/tuning.ts";
import { workerSendingDeps } from "./worker-deps.ts";

export class SendWatch extends DurableObject<Env> {
  /** Watches `sendId`, waking after `delayMs` (or WATCH_MS); an earlier alarm already set stays. */
  async arm(sendId: number, delayMs = WATCH_MS): Promise<void> {
    const now = Date.now();
    if ((await this.ctx.storage.get<number>("sendId")) === undefined) await this.ctx.storage.put({ sendId, state: freshWatch(now) });
    const current = await this.ctx.storage.getAlarm();
    if (current === null || now + delayMs < current) await this.ctx.storage.setAlarm(now + delayMs);
  }

  override async alarm(): Promise<void> {
    const sendId = await this.ctx.storage.get<number>("sendId");
    if (sendId === undefined) return;
    const state = (await this.ctx.storage.get<WatchState>("state")) ?? freshWatch(Date.now());
    try {
      const result = await watchSend(workerSendingDeps(this.env, readConfig(this.env), true), sendId, state, Date.now());
      if (result.next === null) return await this.ctx.storage.deleteAll();
      await this.ctx.storage.put("state", result.state);
      await this.ctx.storage.setAlarm(result.next);
    } catch (err) {
      // A look that failed (D1 busy, say) must not end the watch: look again later.
      console.error(`watch of send ${sendId} failed`, err);
      await this.ctx.storage.setAlarm(Date.now() + WATCH_MS);
    }
  }
}
