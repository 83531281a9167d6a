// Subscriber admin behind the author token: list, CSV export and import, erase, stats. Each
// route checks its input and calls one function of src/admin/.
import { importProgress, importSubscribers } from "../admin/import-subscribers.ts";
import { eraseSubscriber, STATUSES, subscriberCsv, subscriberPage, subscriberStats, type SubscriberStatus } from "../admin/subscriber-list.ts";
import type { EventMeta } from "../content/types.ts";
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { limitBody } from "../http/limit-body.ts";
import { requireUtf8 } from "../http/require-utf8.ts";
import { enqueueNotices } from "../sending/enqueue.ts";
import { emailAddressSchema } from "../subscriptions/email-address.ts";

const MAX_IMPORT_BYTES = 1024 * 1024;

export const subscriberAdmin = authorRouter();

function statusParam(value: string | undefined): SubscriberStatus | undefined {
  if (value === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(value)) throw new ApiError(400, "invalid_status", `status must be one of ${STATUSES.join(", ")}`, "status");
  return value as SubscriberStatus;
}

/** `event=<slug>`: one of the site's events; its followers are listed. */
function eventParam(value: string | undefined, events: readonly EventMeta[]): EventMeta | undefined {
  if (value === undefined) return undefined;
  const event = events.find((e) => e.slug === value);
  if (!event) throw new ApiError(400, "unknown_event", `event must be the slug of one of this site's events (${events.map((e) => e.slug).join(", ")})`, "event");
  return event;
}

subscriberAdmin.get("/api/subscribers", async (c) => {
  const status = statusParam(c.req.query("status"));
  const limit = Number(c.req.query("limit") ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError(400, "invalid_limit", "limit must be a whole number from 1 to 1000", "limit");
  const cursor = c.req.query("cursor") ?? "0";
  if (!/^\d{1,16}$/.test(cursor)) throw new ApiError(400, "invalid_cursor", "cursor must be the `next` value of an earlier page", "cursor");
  const event = eventParam(c.req.query("event"), c.get("deps").index.events);
  return c.json(await subscriberPage(c.env.DB, { ...(status ? { status } : {}), ...(event ? { event } : {}), afterId: Number(cursor), limit }));
});

subscriberAdmin.get("/api/subscribers.csv", (c) => {
  const body = subscriberCsv(c.env.DB, statusParam(c.req.query("status")));
  return c.body(body, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="subscribers.csv"', "Cache-Control": "no-store" });
});

subscriberAdmin.post(
  "/api/subscribers/import",
  limitBody(MAX_IMPORT_BYTES, `the CSV must be at most ${MAX_IMPORT_BYTES} bytes`),
  async (c) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^text\/(csv|plain)\s*(;|$)/i.test(type)) throw new ApiError(415, "unsupported_media_type", "send the list as CSV (Content-Type: text/csv)", "body");
    requireUtf8(type);
    const consent = c.req.query("consent");
    if (consent !== undefined && consent !== "asserted") throw new ApiError(400, "invalid_consent", 'consent, if given, must be "asserted": you confirm every address agreed to receive this list', "consent");
    const sending = c.get("deps").sending(c.env, c.get("config"));
    const deps = { db: c.env.DB, enqueue: (ids: number[]) => enqueueNotices(sending, ids), events: c.get("deps").index.events };
    return c.json(await importSubscribers(deps, await c.req.text(), consent === "asserted", c.get("deps").now()));
  },
);

subscriberAdmin.get("/api/imports/:id", async (c) => {
  const id = c.req.param("id");
  if (!/^import-\d{1,16}-[0-9a-f]{8}$/.test(id)) throw new ApiError(400, "invalid_import_id", "id must be the importId an import answered with", "id");
  const confirmations = await importProgress(c.env.DB, id);
  if (!confirmations) throw new ApiError(404, "not_found", "no import with that id sent confirmations", "id");
  // sent: SES took the mail; pending/sending: waiting for a slot or a retry; failed: refused or given up after a day.
  return c.json({ id, confirmations });
});

subscriberAdmin.delete("/api/subscribers/:email", async (c) => {
  const parsed = emailAddressSchema.safeParse(c.req.param("email")); // Hono has decoded it already
  if (!parsed.success) throw new ApiError(400, "invalid_email", parsed.error.issues[0]!.message, "email");
  if (!(await eraseSubscriber(c.env.DB, parsed.data, c.get("deps").now()))) throw new ApiError(404, "not_found", "no subscriber with that address", "email");
  return c.body(null, 204);
});

subscriberAdmin.get("/api/stats", async (c) => c.json(await subscriberStats(c.env.DB, c.get("deps").index.events)));
