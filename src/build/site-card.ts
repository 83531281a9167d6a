// The site card: the picture link previews show for pages without their own (og:image),
// drawn at build time from src/build/site-card.svg with the site's title set in DejaVu
// Sans Bold. resvg does not wrap text, so the title is broken into lines here, each
// measured with resvg itself and the same fonts.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SITE_CARD } from "../content/site-card.ts";
import { escapeXml } from "../feeds/xml.ts";
import { drawnWidth, drawSvg } from "./rasterise-svg.ts";

const SOURCE = new URL("./site-card.svg", import.meta.url);
const TEXT_LEFT = 80;
const TEXT_WIDTH = SITE_CARD.width - 2 * TEXT_LEFT;
/** Between the logo (ends at y 200) and the rule under the title (y 562), descenders clear of it. */
const TEXT_TOP = 240;
const TEXT_BOTTOM = 510;
const SIZES = [96, 84, 72, 64, 56, 48];
const MAX_LINES = 3;

export async function writeSiteCard(assetsDir: string, siteTitle: string): Promise<void> {
  await writeFile(join(assetsDir, SITE_CARD.path), drawSvg(Buffer.from(await siteCardSvg(siteTitle)), SITE_CARD.width));
}

export async function siteCardSvg(siteTitle: string): Promise<string> {
  const { size, lines } = fitTitle(siteTitle);
  const lineHeight = lineHeightOf(size);
  // The block's last baseline sits at the bottom of the space, so a short title sits low, by the rule.
  const firstBaseline = TEXT_BOTTOM - lineHeight * (lines.length - 1);
  const text = `<text x="${TEXT_LEFT}" y="${firstBaseline}" ${textStyle(size)}>${lines
    .map((line, i) => `<tspan x="${TEXT_LEFT}" dy="${i === 0 ? 0 : lineHeight}">${escapeXml(line)}</tspan>`)
    .join("")}</text>`;
  return (await readFile(SOURCE, "utf8")).replace("<!-- title -->", text);
}

/** The largest size at which the title fits in three lines; at the smallest, what does not fit ends in "…". */
export function fitTitle(title: string): { size: number; lines: string[] } {
  const words = title.trim().split(/\s+/).filter(Boolean);
  for (const size of SIZES) {
    const lines = wrap(words, size);
    if (lines && lines.length <= MAX_LINES && fitsHeight(size, lines.length)) return { size, lines };
  }
  // Still too long: break inside words, and cut what the three lines cannot hold.
  const size = SIZES[SIZES.length - 1]!;
  const lines: string[] = [];
  let rest = [...words.join(" ")];
  while (rest.length > 0 && lines.length < MAX_LINES) {
    const last = lines.length === MAX_LINES - 1;
    const ending = (n: number) => rest.slice(0, n).join("") + (last && n < rest.length ? "…" : "");
    // The most characters that fit (at least one), found by halving.
    let [take, over] = [1, rest.length + 1];
    while (over - take > 1) {
      const mid = (take + over) >> 1;
      if (fits(ending(mid), size)) take = mid;
      else over = mid;
    }
    lines.push(ending(take).trim());
    rest = rest.slice(take);
    while (rest[0] === " ") rest = rest.slice(1);
  }
  return { size, lines };
}

const lineHeightOf = (size: number) => Math.round(size * 1.15);

/** Whether `count` lines, the last on the bottom baseline, keep their capitals (~0.75 em) below the top. */
const fitsHeight = (size: number, count: number) => TEXT_BOTTOM - lineHeightOf(size) * (count - 1) - 0.75 * size >= TEXT_TOP;

const textStyle = (size: number) => `font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="#fff"`;

function fits(line: string, size: number): boolean {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SITE_CARD.width * 4}" height="${size * 2}"><text x="0" y="${size}" ${textStyle(size)}>${escapeXml(line)}</text></svg>`;
  return drawnWidth(svg) <= TEXT_WIDTH;
}

/** Words into lines that fit at `size`, or undefined if one word alone is too wide. */
function wrap(words: string[], size: number): string[] | undefined {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && fits(`${last} ${word}`, size)) lines[lines.length - 1] = `${last} ${word}`;
    else if (fits(word, size)) lines.push(word);
    else return undefined;
    if (lines.length > MAX_LINES) return lines;
  }
  return lines;
}
