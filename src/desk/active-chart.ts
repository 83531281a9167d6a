// The chart of active subscribers at the end of each local day, read from the status log
// (src/db/status-log.ts), never from a counter: an erased address leaves no trace in it.
import { html } from "hono/html";
import { activePerDay, recentDays, type DayCount } from "../content/active-per-day.ts";
import { activeChanges } from "../db/status-log.ts";
import type { Html } from "../pages/layout.ts";
import { barChart } from "./svg-chart.ts";
import { counted } from "./counted.ts";

export const CHART_DAYS = 90;

export interface ActiveHistory {
  /** Active at the start of the first day. */
  atStart: number;
  days: DayCount[];
}

export async function activeHistory(db: D1Database, now: number, zone: string, days = CHART_DAYS): Promise<ActiveHistory> {
  const { dates, from } = recentDays(now, days, zone);
  const changes = await activeChanges(db, from, now);
  return { atStart: changes.atStart, days: activePerDay(dates, changes.atStart, changes.buckets, zone) };
}

/** "12 more", "3 fewer", "no change": the change in words. */
function changeWords(change: number): string {
  if (change === 0) return "the same as";
  return `${Math.abs(change).toLocaleString("en-US")} ${change > 0 ? "more than" : "fewer than"}`;
}

export function activeChart(history: ActiveHistory, zone: string): Html {
  const { days, atStart } = history;
  const first = days[0]!;
  const today = days.at(-1)!;
  const summary = `${counted(today.active, "active subscriber")} today (${today.date}), ${changeWords(today.active - atStart)} when ${first.date} began.`;
  const chart = barChart({
    title: `Active subscribers at the end of each day, last ${days.length} days`,
    description: summary,
    points: days.map((d) => ({ label: d.date, value: d.active })),
    unit: "active subscribers",
    maxLabels: 4,
  });
  return html`<h2 id="growth">Active subscribers, last ${days.length} days</h2>
<figure class="chart">
${chart}
<figcaption>${summary} Days end at midnight in ${zone}.</figcaption>
</figure>
<details>
<summary>The same figures as a table</summary>
<div class="table-wrap"><table class="desk">
<thead><tr><th scope="col">Day</th><th scope="col" class="num">Active at its end</th></tr></thead>
<tbody>
${days.map((d) => html`<tr><td>${d.date}</td><td class="num">${d.active.toLocaleString("en-US")}</td></tr>`)}
</tbody>
</table></div>
</details>`;
}
