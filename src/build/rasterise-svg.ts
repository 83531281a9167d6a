// SVG to PNG with resvg, for emails (mail clients show no SVG) and the site's icons. Text
// is set in DejaVu, shipped as an npm package: the build never looks at the machine's own
// fonts, so a label renders the same on a laptop and on a CI machine that has none.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf"].map((f) => join(FONT_DIR, f));
const FONT: ResvgRenderOptions["font"] = {
  loadSystemFonts: false,
  fontFiles: FONT_FILES,
  defaultFontFamily: "DejaVu Sans",
  sansSerifFamily: "DejaVu Sans",
  serifFamily: "DejaVu Serif",
  monospaceFamily: "DejaVu Sans Mono",
};

export interface Raster {
  png: Buffer;
  /** The size to show it at in CSS pixels (the PNG is `scale` times as many). */
  width: number;
  height: number;
}

export interface RasterOptions {
  /** Device pixels per CSS pixel: 2 stays sharp on high-density screens. */
  scale: number;
  /** Narrower SVGs keep their size; wider ones are drawn at this width. */
  maxWidth: number;
}

/** Throws resvg's own message when the SVG cannot be read or drawn. */
export function rasteriseSvg(svg: Buffer, options: RasterOptions): Raster {
  const natural = new Resvg(svg, { font: FONT, logLevel: "off" });
  const width = Math.round(Math.min(natural.width, options.maxWidth));
  const height = Math.round((natural.height * width) / natural.width);
  return { png: drawSvg(svg, width * options.scale), width, height };
}

/** The SVG drawn `pixelWidth` pixels wide, as PNG. */
export function drawSvg(svg: Buffer, pixelWidth: number): Buffer {
  return new Resvg(svg, { font: FONT, logLevel: "off", fitTo: { mode: "width", value: pixelWidth } }).render().asPng();
}

/** The width of what an SVG draws, in its own units: for fitting text, which resvg does not wrap. */
export function drawnWidth(svg: string): number {
  return new Resvg(svg, { font: FONT, logLevel: "off" }).getBBox()?.width ?? 0;
}
