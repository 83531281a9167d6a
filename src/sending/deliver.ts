// The mechanics of sending one queue message's deliveries, a group at a time: claim the group
// in the ledger (re-checking each subscriber), build its messages, take slots from the global
// limiter, mark the rows in flight, call SES for each at its slot, record the answers, and
// carry out what send-decision.ts says of them. Every change to a row names this run's claim
// token, so a run whose lease ran out cannot touch a row another run took over, and a
// redelivered message can never send a row twice.
import {
  claimDeliveries, deliveryCounts, expireInFlight, failClaimed, markSending, openDeliveries, recordOutcomes, releaseClaimed, skipOpen, unmarkSending, type ClaimedDelivery, type DeliveryOutcome,
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
import { decideBatch, decideGroup, type AnswerKind, type GroupDecision } from "./send-decision.ts";
import type { Slots } from "./send-slots.ts";
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
  const message = await startBatch(deps, sendId, ids);
  if (!message) return { done: true };
  const run: Run = { deps, sendId, message, token: crypto.randomUUID(), lateRounds: 0, throttled: false };
  let stopped = false;
  for (let i = 0; i < ids.length && !stopped; i += SEND_CONCURRENCY) stopped = await sendGroup(run, ids.slice(i, i + SEND_CONCURRENCY));
  // A cancel that raced this batch: what went back to pending will never go out.
  if (stopped && (await findSend(deps.db, sendId))?.status === "cancelled") await skipOpen(deps.db, sendId, "cancelled", deps.now());
  await finishSend(deps, sendId);
  const open = stopped ? { pending: 0, leasedUntil: null } : await openDeliveries(deps.db, ids);
  return decideBatch({ stopped, throttled: run.throttled, open, attempt, now: deps.now(), backoffMs });
}

/** One queue message's run: what every group of it shares. */
interface Run {
  deps: SendingDeps;
  sendId: number;
  message: PreparedMessage;
  /** Names this run's claims: no other run can touch them. */
  token: string;
  lateRounds: number;
  throttled: boolean;
}

/** The prepared message if the send is running (rows in flight past their lease made unknown first); else nothing to do. */
async function startBatch(deps: SendingDeps, sendId: number, ids: readonly number[]): Promise<PreparedMessage | undefined> {
  const send = await findSend(deps.db, sendId);
  // Paused, cancelled or gone: nothing to do now; a resume puts pending rows back on the queue.
  if (!send || send.status !== "sending") return undefined;
  const message = await preparedFor(deps, sendId);
  if (!message) {
    if (await setSendStatus(deps.db, sendId, ["sending"], "failed", deps.now(), "the send has no rendered email")) {
      await alertAuthors(deps, (await findSend(deps.db, sendId))!, "failed", "The send failed: it has no rendered email.");
    }
    return undefined;
  }
  await expireInFlight(deps.db, sendId, ids, deps.now());
  return message;
}

/** Claims a group, sends it at its slots, and gives back what it did not send; true if the run must stop. */
async function sendGroup(run: Run, group: readonly number[]): Promise<boolean> {
  const { deps } = run;
  const claimed = (await claimDeliveries(deps.db, run.sendId, group, deps.now(), LEASE_MS, run.token)).filter((d) => d.status === "claimed");
  const waiting = await buildClaimed(run, claimed);
  let stopped = false;
  while (waiting.length > 0 && !stopped) {
    // Slots right before the calls, so the rate holds where SES sees it.
    const slots = await deps.limiter.acquire(waiting.length, deps.config.maxSendRate);
    if (slots.granted === 0) {
      await sleep(slots.waitMs);
      continue;
    }
    const { answers, late, stillSending } = await sendPart(run, waiting.splice(0, slots.granted), slots);
    // A call that could not start on time would crowd the next second: it waits for a new
    // slot. Should that keep happening, the rest go back to the queue rather than spin here.
    if (late.length > 0 && ++run.lateRounds <= MAX_LATE_ROUNDS) waiting.unshift(...late);
    const failed = stillSending && answers.some((a) => a.kind === "rejected") ? (await deliveryCounts(deps.db, run.sendId)).failed : 0;
    const facts = answers.map((a) => ({ kind: a.kind, ...(a.row.status === "sent" ? {} : { error: a.row.error }) }));
    stopped = await carryOut(run, decideGroup({ answers: facts, stillSending, failed, maxSendErrors: deps.config.maxSendErrors }));
  }
  // Whatever this run claimed and did not hand to SES goes back (the token guards it).
  await releaseClaimed(deps.db, claimed.map((d) => d.id), run.token, "given back unsent: the send stopped, or no slot could be kept", deps.now());
  return stopped;
}

/**
 * Each claimed row's message. A row whose message cannot be made (an address stored before a
 * stricter rule, say) fails at once with the reason, instead of sinking its whole group on
 * every retry.
 */
async function buildClaimed(run: Run, claimed: readonly ClaimedDelivery[]): Promise<Ready[]> {
  const ready: Ready[] = [];
  const broken: { id: number; error: string }[] = [];
  for (const delivery of claimed) {
    try {
      ready.push({ delivery, raw: build(run.deps, run.message, delivery) });
    } catch (err) {
      broken.push({ id: delivery.id, error: `the message could not be made: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  await failClaimed(run.deps.db, broken, run.token, run.deps.now());
  return ready;
}

/** Marks a part in flight, calls SES for each row at its slot, and records every answer. */
async function sendPart(run: Run, part: Ready[], slots: Slots): Promise<{ answers: Answer[]; late: Ready[]; stillSending: boolean }> {
  const { deps } = run;
  const inFlight = new Set(await markSending(deps.db, part.map((r) => r.delivery.id), run.token, deps.now(), LEASE_MS));
  // A row that could not be marked: the send's status changed under us (pause, cancel).
  const stillSending = inFlight.size === part.length || (await findSend(deps.db, run.sendId))?.status === "sending";
  const calls = part.flatMap((r, k) => (inFlight.has(r.delivery.id) ? [{ r, at: slots.firstAt + k * slots.spacingMs }] : []));
  const settled = await Promise.allSettled(calls.map(({ r, at }) => atSlot(deps, at, () => callSes(deps, r))));
  const late = calls.filter((_, i) => isLate(settled[i]!)).map((c) => c.r);
  if (late.length > 0) await unmarkSending(deps.db, late.map((r) => r.delivery.id), run.token, deps.now());
  const answers = settled.flatMap((r) => (r.status === "fulfilled" && r.value !== "late" ? [r.value] : []));
  await recordOutcomes(deps.db, run.token, answers.map((a) => a.row), deps.now());
  // Every answer of the part is recorded before a crash in one of them goes up to the queue.
  const crashed = settled.find((r) => r.status === "rejected");
  if (crashed) throw crashed.reason;
  return { answers, late, stillSending };
}

/** Carries out a group's decision; true if the run must stop. */
async function carryOut(run: Run, decision: GroupDecision): Promise<boolean> {
  switch (decision.action) {
    case "continue":
      return false;
    case "back_off":
      run.throttled = true;
      return false;
    case "stop":
      return true;
    case "pause": {
      const { deps, sendId } = run;
      if (await setSendStatus(deps.db, sendId, ["sending"], "paused", deps.now(), decision.reason)) {
        await alertAuthors(deps, (await findSend(deps.db, sendId))!, decision.cause, decision.alert);
      }
      return true;
    }
  }
}

function build(deps: SendingDeps, message: PreparedMessage, d: ClaimedDelivery): Uint8Array {
  const { config } = deps;
  const url = unsubscribeUrlFor(config, d.subscriberId === null ? "test" : String(d.subscriberId));
  return personaliseBytes(message, { address: d.email, unsubscribeUrl: url, date: new Date(deps.now()) });
}

interface Answer {
  kind: AnswerKind;
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
    case "unsent": // the request never reached SES
    case "account":
      return { kind: outcome.kind, row: { id, status: "pending", error } };
    case "rejected":
      return { kind: "rejected", row: { id, status: "failed", error } };
    case "unknown":
      return { kind: "unknown", row: { id, status: "unknown", error } };
  }
}



const isLate = (r: PromiseSettledResult<unknown>) => r.status === "fulfilled" && r.value === "late";
