// Counts what the sending pipeline asks of D1, from D1's own `meta`: statements, rows read
// and rows written. Off unless D1_METER is "on" (the sending benchmark turns it on); the
// totals are the isolate's, which under `wrangler dev` is every consumer's.

export interface D1Totals {
  statements: number;
  rowsRead: number;
  rowsWritten: number;
  /** The same, by statement (its first 80 characters): where the work goes. */
  byStatement: Record<string, { statements: number; rowsRead: number; rowsWritten: number }>;
}

export const d1Totals: D1Totals = { statements: 0, rowsRead: 0, rowsWritten: 0, byStatement: {} };

export function resetD1Totals(): void {
  Object.assign(d1Totals, { statements: 0, rowsRead: 0, rowsWritten: 0, byStatement: {} });
}

/** The SQL each metered statement was prepared from. */
const sqlOf = new WeakMap<D1PreparedStatement, string>();

function count(meta: D1Meta | undefined, sql = "?"): void {
  const read = meta?.rows_read ?? 0;
  const written = meta?.rows_written ?? 0;
  d1Totals.statements++;
  d1Totals.rowsRead += read;
  d1Totals.rowsWritten += written;
  const key = sql.replace(/\s+/g, " ").trim().slice(0, 80);
  const entry = (d1Totals.byStatement[key] ??= { statements: 0, rowsRead: 0, rowsWritten: 0 });
  entry.statements++;
  entry.rowsRead += read;
  entry.rowsWritten += written;
}

/** The real statement behind a metered one, for `batch`. */
const inner = new WeakMap<D1PreparedStatement, D1PreparedStatement>();

function meteredStatement(statement: D1PreparedStatement, sql: string): D1PreparedStatement {
  const metered = {
    bind: (...values: unknown[]) => meteredStatement(statement.bind(...values), sql),
    async run() {
      const result = await statement.run();
      count(result.meta, sql);
      return result;
    },
    async all() {
      const result = await statement.all();
      count(result.meta, sql);
      return result;
    },
    // `first` does not report meta: the same rows through `all`.
    async first(column?: string) {
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta, sql);
      const row = result.results[0];
      if (row === undefined) return null;
      return column === undefined ? row : row[column];
    },
    async raw(options?: { columnNames?: boolean }) {
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta, sql);
      const rows = result.results.map((r) => Object.values(r));
      return options?.columnNames ? [Object.keys(result.results[0] ?? {}), ...rows] : rows;
    },
  } as unknown as D1PreparedStatement;
  inner.set(metered, statement);
  sqlOf.set(metered, sql);
  return metered;
}

export function meteredD1(db: D1Database): D1Database {
  return {
    prepare: (query: string) => meteredStatement(db.prepare(query), query),
    async batch(statements: D1PreparedStatement[]) {
      const results = await db.batch(statements.map((s) => inner.get(s) ?? s));
      results.forEach((r, i) => count(r.meta, sqlOf.get(statements[i]!)));
      return results;
    },
    exec: (query: string) => db.exec(query),
    withSession: (c?: D1SessionBookmark | D1SessionConstraint) => db.withSession(c),
    dump: () => db.dump(),
  } as unknown as D1Database;
}
