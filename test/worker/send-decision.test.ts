// The send decisions, table by table: pure functions, no database, no SES.
import { describe, expect, it } from "vitest";
import { decideBatch, decideGroup, type AnswerKind, type BatchFacts, type GroupFacts } from "../../src/sending/send-decision.ts";
import { backoffMs } from "../../src/sending/tuning.ts";

const answers = (...kinds: AnswerKind[]) => kinds.map((kind) => ({ kind, ...(kind === "sent" ? {} : { error: `${kind}: injected` }) }));
const facts = (over: Partial<GroupFacts>): GroupFacts => ({ answers: answers("sent"), stillSending: true, failed: 0, maxSendErrors: 5, consecutiveFailures: 0, lastFailure: "", circuitFailures: 3, ...over });

describe("after a group of SES answers", () => {
  it.each<[string, Partial<GroupFacts>, string]>([
    ["all sent", {}, "continue"],
    ["an unknown answer alone", { answers: answers("sent", "unknown") }, "back_off"],
    ["throttled", { answers: answers("sent", "throttled") }, "back_off"],
    ["a refused recipient within the budget", { answers: answers("rejected"), failed: 5 }, "continue"],
    ["a refused recipient past the budget", { answers: answers("rejected"), failed: 6 }, "pause"],
    ["past the budget, but no refusal in this group", { answers: answers("sent"), failed: 60 }, "continue"],
    ["the account refused", { answers: answers("sent", "account") }, "pause"],
    ["the account refused and throttled", { answers: answers("throttled", "account") }, "pause"],
    ["an author paused meanwhile", { stillSending: false, answers: answers("account") }, "stop"],
    ["a request that never left, alone", { answers: answers("sent", "unsent"), consecutiveFailures: 1 }, "back_off"],
    ["three calls in a row without an answer from SES", { answers: answers("unsent", "unsent"), consecutiveFailures: 3 }, "wait_for_ses"],
    ["lost answers count for the breaker too", { answers: answers("unknown"), consecutiveFailures: 4 }, "wait_for_ses"],
    ["the breaker's count, but this group got answers", { answers: answers("sent"), consecutiveFailures: 3 }, "continue"],
    ["unknown rows count against the budget", { answers: answers("unknown"), failed: 6 }, "pause"],
    ["throttled and no answer: waiting for SES comes first", { answers: answers("throttled", "unsent"), consecutiveFailures: 3 }, "wait_for_ses"],
  ])("%s → %s", (_name, over, action) => {
    expect(decideGroup(facts(over)).action).toBe(action);
  });

  it("a pause says why, for the send's reason and the alert", () => {
    expect(decideGroup(facts({ answers: answers("account") }))).toEqual({
      action: "pause",
      cause: "paused:account",
      reason: "paused: SES refused the account (account: injected)",
      alert: "The send paused: SES refused the account (account: injected).",
    });
    expect(decideGroup(facts({ answers: answers("rejected"), failed: 9, maxSendErrors: 0 }))).toMatchObject({ cause: "paused:error_budget", reason: "paused: more than MAX_SEND_ERRORS (0) recipients failed or got no answer" });
    expect(decideGroup(facts({ answers: answers("unsent"), consecutiveFailures: 3, lastFailure: "unsent: refused" }))).toEqual({
      action: "wait_for_ses",
      reason: "waiting for SES: 3 calls in a row got no answer from SES (last: unsent: refused)",
      alert: "The send is waiting for SES: 3 calls in a row got no answer from SES (last: unsent: refused). It goes on by itself once SES answers again.",
    });
  });
});

describe("at the end of a queue message", () => {
  const base: BatchFacts = { stopped: false, backOff: false, open: { pending: 0, leasedUntil: null }, attempt: 3, now: 10_000, backoffMs };
  it.each<[string, Partial<BatchFacts>, ReturnType<typeof decideBatch>]>([
    ["everything final", {}, { done: true }],
    ["stopped, even with rows open", { stopped: true, open: { pending: 4, leasedUntil: 99_000 } }, { done: true }],
    ["backing off (throttled)", { backOff: true }, { done: false, retryAfterMs: 4_000 }],
    ["rows still pending", { open: { pending: 2, leasedUntil: null } }, { done: false, retryAfterMs: 4_000 }],
    ["rows under another run's lease", { open: { pending: 0, leasedUntil: 40_000 } }, { done: false, retryAfterMs: 30_000 }],
    ["a lease about to run out", { open: { pending: 0, leasedUntil: 10_200 } }, { done: false, retryAfterMs: 1_000 }],
  ])("%s", (_name, over, expected) => {
    expect(decideBatch({ ...base, ...over })).toEqual(expected);
  });
});
