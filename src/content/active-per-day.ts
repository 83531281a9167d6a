// Active subscribers at the end of each local day, from the count at the first day's start
// and the changes since (src/db/status-log.ts), for the authors' chart.
import { addDays, localDate, sendTimeOf } from "./days.ts";

export interface DayCount {
  date: string;
  active: number;
}

/** The last `days` local dates up to today in `zone`, oldest first, and the instant the first began. */
export function recentDays(now: number, days: number, zone: string): { dates: string[]; from: number } {
  const today = localDate(now, zone);
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  return { dates, from: sendTimeOf(dates[0]!, "00:00", zone) };
}

export function activePerDay(dates: readonly string[], atStart: number, buckets: readonly { start: number; delta: number }[], zone: string): DayCount[] {
  const perDate = new Map<string, number>();
  for (const b of buckets) perDate.set(localDate(b.start, zone), (perDate.get(localDate(b.start, zone)) ?? 0) + b.delta);
  let active = atStart;
  return dates.map((date) => ({ date, active: (active += perDate.get(date) ?? 0) }));
}
