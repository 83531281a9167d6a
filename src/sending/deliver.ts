// The mechanics of sending one queue message's deliveries, a group at a time: book slots
// from the global limiter, claim as many rows as there are slots (re-checking each
// subscriber), build their messages, mark each few tens of milliseconds' calls in flight
// just before they start, call SES for each at its slot, record the answers, and carry out
// what send-decision.ts says of them. Every change to a row names this run's claim token,
// so a run whose lease ran out cannot touch a row another run took over, and a redelivered
// message can never send a row twice.
import {
  claimDeliveries, deliveryCounts, expireInFlight, failClaimed, markSending, openDeliveries, recordOutcomes, releaseClaimed, skipOpenIfCancelled, unmarkSending,
  type ClaimedDelivery, type DeliveryOutcome, type RunScope,
} from "../db/deliveries.ts";
import { findSend, holdForSes, setSendStatus, type Send } from "../db/sends.ts";
import { variantSnapshot } from "../db/send-variants.ts";
import { deliveryMessageId } from "../email/delivery-message-id.ts";
import { dailyMessageHeaders } from "../email/message-headers.ts";
import { personaliseBytes, prepareMessage, type PreparedMessage } from "../email/personalise.ts";
import { preferencesUrlFor, unsubscribeUrlFor } from "../subscriptions/subscriber-links.ts";
import { PromiseCache } from "../util/promise-cache.ts";
import { alertAuthors } from "./alerts.ts";
import { atSlot, sleep } from "./at-slot.ts";
import { finishSend } from "./finish-send.ts";
import { decideBatch, decideGroup, type AnswerKind, type GroupDecision } from "./send-decision.ts";
import type { Slots } from "./send-slots.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { isolateSesHealth, type SesHealth } from "./ses-health.ts";
import { backoffMs, CIRCUIT_FAILURES, LATE_MS, LEASE_MS, MARK_LEAD_MS, MARK_WINDOW_MS, MAX_LATE_ROUNDS, probeDelayMs, RELEASE_LEAD_MS, SEND_CONCURRENCY } from "./tuning.ts";

/** What the queue should do with the message: done with it, or try again after a while. */
export type DeliverResult = { done: true } | { done: false; retryAfterMs: number };

interface Ready {
  delivery: ClaimedDelivery;
  raw: Uint8Array;
}

// Encoded once per variant of a send and isolate; every recipient's copy is made from it.
const prepared = new PromiseCache<string, PreparedMessage | undefined>(32);

function preparedFor(deps: SendingDeps, sendId: number, variant: number): Promise<PreparedMessage | undefined> {
  return prepared.get(`${sendId}/${variant}`, () => variantSnapshot(deps.db, sendId, variant).then((s) => (s ? prepareMessage(s, dailyMessageHeaders(deps.config)) : undefined)));
}

/** How a group ended for the run: go on with the next, stop for good, or back off and come back later. */
type GroupEnd = "go" | "stop" | "back_off";

export async function deliverBatch(deps: SendingDeps, sendId: number, ids: readonly number[], attempt: number): Promise<DeliverResult> {
  const run = await startRun(deps, sendId, ids, "sending");
  if (!run) return { done: true };
  let end: GroupEnd = "go";
  for (let i = 0; i < ids.length && end === "go"; i += SEND_CONCURRENCY) end = await sendGroup(run, ids.slice(i, i + SEND_CONCURRENCY));
  // A cancel that raced this batch: whatever went back to pending will never go out.
  await skipOpenIfCancelled(deps.db, sendId, deps.now());
  await finishSend(deps, sendId);
  const stopped = end === "stop";
  const open = stopped ? { pending: 0, leasedUntil: null } : await openDeliveries(deps.db, ids, deps.now());
  return decideBatch({ stopped, backOff: end === "back_off", open, attempt, now: deps.now(), backoffMs });
}

/**
 * The circuit breaker's probe: one real recipient's message to a send waiting for SES.
 * "up" if SES answered (whatever it said), "down" if it still did not, "none" if the send has
 * no such row to try.
 */
export async function probeSend(deps: SendingDeps, sendId: number, deliveryId: number): Promise<"up" | "down" | "none"> {
  const run = await startRun(deps, sendId, [deliveryId], "probe");
  if (!run) return "none";
  const before = run.answered;
  await sendGroup(run, [deliveryId]);
  await skipOpenIfCancelled(deps.db, sendId, deps.now());
  if (run.answered > before) return "up";
  return run.unanswered > 0 ? "down" : "none";
}

/** One queue message's run (or one probe): what every group of it shares. */
interface Run {
  deps: SendingDeps;
  sendId: number;
  scope: RunScope;
  /** The whole day's message; the rows of other variants load theirs (preparedFor). */
  message: PreparedMessage;
  /** Names this run's claims: no other run can touch them. */
  token: string;
  lateRounds: number;
  /** Calls SES answered, and calls it did not (for the probe). */
  answered: number;
  unanswered: number;
  /** SES throttled or did not answer: no further call of this run starts. */
  holdingBack: boolean;
  /** The circuit breaker's count this run notes its answers in. */
  health: SesHealth;
}

/** A run may work on a sending send; the probe also on one held for SES (the same rule as the ledger's `sendOpen`). */
const workable = (send: Send | undefined, scope: RunScope) => send?.status === "sending" || (scope === "probe" && send?.status === "paused" && send.hold === "ses");

/** The run, if the send may be worked on (rows in flight past their lease made unknown first); else nothing to do. */
async function startRun(deps: SendingDeps, sendId: number, ids: readonly number[], scope: RunScope): Promise<Run | undefined> {
  // Paused, cancelled or gone: nothing to do now; a resume puts pending rows back on the queue.
  if (!workable(await findSend(deps.db, sendId), scope)) return undefined;
  const message = await preparedFor(deps, sendId, 0);
  if (!message) {
    if (await setSendStatus(deps.db, sendId, ["sending", "paused"], "failed", deps.now(), "the send has no rendered email")) {
      await alertAuthors(deps, (await findSend(deps.db, sendId))!, "failed", "The send failed: it has no rendered email.");
    }
    return undefined;
  }
  await expireInFlight(deps.db, sendId, ids, deps.now());
  return { deps, sendId, scope, message, token: crypto.randomUUID(), lateRounds: 0, answered: 0, unanswered: 0, holdingBack: false, health: deps.sesHealth ?? isolateSesHealth };
}

/**
 * Sends a group: slots first, then claims for as many rows as it got slots, so no claim
 * waits for the rate; late calls wait for new slots. Gives back whatever it claimed and did
 * not hand to SES.
 */
async function sendGroup(run: Run, group: readonly number[]): Promise<GroupEnd> {
  const { deps } = run;
  let unclaimed = [...group];
  const backlog: Ready[] = []; // claimed and built, waiting for a slot
  const claimedIds: number[] = [];
  let end: GroupEnd = "go";
  try {
    while ((backlog.length > 0 || unclaimed.length > 0) && end === "go") {
      const slots = await deps.limiter.acquire(backlog.length + unclaimed.length, deps.config.maxSendRate);
      if (slots.granted === 0) {
        await sleep(slots.waitMs);
        continue;
      }
      const part = backlog.splice(0, slots.granted);
      if (part.length < slots.granted && unclaimed.length > 0) {
        const want = slots.granted - part.length;
        const taken = await claimDeliveries(deps.db, run.sendId, unclaimed, deps.now(), LEASE_MS, run.token, want, run.scope);
        // Fewer than asked: nothing claimable is left in the group (sent, skipped, or another run's).
        unclaimed = taken.length < want ? [] : unclaimed.filter((id) => !taken.some((t) => t.id === id));
        const claimed = taken.filter((d) => d.status === "claimed");
        claimedIds.push(...claimed.map((d) => d.id));
        part.push(...(await buildClaimed(run, claimed)));
      }
      if (part.length === 0) continue; // the slots go unused: rare (a redelivered message, or skipped rows)
      const { answers, late, stillSending } = await sendPart(run, part, slots);
      // A call that could not start on time would crowd the next second: it waits for a new
      // slot. Should that keep happening, the rest go back to the queue rather than spin here.
      if (late.length > 0 && ++run.lateRounds <= MAX_LATE_ROUNDS) backlog.unshift(...late);
      end = await carryOut(run, await decide(run, answers, stillSending));
    }
  } finally {
    // Whatever this run claimed and did not hand to SES goes back (the token guards it).
    await releaseClaimed(deps.db, claimedIds, run.token, "given back unsent: the send stopped, or no slot could be kept", deps.now());
  }
  return end;
}

async function decide(run: Run, answers: readonly Answer[], stillSending: boolean): Promise<GroupDecision> {
  const { deps } = run;
  const { health } = run;
  // The probe's own lost answers never pause a send for the error budget: it is already held.
  const costly = stillSending && run.scope === "sending" && answers.some((a) => a.kind === "rejected" || a.kind === "unknown");
  const counts = costly ? await deliveryCounts(deps.db, run.sendId) : undefined;
  return decideGroup({
    answers: answers.map((a) => ({ kind: a.kind, ...(a.row.status === "sent" ? {} : { error: a.row.error }) })),
    stillSending,
    failed: counts ? counts.failed + counts.unknown : 0,
    maxSendErrors: deps.config.maxSendErrors,
    consecutiveFailures: health.consecutiveFailures,
    lastFailure: health.lastFailure,
    circuitFailures: CIRCUIT_FAILURES,
  });
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
      const message = delivery.variant === 0 ? run.message : await preparedFor(run.deps, run.sendId, delivery.variant);
      if (!message) throw new Error(`variant ${delivery.variant} of the send has no rendered email`);
      ready.push({ delivery, raw: build(run.deps, message, delivery, run.sendId) });
    } catch (err) {
      broken.push({ id: delivery.id, error: `the message could not be made: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  await failClaimed(run.deps.db, broken, run.token, run.deps.now());
  return ready;
}

interface Call {
  r: Ready;
  at: number;
}

/**
 * Calls SES for each row of the part at its slot. The calls are cut into windows of
 * MARK_WINDOW_MS; each window is marked in flight MARK_LEAD_MS before its first slot, so a
 * row is `sending` only from just before its request leaves. Records every answer at the end.
 */
async function sendPart(run: Run, part: Ready[], slots: Slots): Promise<{ answers: Answer[]; late: Ready[]; stillSending: boolean }> {
  const { deps } = run;
  const calls = part.map((r, k) => ({ r, at: slots.firstAt + k * slots.spacingMs }));
  const windows: Call[][] = [];
  for (const call of calls) {
    const open = windows.at(-1);
    if (open && call.at - open[0]!.at < MARK_WINDOW_MS) open.push(call);
    else windows.push([call]);
  }
  let stillSending = true;
  const results = await Promise.all(
    windows.map(async (window) => {
      const wait = window[0]!.at - MARK_LEAD_MS - Date.now();
      if (wait >= 1) await sleep(wait);
      // A window after the send stopped, or after SES throttled or did not answer, is not
      // marked: its rows stay claimed and go back (or wait for a slot, should the run go on).
      if (!stillSending || run.holdingBack) return window.map(() => "late" as const);
      const inFlight = new Set(await markSending(deps.db, window.map((c) => c.r.delivery.id), run.token, deps.now(), LEASE_MS, run.scope));
      // A row that could not be marked: the send's status changed under us (pause, cancel, a wait for SES).
      if (inFlight.size < window.length && !workable(await findSend(deps.db, run.sendId), run.scope)) stillSending = false;
      return Promise.all(window.map((c) => (inFlight.has(c.r.delivery.id) ? callAt(run, c) : ("skipped" as const))));
    }),
  );
  const settled = results.flat();
  // Not made on time: unmarked (if marked) and back for a new slot.
  const late = calls.filter((_, i) => settled[i] === "late" || settled[i] === "late-marked").map((c) => c.r);
  const lateMarked = calls.filter((_, i) => settled[i] === "late-marked").map((c) => c.r.delivery.id);
  if (lateMarked.length > 0) await unmarkSending(deps.db, lateMarked, run.token, deps.now());
  const answers = settled.flatMap((r) => (typeof r === "object" && "kind" in r ? [r] : []));
  await recordOutcomes(deps.db, run.token, answers.map((a) => a.row), deps.now());
  // Every answer of the part is recorded before a crash in one of them goes up to the queue.
  const crashed = settled.find((r): r is { crash: unknown } => typeof r === "object" && "crash" in r);
  if (crashed) throw crashed.crash;
  return { answers, late, stillSending };
}

/** One marked call at its slot: its answer, "late-marked" if it could not start on time, or the crash. */
async function callAt(run: Run, { r, at }: Call): Promise<Answer | "late-marked" | { crash: unknown }> {
  try {
    const answer = await atSlot(run.deps, at, () => callSes(run.deps, r, at), RELEASE_LEAD_MS);
    if (answer === "late") return "late-marked";
    run.health.note(answer.kind, answer.row.status === "sent" ? undefined : answer.row.error);
    if (answer.kind === "unsent" || answer.kind === "unknown") run.unanswered++;
    else run.answered++;
    if (answer.kind === "unsent" || answer.kind === "unknown" || answer.kind === "throttled") run.holdingBack = true;
    return answer;
  } catch (crash) {
    return { crash };
  }
}

/** Carries out a group's decision. */
async function carryOut(run: Run, decision: GroupDecision): Promise<GroupEnd> {
  const { deps, sendId } = run;
  switch (decision.action) {
    case "continue":
      return "go";
    case "back_off":
      return "back_off";
    case "stop":
      return "stop";
    case "wait_for_ses":
      // The probe itself never holds the send again: it is already held.
      if (run.scope === "sending" && (await holdForSes(deps.db, sendId, decision.reason, deps.now()))) {
        await deps.watch?.arm(sendId, probeDelayMs(0));
        await alertAuthors(deps, (await findSend(deps.db, sendId))!, "waiting:ses", decision.alert);
      }
      return "stop";
    case "pause":
      if (await setSendStatus(deps.db, sendId, ["sending", "paused"], "paused", deps.now(), decision.reason)) {
        await alertAuthors(deps, (await findSend(deps.db, sendId))!, decision.cause, decision.alert);
      }
      return "stop";
  }
}

function build(deps: SendingDeps, message: PreparedMessage, d: ClaimedDelivery, sendId: number): Uint8Array {
  const { config } = deps;
  const subject = d.subscriberId === null ? "test" : String(d.subscriberId);
  // Herald's own Message-ID names the row, so SES's events can settle it (delivery-message-id.ts).
  const messageId = deliveryMessageId(message.domain, { sendId, deliveryId: d.id });
  return personaliseBytes(message, {
    address: d.email,
    unsubscribeUrl: unsubscribeUrlFor(config, subject),
    preferencesUrl: preferencesUrlFor(config, subject),
    date: new Date(deps.now()),
    messageId,
  });
}

interface Answer {
  kind: AnswerKind;
  row: DeliveryOutcome;
}

/** One SES call at its slot, and what its answer makes of the row ("late": it was not made). */
async function callSes(deps: SendingDeps, { delivery, raw }: Ready, at: number): Promise<Answer | "late"> {
  const outcome = await deps.mailer.send({ raw, from: deps.config.from.address, to: delivery.email, releaseAt: at, notAfter: at + LATE_MS });
  const id = delivery.id;
  if (outcome.ok) return { kind: "sent", row: { id, status: "sent", messageId: outcome.messageId } };
  const error = `${outcome.code}: ${outcome.message}`.slice(0, 500);
  switch (outcome.kind) {
    case "throttled": // SES did not take it: never counted as sent
    case "account":
    case "unsent": // the request never reached SES
      return { kind: outcome.kind, row: { id, status: "pending", error } };
    case "rejected":
      return { kind: "rejected", row: { id, status: "failed", error } };
    case "unknown":
      return { kind: "unknown", row: { id, status: "unknown", error } };
    case "late": // held for its slot and not made: it books a new one
      return "late";
  }
}
