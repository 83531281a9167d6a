// Which dates already have their daily send (the desk's list of dates): one read for many
// dates, through the unique index on daily_date.

export interface DailySendOf {
  date: string;
  id: number;
  status: string;
}

export async function dailySendsOf(db: D1Database, dates: readonly string[]): Promise<Map<string, DailySendOf>> {
  const found = new Map<string, DailySendOf>();
  if (dates.length === 0) return found;
  const marks = dates.map((_, i) => `?${i + 1}`).join(", ");
  const { results } = await db.prepare(`SELECT daily_date, id, status FROM sends WHERE daily_date IN (${marks})`).bind(...dates).all<{ daily_date: string; id: number; status: string }>();
  for (const r of results) found.set(r.daily_date, { date: r.daily_date, id: r.id, status: r.status });
  return found;
}
