// Sends one queue message's deliveries, a group at a time: claim the group in the ledger
// (re-checking each subscriber), build its messages, take permits from the global limiter,
// mark the permitted rows in flight, call SES for each at its slot, record the answers. Every change to a row
// names this run's claim token, so a run whose lease ran out cannot touch a row another run
// took over, and a redelivered message can never send a row twice.
import {
  claimDeliveries, deliveryCounts, expireInFlight, markSending, openDeliveries, recordOutcomes, releaseClaimed, skipOpen, unmarkSending, type ClaimedDelivery, type DeliveryOutcome,
} from "../db/deliveries.ts";
import { findSend, sendSnapshot, setSendStatus } from "../db/sends.ts";
import { dailyMessageHeaders } from "../email/message-headers.ts";
import { personaliseBytes, prepareMessage, type PreparedMessage } from "../email/personalise.ts";
import { unsubscribeUrlFor } from "../subscriptions/subscriber-links.ts";
import { alertAuthors } from "./alerts.ts";
import { finishSend } from "./finish-send.ts";
import { PromiseCache } from "../util/promise-cache.ts";
import { atSlot, sleep } from "./at-slot.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { backoffMs, LEASE_MS, MAX_LATE_ROUNDS, SEND_CONCURRENCY } from "./tuning.ts";


/** What the queue should do with the message: done with it, or try again after a while. */
export type DeliverResult = { done: true } | { done: false; retryAfterMs: number };

interface Ready {
  delivery: ClaimedDelivery;
  raw: Uint8Array;
}

// Encoded once per send and isolate; every recipient's copy is made from it.
const prepared = new PromiseCache<number, PreparedMessage | undefined>(16);

function preparedFor(deps: SendingDeps, sendId: number): Promise<PreparedMessage | undefined> {
  return prepared.get(sendId, () => sendSnapshot(deps.db, sendId).then((s) => (s ? prepareMessage(s, dailyMessageHeaders(deps.config)) : undefined)));
}

export async function deliverBatch(deps: SendingDeps, sendId: number, ids: readonly number[], attempt: number): Promise<DeliverResult> {
  const { db } = deps;
  const send = await findSend(db, sendId);
  // Paused, cancelled or gone: nothing to do now; a resume puts pending rows back on the queue.
  if (!send || send.status !== "sending") return { done: true };
  const message = await preparedFor(deps, sendId);
  if (!message) {
    if (await setSendStatus(db, sendId, ["sending"], "failed", deps.now(), "the send has no rendered email")) {
      await alertAuthors(deps, (await findSend(db, sendId))!, "failed", "The send failed: it has no rendered email.");
    }
    return { done: true };
  }

  await expireInFlight(db, sendId, ids, deps.now());
  const token = crypto.randomUUID();
  const remaining = [...ids];
  let throttled = false;
  let stopped = false;
  let lateRounds = 0;

  while (remaining.length > 0 && !stopped) {
    const group = remaining.splice(0, SEND_CONCURRENCY);
    const claimed = (await claimDeliveries(db, sendId, group, deps.now(), LEASE_MS, token)).filter((d) => d.status === "claimed");
    const waiting: Ready[] = claimed.map((delivery) => ({ delivery, raw: build(deps, message, delivery) }));
    while (waiting.length > 0 && !stopped) {
      // Slots right before the calls, so the rate holds where SES sees it.
      const slots = await deps.limiter.acquire(waiting.length, deps.config.maxSendRate);
      if (slots.granted === 0) {
        await sleep(slots.waitMs);
        continue;
      }
      const part = waiting.splice(0, slots.granted);
      const inFlight = new Set(await markSending(db, part.map((r) => r.delivery.id), token, deps.now(), LEASE_MS));
      if (inFlight.size < part.length) stopped = (await findSend(db, sendId))?.status !== "sending";
      const calls = part.flatMap((r, k) => (inFlight.has(r.delivery.id) ? [{ r, at: slots.firstAt + k * slots.spacingMs }] : []));
      const settled = await Promise.allSettled(calls.map(({ r, at }) => atSlot(deps, at, () => callSes(deps, r))));
      // A call that could not start on time would crowd the next second: it waits for a new
      // slot. Should that keep happening, the rest go back to the queue rather than spin here.
      const late = calls.filter((_, i) => isLate(settled[i]!)).map((c) => c.r);
      if (late.length > 0) {
        await unmarkSending(db, late.map((r) => r.delivery.id), token, deps.now());
        if (++lateRounds <= MAX_LATE_ROUNDS) waiting.unshift(...late);
      }
      const answers = settled.flatMap((r) => (r.status === "fulfilled" && r.value !== "late" ? [r.value] : []));
      await recordOutcomes(db, token, answers.map((a) => a.row), deps.now());
      // Every answer of the part is recorded before a crash in one of them goes up to the queue.
      const crashed = settled.find((r) => r.status === "rejected");
      if (crashed) throw crashed.reason;
      throttled ||= answers.some((a) => a.kind === "throttled");
      const refused = answers.find((a) => a.kind === "account");
      if (refused) {
        stopped = true;
        const error = refused.row.status === "pending" ? refused.row.error : "";
        if (await setSendStatus(db, sendId, ["sending"], "paused", deps.now(), `paused: SES refused the account (${error})`)) {
          await alertAuthors(deps, (await findSend(db, sendId))!, "paused:account", `The send paused: SES refused the account (${error}).`);
        }
      }
      if (!stopped && answers.some((a) => a.kind === "rejected") && (await overErrorBudget(deps, sendId))) {
        const reason = `paused: more than MAX_SEND_ERRORS (${deps.config.maxSendErrors}) recipients failed`;
        if (await setSendStatus(db, sendId, ["sending"], "paused", deps.now(), reason)) {
          await alertAuthors(deps, (await findSend(db, sendId))!, "paused:error_budget", `The send paused: ${reason.slice(8)}.`);
        }
        stopped = true;
      }
    }
    // Whatever this run claimed and did not hand to SES goes back (the token guards it).
    await releaseClaimed(db, claimed.map((d) => d.id), token, "given back unsent: the send stopped, or no slot could be kept", deps.now());
  }
  // A cancel that raced this batch: what went back to pending will never go out.
  if (stopped && (await findSend(db, sendId))?.status === "cancelled") await skipOpen(db, sendId, "cancelled", deps.now());

  await finishSend(deps, sendId);
  if (stopped) return { done: true };
  const open = await openDeliveries(db, ids);
  if (throttled || open.pending > 0) return { done: false, retryAfterMs: backoffMs(attempt) };
  if (open.leasedUntil !== null) return { done: false, retryAfterMs: Math.max(1000, open.leasedUntil - deps.now()) };
  return { done: true };
}

function build(deps: SendingDeps, message: PreparedMessage, d: ClaimedDelivery): Uint8Array {
  const { config } = deps;
  const url = unsubscribeUrlFor(config, d.subscriberId === null ? "test" : String(d.subscriberId));
  return personaliseBytes(message, { address: d.email, unsubscribeUrl: url, date: new Date(deps.now()) });
}

interface Answer {
  kind: "sent" | "throttled" | "rejected" | "unknown" | "account";
  row: DeliveryOutcome;
}

/** One SES call, and what its answer makes of the row. */
async function callSes(deps: SendingDeps, { delivery, raw }: Ready): Promise<Answer> {
  const outcome = await deps.mailer.send({ raw, from: deps.config.from.address, to: delivery.email });
  const id = delivery.id;
  if (outcome.ok) return { kind: "sent", row: { id, status: "sent", messageId: outcome.messageId } };
  const error = `${outcome.code}: ${outcome.message}`.slice(0, 500);
  switch (outcome.kind) {
    case "throttled": // SES did not take it: never counted as sent
    case "account":
      return { kind: outcome.kind, row: { id, status: "pending", error } };
    case "rejected":
      return { kind: "rejected", row: { id, status: "failed", error } };
    case "unknown":
      return { kind: "unknown", row: { id, status: "unknown", error } };
  }
}

async function overErrorBudget(deps: SendingDeps, sendId: number): Promise<boolean> {
  return (await deliveryCounts(deps.db, sendId)).failed > deps.config.maxSendErrors;
}


const isLate = (r: PromiseSettledResult<unknown>) => r.status === "fulfilled" && r.value === "late";
