// Subscriber admin behind the author token: list, CSV export and import, erase, stats.
import { csvCell, CsvError, csvValue, parseCsv, type CsvRecord } from "../admin/csv.ts";
import { countByStatus, eraseAddress, insertSubscribers, listSubscribers, suppressedOf, type Subscriber, type SubscriberStatus } from "../db/subscribers.ts";
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { limitBody } from "../http/limit-body.ts";
import { emailAddressSchema } from "../subscriptions/email-address.ts";
import { batchCounts, insertImportConfirmations } from "../db/notices.ts";
import { enqueueNotices } from "../sending/enqueue.ts";

const STATUSES = ["pending", "active", "unsubscribed", "bounced", "complained"] as const;
const MAX_IMPORT_BYTES = 1024 * 1024;
/** Rows per import; confirmations go out through the queue and the send limiter, however many. */
const MAX_IMPORT_ROWS = 10_000;

export const subscriberAdmin = authorRouter();

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const view = (s: Subscriber) => ({
  id: s.id,
  email: s.email,
  status: s.status,
  source: s.source,
  createdAt: iso(s.createdAt),
  consentAt: iso(s.consentAt),
  consentSource: s.consentSource,
  unsubscribedAt: iso(s.unsubscribedAt),
  bouncedAt: iso(s.bouncedAt),
  complainedAt: iso(s.complainedAt),
});

function statusParam(value: string | undefined): SubscriberStatus | undefined {
  if (value === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(value)) throw new ApiError(400, "invalid_status", `status must be one of ${STATUSES.join(", ")}`, "status");
  return value as SubscriberStatus;
}

subscriberAdmin.get("/api/subscribers", async (c) => {
  const status = statusParam(c.req.query("status"));
  const limit = Number(c.req.query("limit") ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError(400, "invalid_limit", "limit must be a whole number from 1 to 1000", "limit");
  const cursor = c.req.query("cursor") ?? "0";
  if (!/^\d{1,16}$/.test(cursor)) throw new ApiError(400, "invalid_cursor", "cursor must be the `next` value of an earlier page", "cursor");
  const page = await listSubscribers(c.env.DB, { ...(status ? { status } : {}), afterId: Number(cursor), limit });
  return c.json({ subscribers: page.map(view), next: page.length === limit ? String(page.at(-1)!.id) : null });
});

const CSV_COLUMNS = ["email", "status", "source", "created_at", "consent_at", "consent_source", "unsubscribed_at", "bounced_at", "complained_at"];

subscriberAdmin.get("/api/subscribers.csv", (c) => {
  const status = statusParam(c.req.query("status"));
  const db = c.env.DB;
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  // A page at a time, so a large list never sits in memory whole.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
      }
      const page = await listSubscribers(db, { ...(status ? { status } : {}), afterId: after, limit: 1000 });
      if (page.length === 0) return controller.close();
      after = page.at(-1)!.id;
      const lines = page.map((s) =>
        [s.email, s.status, s.source, iso(s.createdAt), iso(s.consentAt), s.consentSource, iso(s.unsubscribedAt), iso(s.bouncedAt), iso(s.complainedAt)].map(csvCell).join(","),
      );
      controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
    },
  });
  return c.body(body, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="subscribers.csv"', "Cache-Control": "no-store" });
});

subscriberAdmin.post(
  "/api/subscribers/import",
  limitBody(MAX_IMPORT_BYTES, `the CSV must be under ${MAX_IMPORT_BYTES} bytes`),
  async (c) => {
    if (!/^text\/(csv|plain)\b/i.test(c.req.header("content-type") ?? "")) throw new ApiError(415, "unsupported_media_type", "send the list as CSV (Content-Type: text/csv)", "body");
    const consent = c.req.query("consent");
    if (consent !== undefined && consent !== "asserted") throw new ApiError(400, "invalid_consent", 'consent, if given, must be "asserted": you confirm every address agreed to receive this list', "consent");
    const asserted = consent === "asserted";

    let records: CsvRecord[];
    try {
      records = parseCsv(await c.req.text());
    } catch (err) {
      if (err instanceof CsvError) throw new ApiError(400, "invalid_csv", err.message, "body");
      throw err;
    }
    const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
    const column = header.indexOf("email");
    if (column < 0) throw new ApiError(400, "missing_column", 'the first line must be a header with an "email" column', "email");
    const body = records.slice(1);
    if (body.length > MAX_IMPORT_ROWS) throw new ApiError(413, "too_many_rows", `at most ${MAX_IMPORT_ROWS} rows per import`, "body");

    const errors: { row: number; field: string; message: string }[] = [];
    const duplicates: { row: number; email: string; reason: string }[] = [];
    const seen = new Map<string, number>();
    const valid: { row: number; email: string }[] = [];
    // A row is named by the line of the file it starts on (what an editor shows), not its record number.
    body.forEach(({ line: row, fields }) => {
      // csvValue drops the ' our export puts before = + - and ', so an export imports back as it was.
      const parsed = emailAddressSchema.safeParse(csvValue(fields[column] ?? ""));
      if (!parsed.success) return void errors.push({ row, field: "email", message: parsed.error.issues[0]!.message });
      const key = parsed.data.toLowerCase();
      if (seen.has(key)) return void duplicates.push({ row, email: parsed.data, reason: `same as the row on line ${seen.get(key)}` });
      seen.set(key, row);
      valid.push({ row, email: parsed.data });
    });

    const config = c.get("config");
    const at = c.get("deps").now();
    // Confirmations are counted under this import's id, by what SES took (GET /api/imports/:id).
    const importId = asserted ? null : `import-${at}-${crypto.randomUUID().slice(0, 8)}`;
    const added = new Set<string>();
    const notices: number[] = [];
    for (let i = 0; i < valid.length; i += 500) {
      const batch = valid.slice(i, i + 500);
      // Erased after a complaint or a hard bounce: never brought back by an import.
      const suppressed = await suppressedOf(c.env.DB, batch.map((v) => v.email));
      const chunk: string[] = [];
      for (const v of batch) {
        if (suppressed.has(v.email.toLowerCase())) errors.push({ row: v.row, field: "email", message: "this address was erased after a complaint or a hard bounce; it cannot be imported again" });
        else chunk.push(v.email);
      }
      const inserted = await insertSubscribers(c.env.DB, chunk, asserted ? "active" : "pending", asserted ? "import (consent asserted)" : "import", at);
      for (const email of inserted) added.add(email.toLowerCase());
      if (importId && inserted.length) notices.push(...(await insertImportConfirmations(c.env.DB, inserted, importId, at)));
    }
    const refused = new Set(errors.map((e) => e.row));
    for (const v of valid) if (!added.has(v.email.toLowerCase()) && !refused.has(v.row)) duplicates.push({ row: v.row, email: v.email, reason: "already on the list (left as it was)" });
    await enqueueNotices(c.get("deps").sending(c.env, config), notices);
    duplicates.sort((a, b) => a.row - b.row);
    errors.sort((a, b) => a.row - b.row);
    return c.json({ imported: added.size, status: asserted ? "active" : "pending", importId, confirmationsQueued: notices.length, duplicates, errors });
  },
);

subscriberAdmin.get("/api/imports/:id", async (c) => {
  const id = c.req.param("id");
  if (!/^import-\d{1,16}-[0-9a-f]{8}$/.test(id)) throw new ApiError(400, "invalid_import_id", "id must be the importId an import answered with", "id");
  const counts = await batchCounts(c.env.DB, id);
  if (Object.values(counts).every((n) => n === 0)) throw new ApiError(404, "not_found", "no import with that id sent confirmations", "id");
  // sent: SES took the mail; pending/sending: waiting for a slot or a retry; failed: refused or given up after a day.
  return c.json({ id, confirmations: counts });
});

subscriberAdmin.delete("/api/subscribers/:email", async (c) => {
  const parsed = emailAddressSchema.safeParse(c.req.param("email")); // Hono has decoded it already
  if (!parsed.success) throw new ApiError(400, "invalid_email", parsed.error.issues[0]!.message, "email");
  const erased = await eraseAddress(c.env.DB, parsed.data, c.get("deps").now());
  if (!erased) throw new ApiError(404, "not_found", "no subscriber with that address", "email");
  return c.body(null, 204);
});

subscriberAdmin.get("/api/stats", async (c) => {
  const counts = await countByStatus(c.env.DB);
  return c.json({ subscribers: { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) } });
});
