// A CSV import: every row checked and reported (broken, naming unknown events, a bad delivery
// time or zone, duplicate in the file, already on the list, erased after a complaint or hard
// bounce), new addresses added with what their row's `events` cell names (none: everything)
// and its `delivery` and `zone` (none: asap), as pending with a confirmation queued for each,
// or as active when the author asserts prior consent.
import type { EventMeta } from "../content/types.ts";
import { batchCounts, insertImportConfirmations, type NoticeCounts } from "../db/notices.ts";
import { insertSubscribers, suppressedOf } from "../db/subscribers.ts";
import { ApiError } from "../http/api-error.ts";
import { emailAddressSchema } from "../subscriptions/email-address.ts";
import { parseFollows, type Follows } from "../content/follows.ts";
import type { DeliveryTime } from "../content/delivery-time.ts";
import { CsvError, csvValue, parseCsv, type CsvRecord } from "./csv.ts";
import { parseDeliveryCells } from "./delivery-cells.ts";

/** Rows per import; confirmations go out through the queue and the send limiter, however many. */
export const MAX_IMPORT_ROWS = 10_000;
/** Addresses per statement, inside D1's limits on a bound JSON value. */
const CHUNK = 500;

export interface ImportDeps {
  db: D1Database;
  /** Puts confirmation notices on the queue. */
  enqueue: (noticeIds: number[]) => Promise<void>;
  /** The site's events: what an `events` cell may name. */
  events: readonly EventMeta[];
}

export interface ImportReport {
  imported: number;
  status: "active" | "pending";
  importId: string | null;
  confirmationsQueued: number;
  duplicates: { row: number; email: string; reason: string }[];
  /** `unknown`: for field `events`, the slugs this site has no event or series for. */
  /**
   * `email`: the row's address, once it parsed; `text`: what the address cell held when it did
   * not (cut to TEXT_SHOWN characters), so a report can show the row the author must mend.
   */
  errors: { row: number; field: string; message: string; email?: string; text?: string; unknown?: string[] }[];
}

/** How much of an address cell that did not parse a report carries back. */
const TEXT_SHOWN = 200;

interface Row {
  row: number;
  email: string;
  follows: Follows;
  delivery: DeliveryTime;
  zone: string | null;
}

/** Where the columns are: the address always; the optional ones -1 when the header has none. */
interface Columns {
  email: number;
  events: number;
  delivery: number;
  zone: number;
}

export async function importSubscribers(deps: ImportDeps, csv: string, asserted: boolean, at: number): Promise<ImportReport> {
  const { valid, duplicates, errors } = checkRows(emailRows(csv), deps.events);
  // Confirmations are counted under this import's id, by what SES took (importProgress).
  const importId = asserted ? null : `import-${at}-${crypto.randomUUID().slice(0, 8)}`;
  const added = new Set<string>();
  const notices: number[] = [];
  for (let i = 0; i < valid.length; i += CHUNK) {
    const batch = valid.slice(i, i + CHUNK);
    // Erased after a complaint or a hard bounce: never brought back by an import.
    const suppressed = await suppressedOf(deps.db, batch.map((v) => v.email));
    const chunk: Row[] = [];
    for (const v of batch) {
      if (suppressed.has(v.email.toLowerCase())) errors.push({ row: v.row, field: "email", email: v.email, message: "this address was erased after a complaint or a hard bounce; it cannot be imported again" });
      else chunk.push(v);
    }
    const inserted = await insertSubscribers(deps.db, chunk, asserted ? "active" : "pending", asserted ? "import (consent asserted)" : "import", at);
    for (const email of inserted) added.add(email.toLowerCase());
    if (importId && inserted.length) notices.push(...(await insertImportConfirmations(deps.db, inserted, importId, at)));
  }
  const refused = new Set(errors.map((e) => e.row));
  for (const v of valid) if (!added.has(v.email.toLowerCase()) && !refused.has(v.row)) duplicates.push({ row: v.row, email: v.email, reason: "already on the list (left as it was)" });
  await deps.enqueue(notices);
  duplicates.sort((a, b) => a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  return { imported: added.size, status: asserted ? "active" : "pending", importId, confirmationsQueued: notices.length, duplicates, errors };
}

/** The records under the header, and which columns hold the address and the optional choices. */
function emailRows(csv: string): { records: CsvRecord[]; columns: Columns } {
  let records: CsvRecord[];
  try {
    records = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvError) throw new ApiError(400, "invalid_csv", err.message, "body");
    throw err;
  }
  const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
  const column = header.indexOf("email");
  if (column < 0) throw new ApiError(400, "missing_column", 'the first line must be a header with an "email" column', "email");
  if (records.length - 1 > MAX_IMPORT_ROWS) throw new ApiError(413, "too_many_rows", `at most ${MAX_IMPORT_ROWS} rows per import`, "body");
  return { records: records.slice(1), columns: { email: column, events: header.indexOf("events"), delivery: header.indexOf("delivery"), zone: header.indexOf("zone") } };
}

function checkRows({ records, columns }: { records: CsvRecord[]; columns: Columns }, events: readonly EventMeta[]) {
  const errors: ImportReport["errors"] = [];
  const duplicates: ImportReport["duplicates"] = [];
  const seen = new Map<string, number>();
  const valid: Row[] = [];
  // A row is named by the line of the file it starts on (what an editor shows), not its record number.
  for (const { line: row, fields } of records) {
    // csvValue drops the ' our export puts before = + - and ', so an export imports back as it was.
    const cell = (column: number) => (column < 0 ? "" : csvValue(fields[column] ?? ""));
    const address = cell(columns.email);
    const parsed = emailAddressSchema.safeParse(address);
    if (!parsed.success) {
      errors.push({ row, field: "email", message: parsed.error.issues[0]!.message, text: address.slice(0, TEXT_SHOWN) });
      continue;
    }
    // No column, or an empty cell: everything, as for a subscriber who chose nothing.
    const follows = columns.events < 0 ? { ok: true as const, follows: null } : parseFollows(cell(columns.events), events);
    // No column, or empty cells: asap and no zone, as for a subscriber who never chose.
    const delivery = parseDeliveryCells(cell(columns.delivery), cell(columns.zone));
    // A refused row is not remembered, so a later row with the same address is taken on its own.
    if (!follows.ok) errors.push({ row, field: "events", message: follows.message, email: parsed.data, unknown: follows.unknown });
    else if (!delivery.ok) errors.push({ row, field: delivery.field, message: delivery.message, email: parsed.data });
    else if (seen.has(parsed.data.toLowerCase())) duplicates.push({ row, email: parsed.data, reason: `same as the row on line ${seen.get(parsed.data.toLowerCase())}` });
    else {
      seen.set(parsed.data.toLowerCase(), row);
      valid.push({ row, email: parsed.data, follows: follows.follows, delivery: delivery.delivery, zone: delivery.zone });
    }
  }
  return { valid, duplicates, errors };
}

/** An import's confirmations by what became of them; undefined for an id that sent none. */
export async function importProgress(db: D1Database, importId: string): Promise<NoticeCounts | undefined> {
  const counts = await batchCounts(db, importId);
  return Object.values(counts).every((n) => n === 0) ? undefined : counts;
}
