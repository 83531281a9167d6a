// What the author API does with sends: a dry run, a test send, the day's send by hand, the
// list and one send's progress. Errors are ApiErrors naming the field.
import { findSend, listSends } from "../db/sends.ts";
import { countActiveSubscribers } from "../db/subscribers.ts";
import { ApiError } from "../http/api-error.ts";
import { ClaimLostError } from "./idempotency.ts";
import { renderSendDay } from "./send-posts.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { sendView, type SendView } from "./send-view.ts";
import { NoPostsError, startDailySend, startTestSend } from "./start-send.ts";

export interface SendRequest {
  date: string;
  dryRun?: boolean | undefined;
  to?: string[] | undefined;
}

export interface SendAnswer {
  status: 200 | 202;
  body: object;
}

/** `idempotencyClaim`: the claim of the request's Idempotency-Key; the send made carries it. */
export async function requestSend(deps: SendingDeps, input: SendRequest, idempotencyClaim?: string): Promise<SendAnswer> {
  const now = deps.now();
  try {
    if (input.dryRun) {
      // The posts the real send would carry, after what other days' sends already carried.
      const day = await renderSendDay(deps, input.date, now, { mode: "email" });
      if (!day) throw new NoPostsError(`no published posts for ${input.date}`);
      const recipients = input.to ? input.to.length : await countActiveSubscribers(deps.db);
      const { snapshot } = day;
      return { status: 200, body: { dryRun: true, date: input.date, subject: snapshot.subject, recipients, posts: snapshot.postSlugs, summarized: snapshot.summarized } };
    }
    if (input.to) return { status: 202, body: await sendView(deps.db, await startTestSend(deps, input.date, input.to, idempotencyClaim), now) };
    const { created, send } = await startDailySend(deps, input.date, "manual", idempotencyClaim);
    const view = await sendView(deps.db, send, now);
    if (!created) throw new ApiError(409, "send_exists", `${input.date} already has a daily send (${send.status})`, "date", { send: view });
    return { status: 202, body: view };
  } catch (err) {
    if (err instanceof NoPostsError) throw new ApiError(404, "no_posts", err.message, "date");
    if (err instanceof ClaimLostError) throw new ApiError(409, "idempotency_in_progress", err.message, "Idempotency-Key");
    throw err;
  }
}

/** Sends newest first, a page at a time (`before` a send id). */
export async function sendsPage(db: D1Database, limit: number, before: number | undefined, now: number): Promise<{ sends: SendView[]; next: string | null }> {
  const sends = await listSends(db, limit, before);
  return { sends: await Promise.all(sends.map((s) => sendView(db, s, now))), next: sends.length === limit ? String(sends.at(-1)!.id) : null };
}

/** One send's progress, or undefined. */
export async function sendProgress(db: D1Database, id: number, now: number): Promise<SendView | undefined> {
  const send = await findSend(db, id);
  return send ? sendView(db, send, now) : undefined;
}
