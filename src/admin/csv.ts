// CSV (RFC 4180) both ways: a small parser for imports that knows the line each record
// starts on, and cells written so that no spreadsheet treats an address as a formula —
// in a way the import undoes, so an export imports back to the same values.

export class CsvError extends Error {
  override name = "CsvError";
}

export interface CsvRecord {
  /** The line of the file the record starts on (1 for the first); quoted fields may span lines. */
  line: number;
  fields: string[];
}

/** Records of fields; quoted fields may hold commas, quotes ("") and line breaks. Blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const input = text.replace(/^\uFEFF/, "");
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < input.length; i++) {
    let ch = input[i]!;
    // A line break is \n, \r\n or a lone \r, taken as one.
    if (ch === "\r" && input[i + 1] === "\n") {
      ch = "\r\n";
      i++;
    }
    const lineBreak = ch === "\n" || ch === "\r" || ch === "\r\n";
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (lineBreak) endRecord();
    else field += ch;
    if (lineBreak) {
      line++;
      if (!quoted) recordLine = line;
    }
  }
  if (quoted) throw new CsvError(`the quoted field that opens on line ${quoteLine} is never closed`);
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/** Cells that a spreadsheet would run as a formula; they go out behind a `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed; a leading = + - @ is defused with `'`, and so is a leading `'` itself. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  // Defusing a value that already starts with ' as well keeps csvValue exact: it always drops one.
  if (FORMULA_START.test(text) || text.startsWith("'")) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The value a cell stands for: a leading `'` is the defusing mark (csvCell's, or a spreadsheet's "as text") and is dropped. */
export function csvValue(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
