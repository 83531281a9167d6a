// Starting a send: choose the day's posts and render them once, record the send (the unique
// key on its date decides whether this call creates it) with what it carries and its web
// version, and put its first step on the queue.
import { createTestDeliveries, pendingDeliveryIds } from "../db/deliveries.ts";
import { createSend, findSend, PostsTakenError, recordPrepared, setSendStatus, type CarriedPosts, type Send } from "../db/sends.ts";
import { renderPosts } from "../email/render-day.ts";
import type { SendPosts } from "../content/send-posts.ts";
import { renderSendDay } from "./send-posts.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import type { Follows } from "../content/follows.ts";
import { variantOf } from "./variant-rule.ts";

/** The day's send, whether the cron or an author starts it, takes the date's one daily slot; a test send never does. */
export const takesDailySlot = (kind: "daily" | "manual" | "test") => kind !== "test";

/** Choosing again after another send took some of the posts: once is the usual race, three is plenty. */
const CHOOSE_ATTEMPTS = 3;

export class NoPostsError extends Error {
  override name = "NoPostsError";
}

/** What a send records of the posts it carries. */
export function carriedRecord(chosen: SendPosts): CarriedPosts {
  return { posts: chosen.posts.map((p) => ({ slug: p.slug, title: p.title })), cutOffMs: chosen.cutOffMs };
}

/** `idempotencyClaim`: the claim of the author's Idempotency-Key, which the send will carry (db/idempotency-keys.ts). */
export async function startDailySend(deps: SendingDeps, date: string, kind: "daily" | "manual", idempotencyClaim?: string): Promise<{ created: boolean; send: Send }> {
  for (let attempt = 1; ; attempt++) {
    const now = deps.now();
    const day = await renderSendDay(deps, date, now, { mode: "email" });
    if (!day) throw new NoPostsError(`no published posts for ${date}`);
    // The archive's copy, from the same posts: it has no recipient, so no markers, address or token.
    const web = (await renderPosts(deps.config, deps.index, deps.bodies, date, day.chosen.posts, { mode: "web" }))!;
    try {
      const result = await createSend(
        deps.db,
        {
          kind, date, status: "sending", snapshot: day.snapshot, takesDailySlot: takesDailySlot(kind), carried: carriedRecord(day.chosen), webHtml: web.html,
          events: day.dayEvents.map((e) => e.slug), ...(idempotencyClaim ? { idempotencyClaim } : {}),
        },
        now,
      );
      if (result.created) {
        await deps.queue.sendBatch([{ body: { type: "prepare", sendId: result.send.id } }]);
        await deps.watch?.arm(result.send.id);
      }
      return result;
    } catch (err) {
      if (!(err instanceof PostsTakenError) || attempt >= CHOOSE_ATTEMPTS) throw err;
    }
  }
}

/**
 * A test send: the day's email, as its send would carry it, to the given addresses only,
 * outside the daily record; with `only`, the variant a follower of those events would get.
 */
export async function startTestSend(deps: SendingDeps, date: string, to: readonly string[], idempotencyClaim?: string, only?: Follows): Promise<Send> {
  const now = deps.now();
  const day = await renderSendDay(deps, date, now, { mode: "email" }, only);
  if (!day) throw new NoPostsError(`no published posts for ${date}`);
  const { snapshot } = day;
  // What it shows (the API's `events`); its rows are made here, never by the variant rule.
  const events = only === undefined ? day.dayEvents.map((e) => e.slug) : variantOf(only, day.dayEvents);
  // Queued until its rows exist: nothing ever sends a test send that lost its recipients.
  const { send } = await createSend(
    deps.db,
    { kind: "test", date, status: "queued", snapshot: { ...snapshot, subject: `[Test] ${snapshot.subject}` }, takesDailySlot: takesDailySlot("test"), events, ...(idempotencyClaim ? { idempotencyClaim } : {}) },
    now,
  );
  await createTestDeliveries(deps.db, send.id, to, now);
  await recordPrepared(deps.db, send.id, 0, 0, true, now);
  await setSendStatus(deps.db, send.id, ["queued"], "sending", now);
  await enqueueDeliveries(deps, send.id, await pendingDeliveryIds(deps.db, send.id, 0, to.length, 0, now));
  await deps.watch?.arm(send.id);
  return (await findSend(deps.db, send.id))!;
}
