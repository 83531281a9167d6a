// What the author API does with sends: a dry run, a test send, the day's send by hand, the
// list and one send's progress. Errors are ApiErrors naming the field.
import { findSend, listSends } from "../db/sends.ts";
import { activeByChoice, type ChoiceCount } from "../db/active-choices.ts";
import { hoursHistogram } from "../content/delivery-time.ts";
import { parseFollows, type Follows } from "../content/follows.ts";
import { ApiError } from "../http/api-error.ts";
import { ClaimLostError } from "./idempotency.ts";
import { NoPostsOfEventsError, renderSendDay, renderVariant, type SendDay } from "./send-posts.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { sendView, type SendView } from "./send-view.ts";
import { NoPostsError, startDailySend, startTestSend } from "./start-send.ts";
import { rowDueAt } from "./due-rule.ts";
import { countVariants, isWholeDay, variantOf, type VariantCount } from "./variant-rule.ts";

/** A test send goes to at most this many given addresses (the API's `to`, the desk's form). */
export const MAX_TEST_RECIPIENTS = 20;

export interface SendRequest {
  date: string;
  dryRun?: boolean | undefined;
  to?: string[] | undefined;
  /** A test send or dry run of one variant: the events (or series) a follower would follow. */
  events?: string | string[] | undefined;
}

export interface SendAnswer {
  status: 200 | 202;
  body: object;
}

/** `idempotencyClaim`: the claim of the request's Idempotency-Key; the send made carries it. */
export async function requestSend(deps: SendingDeps, input: SendRequest, idempotencyClaim?: string): Promise<SendAnswer> {
  const now = deps.now();
  const only = variantAsked(deps, input);
  try {
    if (input.dryRun) {
      // The posts the real send would carry, after what other days' sends already carried.
      const day = await renderSendDay(deps, input.date, now, { mode: "email" }, only);
      if (!day) throw new NoPostsError(`no published posts for ${input.date}`);
      const { snapshot } = day;
      const plan = input.to || only !== undefined ? undefined : await dryRunPlan(deps, day, now);
      const variants = plan?.variants;
      const recipients = input.to ? input.to.length : variants ? variants.reduce((n, v) => n + v.recipients, 0) : undefined;
      return {
        status: 200,
        body: {
          dryRun: true, date: input.date, subject: snapshot.subject, ...(recipients === undefined ? {} : { recipients }), posts: snapshot.postSlugs, summarized: snapshot.summarized,
          ...(plan ? { variants: plan.variants, due: plan.due } : {}),
        },
      };
    }
    if (input.to) return { status: 202, body: await sendView(deps.db, await startTestSend(deps, input.date, input.to, idempotencyClaim, only), now) };
    const { created, send } = await startDailySend(deps, input.date, "manual", idempotencyClaim);
    const view = await sendView(deps.db, send, now);
    if (!created) throw new ApiError(409, "send_exists", `${input.date} already has a daily send (${send.status})`, "date", { send: view });
    return { status: 202, body: view };
  } catch (err) {
    if (err instanceof NoPostsError) throw new ApiError(404, "no_posts", err.message, "date");
    if (err instanceof NoPostsOfEventsError) throw new ApiError(404, "no_posts", err.message, "events");
    if (err instanceof ClaimLostError) throw new ApiError(409, "idempotency_in_progress", err.message, "Idempotency-Key");
    throw err;
  }
}

/** The `events` of a request, checked: only a test send or a dry run shows one variant. */
function variantAsked(deps: SendingDeps, input: SendRequest): Follows | undefined {
  if (input.events === undefined) return undefined;
  if (!input.to && !input.dryRun) throw new ApiError(400, "invalid_request", "events picks the variant of a test send (with to) or a dry run; the day's send goes to everyone by what they follow", "events");
  const parsed = parseFollows(input.events, deps.index.events);
  if (!parsed.ok) throw new ApiError(400, "invalid_events", `events ${parsed.message}`, "events");
  return parsed.follows;
}

/** When a send made now would be due for its recipients: at once, and per hour after (hour i is (from, to]). */
export interface DuePlan {
  atOnce: number;
  hours: { from: string; to: string; count: number }[];
}

/** What the send would be made of now: recipients per variant with its subject (rendered here, nothing stored), and when they are due. */
async function dryRunPlan(deps: SendingDeps, day: SendDay, now: number): Promise<{ variants: { events: string[]; subject: string; recipients: number }[]; due: DuePlan }> {
  const choices = await activeByChoice(deps.db);
  const variants = await Promise.all(
    countVariants(choices, day.dayEvents).map(async (v: VariantCount) => {
      const whole = isWholeDay(v.events, day.dayEvents);
      const snapshot = whole ? day.snapshot : await renderVariant(deps, day.snapshot.date, day.chosen.posts, v.events);
      return { events: [...v.events], subject: snapshot?.subject ?? "", recipients: v.recipients };
    }),
  );
  return { variants, due: duePlan(choices.filter((c) => variantOf(c.follows, day.dayEvents).length > 0), now) };
}

function duePlan(recipients: readonly ChoiceCount[], now: number): DuePlan {
  function* dueTimes() {
    for (const r of recipients) {
      const due = rowDueAt(now, r) ?? now;
      for (let i = 0; i < r.count; i++) yield due;
    }
  }
  const { atOnce, hours } = hoursHistogram(dueTimes(), now);
  return { atOnce, hours: hours.map((h) => ({ from: new Date(h.startMs).toISOString(), to: new Date(h.endMs).toISOString(), count: h.count })) };
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
