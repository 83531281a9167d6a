// Sends one queue message's deliveries: claim in the ledger, re-check each subscriber,
// take permits from the global limiter, mark the row in flight, call SES, record the
// outcome. What the ledger says decides everything, so a redelivered message or a second
// consumer can never send a row twice.
import { expireInFlight, claimDeliveries, markFinal, markSending, markSent, openDeliveries, releaseDelivery, deliveryCounts, skipOpen, type ClaimedDelivery } from "../db/deliveries.ts";
import { findSend, sendSnapshot, setSendStatus } from "../db/sends.ts";
import { alertAuthors } from "./alerts.ts";
import { finishSend } from "./finish-send.ts";
import { personalise, prepareMessage, type PreparedMessage } from "../email/personalise.ts";
import { dailyMessageHeaders } from "../email/message-headers.ts";
import { subscriberUnsubscribeUrl } from "../subscriptions/subscriber-links.ts";
import { unsubscribeUrl } from "../content/urls.ts";
import { signToken } from "../tokens/signed-token.ts";
import { LEASE_MS, SEND_CONCURRENCY, type SendingDeps } from "./sending-deps.ts";

/** What the queue should do with the message: done with it, or try again after a while. */
export type DeliverResult = { done: true } | { done: false; retryAfterMs: number };

const prepared = new Map<number, Promise<PreparedMessage | undefined>>();

function preparedFor(deps: SendingDeps, sendId: number): Promise<PreparedMessage | undefined> {
  let message = prepared.get(sendId);
  if (!message) {
    // Encoded once per send and isolate; every recipient's copy is made from it.
    message = sendSnapshot(deps.db, sendId).then((s) => (s ? prepareMessage(s, dailyMessageHeaders(deps.config)) : undefined));
    if (prepared.size > 16) prepared.delete(prepared.keys().next().value!);
    prepared.set(sendId, message);
  }
  return message;
}

export async function deliverBatch(deps: SendingDeps, sendId: number, ids: readonly number[], attempt: number): Promise<DeliverResult> {
  const send = await findSend(deps.db, sendId);
  // Paused, cancelled or gone: nothing to do now; a resume puts pending rows back on the queue.
  if (!send || send.status !== "sending") return { done: true };
  const message = await preparedFor(deps, sendId);
  if (!message) {
    if (await setSendStatus(deps.db, sendId, ["sending"], "failed", deps.now(), "the send has no rendered email")) {
      await alertAuthors(deps, (await findSend(deps.db, sendId))!, "failed", "The send failed: it has no rendered email.");
    }
    return { done: true };
  }

  await expireInFlight(deps.db, sendId, ids, deps.now());
  const claimed = (await claimDeliveries(deps.db, sendId, ids, deps.now(), LEASE_MS)).filter((d) => d.status === "claimed");
  let throttled = false;
  let stopped = false;
  let i = 0; // claimed rows reached so far

  while (i < claimed.length && !stopped) {
    const permits = await deps.limiter.acquire(Math.min(SEND_CONCURRENCY, claimed.length - i), deps.config.maxSendRate);
    if (permits.granted === 0) {
      await sleep(permits.waitMs);
      continue;
    }
    const group = claimed.slice(i, i + permits.granted);
    i += group.length;
    // Settle every call of the group before anything else: one failure must not leave its
    // siblings' answers unrecorded.
    const settled = await Promise.allSettled(group.map((d) => deliverOne(deps, sendId, message, d)));
    const crashed = settled.find((r) => r.status === "rejected");
    if (crashed) throw crashed.reason;
    const outcomes = settled.map((r) => (r as PromiseFulfilledResult<Outcome>).value);
    throttled ||= outcomes.includes("throttled");
    if (outcomes.includes("stop")) stopped = true;
    if (outcomes.includes("failed") && (await overErrorBudget(deps, sendId))) {
      const reason = `paused: more than MAX_SEND_ERRORS (${deps.config.maxSendErrors}) recipients failed`;
      if (await setSendStatus(deps.db, sendId, ["sending"], "paused", deps.now(), reason)) {
        await alertAuthors(deps, (await findSend(deps.db, sendId))!, "paused:error_budget", `The send paused: ${reason.slice(8)}.`);
      }
      stopped = true;
    }
  }
  // Rows claimed but not reached (the send stopped) go back to pending for a resume.
  for (const d of claimed.slice(i)) await releaseDelivery(deps.db, d.id, "not sent: the send stopped", deps.now());
  // A cancel that raced this batch: what went back to pending will never go out.
  if (stopped && (await findSend(deps.db, sendId))?.status === "cancelled") await skipOpen(deps.db, sendId, "cancelled", deps.now());

  await finishSend(deps, sendId);
  if (stopped) return { done: true };
  const open = await openDeliveries(deps.db, ids);
  if (throttled || open.pending > 0) return { done: false, retryAfterMs: backoffMs(attempt) };
  if (open.leasedUntil !== null) return { done: false, retryAfterMs: Math.max(1000, open.leasedUntil - deps.now()) };
  return { done: true };
}

type Outcome = "sent" | "throttled" | "failed" | "unknown" | "stop" | "skipped";

async function deliverOne(deps: SendingDeps, sendId: number, message: PreparedMessage, d: ClaimedDelivery): Promise<Outcome> {
  const { db, config } = deps;
  const url = d.subscriberId === null
    ? unsubscribeUrl(config, await signToken(config.signingKeys, { purpose: "unsubscribe", subject: "test" }))
    : await subscriberUnsubscribeUrl(config, d.subscriberId);
  const raw = personalise(message, { address: d.email, unsubscribeUrl: url, date: new Date(deps.now()) });
  if (!(await markSending(db, d.id, deps.now(), LEASE_MS))) {
    // Paused or cancelled since the claim (or no longer ours): give the row back untouched.
    await releaseDelivery(db, d.id, "not sent: the send stopped", deps.now());
    return "stop";
  }
  const outcome = await deps.mailer.send({ raw, from: config.from.address, to: d.email });
  const now = deps.now();
  if (outcome.ok) {
    await markSent(db, d.id, outcome.messageId, now);
    return "sent";
  }
  const error = `${outcome.code}: ${outcome.message}`.slice(0, 500);
  switch (outcome.kind) {
    case "throttled":
      await releaseDelivery(db, d.id, error, now); // SES did not take it: never counted as sent
      return "throttled";
    case "rejected":
      await markFinal(db, d.id, "failed", error, now);
      return "failed";
    case "unknown":
      await markFinal(db, d.id, "unknown", error, now);
      return "unknown";
    case "account":
      await releaseDelivery(db, d.id, error, now);
      if (await setSendStatus(db, sendId, ["sending"], "paused", now, `paused: SES refused the account (${error})`)) {
        await alertAuthors(deps, (await findSend(db, sendId))!, "paused:account", `The send paused: SES refused the account (${error}).`);
      }
      return "stop";
  }
}

async function overErrorBudget(deps: SendingDeps, sendId: number): Promise<boolean> {
  return (await deliveryCounts(deps.db, sendId)).failed > deps.config.maxSendErrors;
}

/** 1 s, 2 s, 4 s … up to a minute. */
export function backoffMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
