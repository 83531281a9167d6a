// The desk's SVG bar chart: round whole-number axes that reach the highest bar, one bar per
// point, an accessible name and description, escaped text, and nothing the CSP would block.
import { describe, expect, it } from "vitest";
import { axisTicks, barChart } from "../../src/desk/svg-chart.ts";

describe("axisTicks", () => {
  it.each([0, 1, 2, 3, 7, 10, 14, 99, 100, 101, 250, 999, 1234, 86_400])("for a highest value of %i: whole steps from 0 that reach it, at most 6 lines", (max) => {
    const ticks = axisTicks(max);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.every(Number.isInteger)).toBe(true);
    const step = ticks[1]! - ticks[0]!;
    expect(ticks.every((t, i) => t === i * step)).toBe(true);
  });
});

describe("barChart", () => {
  const points = [
    { label: "19:00", value: 3 },
    { label: "19:01", value: 0 },
    { label: "<b>&", value: 12 },
  ];

  it("draws one bar per point, scaled so the highest reaches the top tick", async () => {
    const svg = String(await barChart({ title: "Sent per minute", description: "15 messages", points, unit: "messages" }));
    const bars = [...svg.matchAll(/<rect class="bar"[^>]* height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(3);
    expect(bars[1]).toBe(0);
    expect(bars[2]! / bars[0]!).toBeCloseTo(4, 5);
  });

  it("names itself for screen readers and escapes every text", async () => {
    const svg = String(await barChart({ title: 'A "chart" <x>', description: "rises & falls", points, unit: "messages" }));
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="(chart-\w+)-title \1-desc"/);
    expect(svg).toContain("<title id=");
    expect(svg).toContain("A &quot;chart&quot; &lt;x&gt;");
    expect(svg).toContain("rises &amp; falls");
    expect(svg).toContain("&lt;b&gt;&amp;: 12 messages");
    expect(svg).not.toContain("<b>");
  });

  it("uses classes, never inline style, so the desk's CSP applies it", async () => {
    const svg = String(await barChart({ title: "t", description: "d", points, unit: "u" }));
    expect(svg).not.toMatch(/style=/);
  });
});
