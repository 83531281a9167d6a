// Messages sent per minute over a send's life, as points for the desk's bar chart: every
// minute from the first to the last sent message (quiet minutes are bars of 0), labelled in
// the site's TIMEZONE. A send whose rows were compacted away has no minutes left to count.
import { sentPerMinute } from "../db/send-minutes.ts";
import type { ChartPoint } from "./svg-chart.ts";
import { dayOf, dayMinuteLabel, minuteLabel } from "./desk-time.ts";

/** Past this many minutes, only the minutes that sent something are drawn (a send spread over a day by delivery times). */
export const MAX_FILLED_MINUTES = 240;

export type SendMinutes =
  | { compacted: true }
  /** quietLeftOut: the minutes that sent nothing are not drawn, so the axis is not even time (the caption says so). */
  | { compacted: false; points: ChartPoint[]; quietLeftOut: boolean };

export async function sendMinutes(db: D1Database, sendId: number, compacted: boolean, zone: string): Promise<SendMinutes> {
  if (compacted) return { compacted: true };
  const minutes = await sentPerMinute(db, sendId);
  if (minutes.length === 0) return { compacted: false, points: [], quietLeftOut: false };
  const first = minutes[0]!.minuteMs;
  const last = minutes.at(-1)!.minuteMs;
  const span = (last - first) / 60_000 + 1;
  const counts = new Map(minutes.map((m) => [m.minuteMs, m.count]));
  const filled = span <= MAX_FILLED_MINUTES;
  const all = filled ? Array.from({ length: span }, (_, i) => first + i * 60_000) : minutes.map((m) => m.minuteMs);
  // "19:05" alone is ambiguous once a send runs past midnight in the site's zone.
  const label = dayOf(first, zone) === dayOf(last, zone) ? minuteLabel : dayMinuteLabel;
  return { compacted: false, quietLeftOut: !filled && all.length < span, points: all.map((ms) => ({ label: label(ms, zone), value: counts.get(ms) ?? 0 })) };
}
