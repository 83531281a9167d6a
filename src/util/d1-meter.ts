// Counts what the sending pipeline asks of D1, from D1's own `meta`: statements, rows read
// and rows written. Off unless D1_METER is "on" (the sending benchmark turns it on); the
// totals are the isolate's, which under `wrangler dev` is every consumer's.

export interface D1Totals {
  statements: number;
  rowsRead: number;
  rowsWritten: number;
}

export const d1Totals: D1Totals = { statements: 0, rowsRead: 0, rowsWritten: 0 };

export function resetD1Totals(): void {
  Object.assign(d1Totals, { statements: 0, rowsRead: 0, rowsWritten: 0 });
}

function count(meta: D1Meta | undefined): void {
  d1Totals.statements++;
  d1Totals.rowsRead += meta?.rows_read ?? 0;
  d1Totals.rowsWritten += meta?.rows_written ?? 0;
}

/** The real statement behind a metered one, for `batch`. */
const inner = new WeakMap<D1PreparedStatement, D1PreparedStatement>();

function meteredStatement(statement: D1PreparedStatement): D1PreparedStatement {
  const metered = {
    bind: (...values: unknown[]) => meteredStatement(statement.bind(...values)),
    async run() {
      const result = await statement.run();
      count(result.meta);
      return result;
    },
    async all() {
      const result = await statement.all();
      count(result.meta);
      return result;
    },
    // `first` does not report meta: the same rows through `all`.
    async first(column?: string) {
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta);
      const row = result.results[0];
      if (row === undefined) return null;
      return column === undefined ? row : row[column];
    },
    async raw(options?: { columnNames?: boolean }) {
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta);
      const rows = result.results.map((r) => Object.values(r));
      return options?.columnNames ? [Object.keys(result.results[0] ?? {}), ...rows] : rows;
    },
  } as unknown as D1PreparedStatement;
  inner.set(metered, statement);
  return metered;
}

export function meteredD1(db: D1Database): D1Database {
  return {
    prepare: (query: string) => meteredStatement(db.prepare(query)),
    async batch(statements: D1PreparedStatement[]) {
      const results = await db.batch(statements.map((s) => inner.get(s) ?? s));
      for (const r of results) count(r.meta);
      return results;
    },
    exec: (query: string) => db.exec(query),
    withSession: (c?: D1SessionBookmark | D1SessionConstraint) => db.withSession(c),
    dump: () => db.dump(),
  } as unknown as D1Database;
}
