// POST /api/sends, GET /api/sends, GET /api/sends/:id and the controls (author token: authorRouter).
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { isCalendarDate } from "../content/days.ts";
import { claimIdempotencyKey, ClaimLostError, releaseIdempotencyKey, storeIdempotentResponse } from "../db/idempotency-keys.ts";
import { findSend, listSends } from "../db/sends.ts";
import { countActiveSubscribers } from "../db/subscribers.ts";
import { renderDay } from "../email/render-day.ts";
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { limitBody } from "../http/limit-body.ts";
import { readJson } from "../http/read-json.ts";
import { ControlConflict, controlSend, type ControlAction } from "../sending/control-send.ts";
import { sendView } from "../sending/send-view.ts";
import { NoPostsError, startDailySend, startTestSend } from "../sending/start-send.ts";
import { emailAddressSchema } from "../subscriptions/email-address.ts";
import { sha256Hex } from "../tokens/sha256.ts";

const MAX_BODY_BYTES = 16 * 1024;
const MAX_TEST_RECIPIENTS = 20;

const sendRequestSchema = z
  .object({
    date: z.string({ error: "date is required, written YYYY-MM-DD" }).refine(isCalendarDate, "date must be a real calendar date written YYYY-MM-DD"),
    dryRun: z.boolean({ error: "dryRun must be true or false" }).optional(),
    to: z
      .union([emailAddressSchema.transform((e) => [e]), z.array(emailAddressSchema, { error: "to must be an address or a list of addresses" })])
      .refine((list) => list.length >= 1 && list.length <= MAX_TEST_RECIPIENTS, `to must hold 1 to ${MAX_TEST_RECIPIENTS} addresses`)
      .optional(),
  })
  .strict();

export const sendApi = authorRouter();

sendApi.post(
  "/api/sends",
  limitBody(MAX_BODY_BYTES),
  async (c) => {
    if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) throw new ApiError(415, "unsupported_media_type", "send JSON (Content-Type: application/json)", "body");
    const parsed = sendRequestSchema.safeParse(await readJson(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.code === "unrecognized_keys" ? issue.keys[0]! : issue.path.join(".") || "body";
      throw new ApiError(400, "invalid_request", issue.code === "unrecognized_keys" ? `unknown field "${field}"` : issue.message, field);
    }
    const key = c.req.header("idempotency-key");
    if (key === undefined) return answer(c, await createSend(c, parsed.data));
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters", "Idempotency-Key");

    const db = c.env.DB;
    const hash = await sha256Hex(JSON.stringify(parsed.data));
    const claim = await claimIdempotencyKey(db, key, hash, c.get("deps").now());
    if (claim.state === "mismatch") throw new ApiError(422, "idempotency_key_reused", "this Idempotency-Key was used with a different body", "Idempotency-Key");
    if (claim.state === "in_progress") {
      throw new ApiError(409, "idempotency_in_progress", "a request with this Idempotency-Key is still being handled and has made no send yet; ask again shortly", "Idempotency-Key");
    }
    if (claim.state === "replay") {
      c.header("Idempotent-Replayed", "true");
      return c.body(claim.response, claim.status as 200, { "Content-Type": "application/json" });
    }
    if (claim.state === "made") {
      // The first request made this send, then failed or is still finishing: its send is the answer.
      c.header("Idempotent-Replayed", "true");
      return c.json(await sendView(db, (await findSend(db, claim.sendId))!, c.get("deps").now()), 202);
    }
    let result: Result;
    try {
      result = await createSend(c, parsed.data, claim.claim);
    } catch (err) {
      // Frees the key only if no send was made under it: one that may have mailed anyone stays taken.
      await releaseIdempotencyKey(db, key, claim.claim).catch((e) => console.error("an Idempotency-Key could not be released", e));
      if (err instanceof ClaimLostError) throw new ApiError(409, "idempotency_in_progress", err.message, "Idempotency-Key");
      throw err;
    }
    await storeIdempotentResponse(db, key, claim.claim, result.status, JSON.stringify(result.body));
    return answer(c, result);
  },
);

sendApi.get("/api/sends", async (c) => {
  const limit = Number(c.req.query("limit") ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError(400, "invalid_limit", "limit must be a whole number from 1 to 100", "limit");
  const before = c.req.query("before");
  const beforeId = before === undefined ? undefined : sendId(before, "before", "invalid_cursor", "before must be a send id");
  const sends = await listSends(c.env.DB, limit, beforeId);
  const now = c.get("deps").now();
  return c.json({ sends: await Promise.all(sends.map((s) => sendView(c.env.DB, s, now))), next: sends.length === limit ? String(sends.at(-1)!.id) : null });
});

sendApi.get("/api/sends/:id", async (c) => {
  const id = sendId(c.req.param("id"));
  const send = await findSend(c.env.DB, id);
  if (!send) throw new ApiError(404, "not_found", `no send ${id}`, "id");
  return c.json(await sendView(c.env.DB, send, c.get("deps").now()));
});

/** A send id from the path or a cursor: a positive whole number, or 400 naming the field. */
function sendId(value: string, field = "id", code = "invalid_id", message = "the send id must be a positive whole number"): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new ApiError(400, code, message, field);
  return Number(value);
}

type SendRequest = z.infer<typeof sendRequestSchema>;
interface Result {
  status: 200 | 202 | 409;
  body: unknown;
}

async function createSend(c: Context<AppEnv>, input: SendRequest, idempotencyClaim?: string): Promise<Result> {
  const config = c.get("config");
  const deps = c.get("deps").sending(c.env, config);
  const now = deps.now();
  try {
    if (input.dryRun) {
      const snapshot = await renderDay(config, deps.index, deps.bodies, input.date, now, { mode: "email" });
      if (!snapshot) throw new NoPostsError(`no published posts for ${input.date}`);
      const recipients = input.to ? input.to.length : await countActiveSubscribers(deps.db);
      return { status: 200, body: { dryRun: true, date: input.date, subject: snapshot.subject, recipients, summarized: snapshot.summarized } };
    }
    if (input.to) return { status: 202, body: await sendView(deps.db, await startTestSend(deps, input.date, input.to, idempotencyClaim), now) };
    const { created, send } = await startDailySend(deps, input.date, "manual", idempotencyClaim);
    const view = await sendView(deps.db, send, now);
    if (!created) return { status: 409, body: { error: { code: "send_exists", message: `${input.date} already has a daily send (${send.status})`, field: "date" }, send: view } };
    return { status: 202, body: view };
  } catch (err) {
    if (err instanceof NoPostsError) throw new ApiError(404, "no_posts", err.message, "date");
    throw err;
  }
}

function answer(c: Context<AppEnv>, result: Result) {
  return c.json(result.body as object, result.status);
}

sendApi.post("/api/sends/:id/:action{pause|resume|cancel|retry-failed}", async (c) => {
  const id = sendId(c.req.param("id"));
  const deps = c.get("deps").sending(c.env, c.get("config"));
  try {
    const send = await controlSend(deps, id, c.req.param("action") as ControlAction);
    if (!send) throw new ApiError(404, "not_found", `no send ${id}`, "id");
    return c.json(await sendView(c.env.DB, send, deps.now()));
  } catch (err) {
    if (err instanceof ControlConflict) return c.json({ error: { code: "invalid_state", message: err.message }, send: await sendView(c.env.DB, err.send, deps.now()) }, 409);
    throw err;
  }
});
