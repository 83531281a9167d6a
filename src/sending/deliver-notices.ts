// Sends transactional mail (confirmations, alerts, welcomes) from its notice rows, each at a slot of
// the one global limiter the daily email uses, so no mail of Herald's passes MAX_SEND_RATE.
// What SES does not take now is tried again later; the sweep gives up after a day.
import { followsEvent } from "../content/follows.ts";
import { findAlert } from "../db/alerts.ts";
import { claimNotices, nextNoticeAttempt, recordNoticeOutcomes, type Notice, type NoticeOutcome } from "../db/notices.ts";
import { findSend } from "../db/sends.ts";
import { findSubscriber } from "../db/subscribers.ts";
import type { SendOutcome } from "../mail/ses-mailer.ts";
import { catchUpDays } from "../content/catch-up.ts";
import { findEvent } from "../content/published.ts";
import { confirmationMail } from "../subscriptions/confirmation-mail.ts";
import { describeChoice } from "../subscriptions/delivery-choices.ts";
import { welcomeMail } from "../subscriptions/welcome-mail.ts";
import { refusedAfter } from "../subscriptions/confirmation-rule.ts";
import { alertMail } from "./alerts.ts";
import { atSlot, sleep } from "./at-slot.ts";
import type { DeliverResult } from "./deliver.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { LEASE_MS, MAX_LATE_ROUNDS, noticeRetryMs } from "./tuning.ts";


interface Ready {
  notice: Notice;
  raw: string;
}

export async function deliverNotices(deps: SendingDeps, ids: readonly number[]): Promise<DeliverResult> {
  const token = crypto.randomUUID();
  const claimed = await claimNotices(deps.db, ids, token, deps.now(), LEASE_MS);
  const outcomes: NoticeOutcome[] = [];
  const waiting: Ready[] = [];
  for (const notice of claimed) {
    try {
      const built = await buildNotice(deps, notice);
      if (typeof built === "string") waiting.push({ notice, raw: built });
      else outcomes.push({ id: notice.id, status: "skipped", error: built.skip });
    } catch (err) {
      // A mail that cannot be made (an address stored before a stricter rule) will not be made by retrying.
      outcomes.push({ id: notice.id, status: "failed", error: `the message could not be made: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  let lateRounds = 0;
  while (waiting.length > 0 && lateRounds <= MAX_LATE_ROUNDS) {
    const slots = await deps.limiter.acquire(waiting.length, deps.config.maxSendRate);
    if (slots.granted === 0) {
      await sleep(slots.waitMs);
      continue;
    }
    const part = waiting.splice(0, slots.granted);
    const settled = await Promise.allSettled(
      part.map((r, k) => atSlot(deps, slots.firstAt + k * slots.spacingMs, () => deps.mailer.send({ raw: r.raw, from: deps.config.from.address, to: r.notice.recipient }))),
    );
    let late = false;
    settled.forEach((answer, k) => {
      const { notice } = part[k]!;
      if (answer.status === "fulfilled" && answer.value === "late") return void ((late = true), waiting.push(part[k]!));
      outcomes.push(answer.status === "fulfilled" ? outcomeOf(notice, answer.value as SendOutcome, deps.now()) : retryLater(notice, String(answer.reason), deps.now()));
    });
    if (late) lateRounds++;
  }
  for (const r of waiting) outcomes.push(retryLater(r.notice, "no send slot could be kept", deps.now()));
  await recordNoticeOutcomes(deps.db, token, outcomes, deps.now());
  const next = await nextNoticeAttempt(deps.db, ids);
  return next === null ? { done: true } : { done: false, retryAfterMs: Math.max(1000, next - deps.now()) };
}

/** The notice's mail, or why it is no longer to be sent. */
async function buildNotice(deps: SendingDeps, notice: Notice): Promise<string | { skip: string }> {
  if (notice.kind === "confirmation") {
    const subscriber = notice.subscriberId === null ? undefined : await findSubscriber(deps.db, notice.subscriberId);
    if (!subscriber) return { skip: "the subscriber was erased" };
    if (subscriber.status === "active") return { skip: "already confirmed" };
    if (refusedAfter(subscriber, notice.requestedAt)) return { skip: "the address unsubscribed or refused our mail after asking" };
    return confirmationMail(deps.config, subscriber, notice.requestedAt, deps.now(), describeChoice(subscriber, deps.index.events));
  }
  if (notice.kind === "welcome") return buildWelcome(deps, notice);
  const alert = notice.alertId === null ? undefined : await findAlert(deps.db, notice.alertId);
  const send = alert && (await findSend(deps.db, alert.sendId));
  if (!alert || !send) return { skip: "the alert's send is gone" };
  return alertMail(deps.config, send, alert.cause, alert.message, notice.recipient, deps.now());
}

/**
 * A welcome, as it was due when the person confirmed (requestedAt): the same days on every
 * attempt. Not sent to someone who left or no longer follows the event since.
 */
async function buildWelcome(deps: SendingDeps, notice: Notice): Promise<string | { skip: string }> {
  const subscriber = notice.subscriberId === null ? undefined : await findSubscriber(deps.db, notice.subscriberId);
  if (!subscriber) return { skip: "the subscriber was erased" };
  if (subscriber.status !== "active") return { skip: `the subscriber is ${subscriber.status}` };
  const event = notice.event === null ? undefined : findEvent(deps.index, notice.event);
  if (!event) return { skip: "the event is no longer on the site" };
  if (!followsEvent(subscriber.follows, event)) return { skip: "the subscriber no longer follows the event" };
  const days = catchUpDays(deps.index, event, deps.config, notice.requestedAt);
  if (days.length === 0) return { skip: "the event has no days to catch up on" };
  return welcomeMail(deps.config, subscriber, event, days, deps.now());
}

function outcomeOf(notice: Notice, outcome: SendOutcome, now: number): NoticeOutcome {
  if (outcome.ok) return { id: notice.id, status: "sent", messageId: outcome.messageId };
  const error = `${outcome.kind}: ${outcome.code}: ${outcome.message}`.slice(0, 500);
  // This recipient refused: trying again would not help. Anything else (throttled, unsent,
  // the account paused, an answer lost) is tried again later: a second confirmation or alert
  // is harmless, a missing one is not.
  if (outcome.kind === "rejected") return { id: notice.id, status: "failed", error };
  // A welcome comes at most once: when SES may have taken it (its answer was lost), it is
  // recorded as failed with the reason rather than sent a second time.
  if (notice.kind === "welcome" && outcome.kind === "unknown") return { id: notice.id, status: "failed", error: `SES may have sent it (its answer was lost), so it is not sent again: ${error}`.slice(0, 500) };
  return retryLater(notice, error, now);
}

/** Again later, until the sweep gives up after a day. */
function retryLater(notice: Notice, error: string, now: number): NoticeOutcome {
  return { id: notice.id, status: "pending", error: error.slice(0, 500), retryAt: now + noticeRetryMs(notice.attempts) };
}
