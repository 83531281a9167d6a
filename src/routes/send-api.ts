// POST /api/sends, GET /api/sends, GET /api/sends/:id and the controls (author token: authorRouter).
import type { Context } from "hono";
import { z } from "zod";
import { isCalendarDate } from "../content/days.ts";
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { idempotency } from "../http/idempotency.ts";
import { limitBody } from "../http/limit-body.ts";
import { readJson } from "../http/read-json.ts";
import { MAX_TEST_RECIPIENTS, requestSend, sendProgress, sendsPage } from "../sending/author-sends.ts";
import { ControlConflict, controlSend, type ControlAction } from "../sending/control-send.ts";
import { resendUnknown } from "../sending/resend-unknown.ts";
import { sendView } from "../sending/send-view.ts";
import { emailAddressSchema } from "../subscriptions/email-address.ts";

const MAX_BODY_BYTES = 16 * 1024;

const sendRequestSchema = z
  .object({
    date: z.string({ error: "date is required, written YYYY-MM-DD" }).refine(isCalendarDate, "date must be a real calendar date written YYYY-MM-DD"),
    dryRun: z.boolean({ error: "dryRun must be true or false" }).optional(),
    to: z
      .union([emailAddressSchema.transform((e) => [e]), z.array(emailAddressSchema, { error: "to must be an address or a list of addresses" })])
      .refine((list) => list.length >= 1 && list.length <= MAX_TEST_RECIPIENTS, `to must hold 1 to ${MAX_TEST_RECIPIENTS} addresses`)
      .optional(),
    // Checked against the content's events where the send is made (author-sends.ts).
    events: z.union([z.string(), z.array(z.string())], { error: "events must be an event slug or a list of them" }).optional(),
  })
  .strict();

/** The options of POST /api/sends/:id/resend-unknown; no body at all means none. */
const resendRequestSchema = z.object({ dryRun: z.boolean({ error: "dryRun must be true or false" }).optional() }, { error: "the body must be a JSON object" }).strict();

/** A body the schema refused: 400 naming the first field that was wrong. */
function invalidRequest(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  const field = issue.code === "unrecognized_keys" ? issue.keys[0]! : issue.path.join(".") || "body";
  return new ApiError(400, "invalid_request", issue.code === "unrecognized_keys" ? `unknown field "${field}"` : issue.message, field);
}

export const sendApi = authorRouter();

sendApi.post(
  "/api/sends",
  limitBody(MAX_BODY_BYTES),
  idempotency(async (c, id) => c.json((await sendProgress(c.env.DB, id, c.get("deps").now()))!, 202)),
  async (c) => {
    if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) throw new ApiError(415, "unsupported_media_type", "send JSON (Content-Type: application/json)", "body");
    const parsed = sendRequestSchema.safeParse(await readJson(c));
    if (!parsed.success) throw invalidRequest(parsed.error);
    const result = await requestSend(c.get("deps").sending(c.env, c.get("config")), parsed.data, c.get("idempotencyClaim"));
    return c.json(result.body, result.status);
  },
);

sendApi.get("/api/sends", async (c) => {
  const limit = Number(c.req.query("limit") ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError(400, "invalid_limit", "limit must be a whole number from 1 to 100", "limit");
  const before = c.req.query("before");
  const beforeId = before === undefined ? undefined : sendId(before, "before", "invalid_cursor", "before must be a send id");
  return c.json(await sendsPage(c.env.DB, limit, beforeId, c.get("deps").now()));
});

sendApi.get("/api/sends/:id", async (c) => {
  const id = sendId(c.req.param("id"));
  const view = await sendProgress(c.env.DB, id, c.get("deps").now());
  if (!view) throw new ApiError(404, "not_found", `no send ${id}`, "id");
  return c.json(view);
});

/** A send id from the path or a cursor: a positive whole number, or 400 naming the field. */
function sendId(value: string, field = "id", code = "invalid_id", message = "the send id must be a positive whole number"): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new ApiError(400, code, message, field);
  return Number(value);
}

sendApi.post("/api/sends/:id/:action{pause|resume|cancel|retry-failed}", async (c) => {
  const id = sendId(c.req.param("id"));
  const deps = c.get("deps").sending(c.env, c.get("config"));
  try {
    const send = await controlSend(deps, id, c.req.param("action") as ControlAction);
    if (!send) throw new ApiError(404, "not_found", `no send ${id}`, "id");
    return c.json(await sendView(c.env.DB, send, deps.now()));
  } catch (err) {
    if (err instanceof ControlConflict) throw new ApiError(409, "invalid_state", err.message, undefined, { send: await sendView(c.env.DB, err.send, deps.now()) });
    throw err;
  }
});

// Sends once more to the rows whose outcome is unknown, for an author who accepts that some
// may get a second copy. `{ "dryRun": true }` in the body, as POST /api/sends takes it,
// answers the count and changes nothing.
sendApi.post("/api/sends/:id/resend-unknown", limitBody(1024), async (c) => {
  const id = sendId(c.req.param("id"));
  // A dryRun in the query would be ignored and the resend made for real: refuse it instead.
  const query = Object.keys(c.req.query())[0];
  if (query !== undefined) throw new ApiError(400, "invalid_request", query === "dryRun" ? 'dryRun goes in the JSON body: { "dryRun": true }' : `unknown query parameter "${query}"`, query);
  const parsed = resendRequestSchema.safeParse(await optionalJson(c));
  if (!parsed.success) throw invalidRequest(parsed.error);
  const deps = c.get("deps").sending(c.env, c.get("config"));
  try {
    const outcome = await resendUnknown(deps, id, parsed.data.dryRun ?? false);
    if (!outcome) throw new ApiError(404, "not_found", `no send ${id}`, "id");
    const { send, ...counts } = outcome;
    return c.json({ ...counts, send: await sendView(c.env.DB, send, deps.now()) });
  } catch (err) {
    if (err instanceof ControlConflict) throw new ApiError(409, "invalid_state", err.message, undefined, { send: await sendView(c.env.DB, err.send, deps.now()) });
    throw err;
  }
});

/** The JSON body, or `{}` when there is none (the controls take no body). */
async function optionalJson(c: Context): Promise<unknown> {
  if ((await c.req.text()).trim() === "") return {};
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) throw new ApiError(415, "unsupported_media_type", "send JSON (Content-Type: application/json)", "body");
  return readJson(c);
}
