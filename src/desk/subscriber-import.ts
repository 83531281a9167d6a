// The desk's CSV import: the form (a file or pasted text, and the consent the author may
// assert), reading what it sent, and the per-row report importSubscribers answers, as a table.
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../http/api-error.ts";
import { readFields } from "../http/read-fields.ts";
import type { Html } from "../pages/layout.ts";
import { csrfField } from "./desk-page.ts";
import { counted } from "./counted.ts";
import { MAX_IMPORT_ROWS, type ImportReport } from "../admin/import-subscribers.ts";

export const IMPORT_PATH = "/admin/subscribers/import";
/** The CSV itself: the author API's limit. */
export const MAX_IMPORT_CSV_BYTES = 1024 * 1024;
/** The whole form: the CSV and room for the form's own fields and multipart headers. */
export const MAX_IMPORT_FORM_BYTES = MAX_IMPORT_CSV_BYTES + 16 * 1024;

/**
 * The form's size limit, answered with a page of its own (limitBody's sentence is written for
 * the subscribe form). A body that says its length is refused before it is read. The desk's
 * CSRF check has read a body sent without a length already (it is a form field), so that one
 * cannot be measured as a stream any more: readImportForm measures what it holds instead.
 */
export function importBodyLimit(): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: MAX_IMPORT_FORM_BYTES,
    onError: () => {
      throw new ApiError(413, "import_too_large", "The form was larger than an import takes (a CSV of at most 1 MiB). Split the list into smaller files; nothing was imported.", "file");
    },
  });
  return async (c, next) => (c.req.raw.bodyUsed && !c.req.header("content-length") ? next() : limit(c, next));
}

export function importForm(c: Context<AppEnv>): Html {
  return html`<h2 id="import">Import a CSV</h2>
<p>The first line names the columns; <code>email</code> is needed, <code>events</code> (<code>;</code>-separated slugs, empty for everything), <code>delivery</code> and <code>zone</code> may follow. The export above imports back as it is. At most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows and 1 MiB per import.</p>
<form method="post" action="${IMPORT_PATH}" enctype="multipart/form-data">
${csrfField(c)}
<div class="field"><label for="import-file">CSV file</label>
<input id="import-file" name="file" type="file" accept=".csv,text/csv,text/plain"></div>
<div class="field"><label for="import-csv">Or paste the CSV here</label>
<textarea id="import-csv" name="csv" rows="5" spellcheck="false"></textarea></div>
<div class="field consent"><input id="import-consent" name="consent" type="checkbox" value="asserted" aria-describedby="import-consent-what">
<label for="import-consent">Every address on this list agreed to receive this newsletter</label></div>
<p id="import-consent-what" class="what">Tick this only if you hold each person's consent (they signed up elsewhere and agreed to these mails): they are added as active and get the next send. Left unticked, each new address is added as waiting to confirm and is sent a confirmation mail; nobody gets a recap until they confirm.</p>
<p><button type="submit">Import the list</button></p>
</form>`;
}

export interface ImportInput {
  csv: string;
  /** Where the CSV came from, in words, for messages about it. */
  source: "the file" | "the pasted text";
  asserted: boolean;
}

/** Types a browser gives a CSV or text file (spreadsheets' own, and none at all). */
const CSV_TYPES = /^(text\/(csv|plain|x-csv|comma-separated-values)|application\/(csv|x-csv|vnd\.ms-excel|octet-stream)|)$/i;

/** Reads the import form: one CSV, from the file or the text box, as UTF-8 text. */
export async function readImportForm(c: Context<AppEnv>): Promise<ImportInput> {
  const fields = await readFields(c);
  const file = fields.file instanceof File && fields.file.size > 0 ? fields.file : undefined;
  const pasted = typeof fields.csv === "string" ? fields.csv : "";
  const asserted = fields.consent === "asserted";
  if (fields.consent !== undefined && !asserted) throw new ApiError(400, "invalid_consent", 'The consent box sends "asserted" when ticked; nothing else.', "consent");
  if (file && pasted.trim() !== "") throw new ApiError(400, "two_lists", "Choose a CSV file or paste the list, not both: the form takes one list at a time.", "file");
  if (!file) {
    if (pasted.trim() === "") throw new ApiError(400, "no_list", "Choose a CSV file, or paste the list in the text box: the form was sent with neither.", "file");
    const size = new TextEncoder().encode(pasted).length;
    if (size > MAX_IMPORT_CSV_BYTES) throw new ApiError(413, "import_too_large", `The pasted text is ${size.toLocaleString("en-US")} bytes; an import takes at most ${MAX_IMPORT_CSV_BYTES.toLocaleString("en-US")}. Split it, or import it as a file in parts.`, "csv");
    return { csv: pasted, source: "the pasted text", asserted };
  }
  if (file.size > MAX_IMPORT_CSV_BYTES) throw new ApiError(413, "import_too_large", `The CSV file is ${file.size.toLocaleString("en-US")} bytes; an import takes at most ${MAX_IMPORT_CSV_BYTES.toLocaleString("en-US")}. Split it into smaller files.`, "file");
  if (!CSV_TYPES.test(file.type.split(";")[0]!.trim())) throw new ApiError(415, "not_csv", `The CSV file must be a CSV (text), not ${file.type.slice(0, 60)}.`, "file");
  return { csv: csvText(await file.arrayBuffer()), source: "the file", asserted };
}

/** The file's bytes as UTF-8 text; a file in another encoding, or not text at all, is refused. */
function csvText(bytes: ArrayBuffer): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(415, "not_utf8", "The CSV file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and choose it again.", "file");
  }
  if (text.includes("\u0000")) throw new ApiError(415, "not_csv", "The CSV file holds binary data, not text. Choose the CSV export of your spreadsheet.", "file");
  return text;
}

/** An error importSubscribers raised about the list itself, said of where it came from. */
export function listError(err: unknown, input: ImportInput): unknown {
  if (!(err instanceof ApiError)) return err;
  return new ApiError(err.status, err.code, `${input.source === "the file" ? "The CSV file" : "The pasted text"} could not be imported: ${err.message}.`, input.source === "the file" ? "file" : "csv");
}

interface ReportRow {
  row: number;
  email: string;
  /** What the address cell held, for a row whose address did not parse. */
  text?: string;
  outcome: string;
  reason: string;
}

/** The rows the import did not add, in file order: duplicates and refusals. */
function reportRows(report: ImportReport): ReportRow[] {
  const rows: ReportRow[] = [
    ...report.duplicates.map((d) => ({ row: d.row, email: d.email, outcome: "skipped (duplicate)", reason: d.reason })),
    ...report.errors.map((e) => ({
      row: e.row,
      email: e.email ?? "",
      text: e.text,
      outcome: "refused",
      // The field, unless its message already begins with it ("email must not contain …").
      reason: `${e.message.startsWith(e.field) ? "" : `${e.field}: `}${e.message}${e.unknown?.length ? ` (${e.unknown.join(", ")})` : ""}`,
    })),
  ];
  return rows.sort((a, b) => a.row - b.row);
}

/** The address, or what the file held instead, marked as such; an empty cell says so. */
function addressCell(r: ReportRow): Html | string {
  if (r.email) return r.email;
  if (r.text === undefined) return "—";
  return r.text.trim() === "" ? html`<span class="muted">(empty)</span>` : html`<q>${r.text}</q>`;
}

export function importReport(report: ImportReport): Html {
  const rows = reportRows(report);
  const read = report.imported + rows.length;
  const added =
    report.status === "active"
      ? html`${report.imported} added as active (consent asserted)`
      : html`${report.imported} added as waiting to confirm; ${counted(report.confirmationsQueued, "confirmation mail")} queued`;
  return html`<h1>Import report</h1>
<ul class="counts">
<li><span class="n">${read}</span> <span class="label">rows read</span></li>
<li><span class="n">${report.imported}</span> <span class="label">imported</span></li>
<li><span class="n">${report.duplicates.length}</span> <span class="label">duplicates skipped</span></li>
<li><span class="n">${report.errors.length}</span> <span class="label">refused</span></li>
</ul>
<p role="status">${added}.${rows.length === 0 ? " Every row was imported." : rows.length === read ? " No row was imported: the table says why for each." : " The rows below were not imported; every other row was."}</p>
${rows.length
  ? html`<div class="table-wrap"><table class="desk import-report">
<caption>Rows not imported (a row is the line of the file it starts on)</caption>
<thead><tr><th scope="col" class="num">Row</th><th scope="col">Address</th><th scope="col">Outcome</th><th scope="col">Reason</th></tr></thead>
<tbody>
${rows.map((r) => html`<tr><td class="num">${r.row}</td><td class="address">${addressCell(r)}</td><td>${r.outcome}</td><td>${r.reason}</td></tr>`)}
</tbody>
</table></div>`
  : ""}
<p><a href="/admin/subscribers">Back to the subscribers</a></p>`;
}
