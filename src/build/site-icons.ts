// The site's icons, drawn from src/build/site-icon.svg at build time: a favicon.ico that
// holds PNGs (every browser since 2010 reads those) and an apple-touch-icon.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SITE_ICONS } from "../content/site-icons.ts";
import { drawSvg } from "./rasterise-svg.ts";

const SOURCE = new URL("./site-icon.svg", import.meta.url);
const FAVICON_SIZES = [16, 32, 48];
const APPLE_TOUCH_SIZE = 180;

export async function writeSiteIcons(assetsDir: string): Promise<void> {
  const svg = await readFile(SOURCE);
  await writeFile(join(assetsDir, SITE_ICONS.favicon), icoOf(FAVICON_SIZES.map((size) => ({ size, png: drawSvg(svg, size) }))));
  await writeFile(join(assetsDir, SITE_ICONS.appleTouchIcon), drawSvg(svg, APPLE_TOUCH_SIZE));
}

/** An ICO file: a 6-byte header, a 16-byte entry per image, then the PNGs themselves. */
export function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size % 256, entry); // 0 means 256
    header.writeUInt8(size % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}
