// Bar charts as SVG, drawn on the server: no script, no library, no inline style (colours
// come from desk.css classes, which the CSP allows). Each chart has a title and a
// description for screen readers, and the caller shows the same figures as a table.
import { html } from "hono/html";
import type { Html } from "../pages/layout.ts";

export interface ChartPoint {
  /** What the bar stands for, in words ("19:05", "2026-11-24"). */
  label: string;
  value: number;
}

export interface BarChartProps {
  /** The chart's accessible name. */
  title: string;
  /** One sentence saying what it shows and its main figures. */
  description: string;
  points: readonly ChartPoint[];
  /** What a value counts ("messages", "subscribers"). */
  unit: string;
  /** How many labels to write under the axis at most (every nth bar is labelled). */
  maxLabels?: number;
}

const WIDTH = 480;
const HEIGHT = 200;
const LEFT = 40;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 28;

/** Round whole numbers for the value axis: 0 and up to 4 steps reaching at least `max`. */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // Charts count things: steps are whole numbers (so never 0.25, nor 2.5).
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).filter(Number.isInteger).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks.length > 1 ? ticks : [0, step];
}

export function barChart(props: BarChartProps): Html {
  const { points } = props;
  const ticks = axisTicks(Math.max(0, ...points.map((p) => p.value)));
  const top = ticks.at(-1)!;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, slot * 0.8);
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const every = Math.max(1, Math.ceil(points.length / (props.maxLabels ?? 6)));
  const id = `chart-${hash(props.title)}`;
  const num = (n: number) => Number(n.toFixed(2));
  return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${props.title}</title>
<desc id="${id}-desc">${props.description}</desc>
${ticks.map((t) => html`<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${num(y(t))}" y2="${num(y(t))}"/><text x="${LEFT - 6}" y="${num(y(t) + 4)}" text-anchor="end">${t.toLocaleString("en-US")}</text>`)}
${points.map((p, i) => {
  const height = (p.value / top) * plotHeight;
  return html`<rect class="bar" x="${num(LEFT + i * slot + (slot - barWidth) / 2)}" y="${num(y(p.value))}" width="${num(barWidth)}" height="${num(height)}"><title>${p.label}: ${p.value.toLocaleString("en-US")} ${props.unit}</title></rect>`;
})}
<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotHeight}" y2="${TOP + plotHeight}"/>
${points.map((p, i) => (i % every === 0 ? html`<text x="${num(LEFT + i * slot + slot / 2)}" y="${HEIGHT - 8}" text-anchor="middle">${p.label}</text>` : ""))}
</svg>`;
}

function hash(text: string): string {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return (h >>> 0).toString(36);
}
