// The site card is drawn with the site's title, whatever that title is.
import { describe, expect, it } from "vitest";
import { fitTitle, siteCardSvg } from "../../src/build/site-card.ts";
import { drawnWidth, drawSvg } from "../../src/build/rasterise-svg.ts";

const lineWidth = (line: string, size: number) =>
  drawnWidth(`<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="400"><text x="0" y="200" font-family="DejaVu Sans" font-weight="bold" font-size="${size}">${line.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</text></svg>`);

describe("the site card", () => {
  it("sets a short title on one line at the largest size", () => {
    expect(fitTitle("Herald Recaps")).toEqual({ size: 96, lines: ["Herald Recaps"] });
  });

  it.each([
    "The Extraordinarily Long Named Conference Recaps Weekly & Friends <Edition>",
    "W".repeat(120),
    "Recaps — コンテナ & Ελληνικά, 🚢 and a great many other words to push it onto a second and a third line",
  ])("keeps every line of %j inside the card, three at most", (title) => {
    const { size, lines } = fitTitle(title);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(lineWidth(line, size)).toBeLessThanOrEqual(1040);
  });

  it("cuts a title too long for three lines with an ellipsis", () => {
    const { lines } = fitTitle("W".repeat(120));
    expect(lines[2]).toMatch(/…$/);
  });

  it("escapes the title for SVG and draws a 1200×630 PNG", async () => {
    const svg = await siteCardSvg(`<Recaps> & "friends"`);
    expect(svg).toContain("&lt;Recaps&gt; &amp;");
    expect(svg).toContain("&quot;friends&quot;");
    expect(svg).not.toMatch(/<Recaps|& "/);
    const png = drawSvg(Buffer.from(svg), 1200);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });
});
