// The site's icons, drawn from src/build/site-icon.svg at build time: a favicon.ico that
// holds PNGs (every browser since 2010 reads those), an apple-touch-icon, and the images
// the feeds name (readers show no SVG reliably, so these are PNGs too).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FEED_IMAGE_SIZES, SITE_ICONS } from "../content/site-icons.ts";
import { drawSvg } from "./rasterise-svg.ts";

const SOURCE = new URL("./site-icon.svg", import.meta.url);
const FAVICON_SIZES = [16, 32, 48];
const APPLE_TOUCH_SIZE = 180;

export async function writeSiteIcons(assetsDir: string): Promise<void> {
  const svg = await readFile(SOURCE);
  const write = (path: string, png: Buffer) => writeFile(join(assetsDir, path), png);
  await write(SITE_ICONS.favicon, icoOf(FAVICON_SIZES.map((size) => ({ size, png: drawSvg(svg, size) }))));
  await write(SITE_ICONS.appleTouchIcon, drawSvg(svg, APPLE_TOUCH_SIZE));
  for (const name of ["feedIcon", "feedFavicon", "rssImage"] as const) await write(SITE_ICONS[name], drawSvg(svg, FEED_IMAGE_SIZES[name].width));
  const logo = FEED_IMAGE_SIZES.feedLogo;
  await write(SITE_ICONS.feedLogo, drawSvg(centredOnWideCanvas(svg.toString("utf8"), logo.width / logo.height), logo.width));
}

/**
 * The square icon in the middle of a transparent canvas `ratio` times as wide as tall, so
 * the Atom logo is the same mark as every other icon, not a second drawing to keep in step.
 */
export function centredOnWideCanvas(squareSvg: string, ratio: number): Buffer {
  const root = /<svg\b[^>]*>/.exec(squareSvg);
  const viewBox = root && /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(root[0]);
  if (!root || !viewBox || viewBox[1] !== viewBox[2]) throw new Error("src/build/site-icon.svg: expected a square viewBox=\"0 0 N N\" on its <svg>");
  const side = Number(viewBox[1]);
  const width = side * ratio;
  // The icon stays a nested <svg> with its own viewBox; only its position and box are set.
  const nested = squareSvg.slice(root.index).replace(/<svg\b[^>]*>/, `<svg x="${(width - side) / 2}" y="0" width="${side}" height="${side}" viewBox="0 0 ${side} ${side}">`);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${side}" viewBox="0 0 ${width} ${side}">${nested}</svg>`);
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
