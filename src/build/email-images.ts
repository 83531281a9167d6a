// The email version of every image the published posts show: an SVG becomes a PNG at
// twice its size (mail clients show no SVG), a PNG, JPEG or GIF stays itself; each gets
// its display size, at most the email's column, for the width and height Outlook needs.
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { imageSize } from "image-size";
import type { EmailImage } from "../content/types.ts";
import type { ContentProblem } from "./load-content.ts";
import { rasteriseSvg } from "./rasterise-svg.ts";

/** The daily email's column: 600 px wide, less 24 px of padding each side. */
export const EMAIL_COLUMN_PX = 552;
const SCALE = 2;
const AS_THEY_ARE = new Set(["png", "jpg", "gif"]);

export interface EmailImages {
  images: Map<string, EmailImage>;
  /** Files the build made, by root-relative path, to serve beside the originals. */
  files: Map<string, Uint8Array>;
  problems: ContentProblem[];
}

/** The PNG an SVG's email shows, beside it: /images/x.svg → /images/x.2x.png. */
export const rasterPath = (svgPath: string) => svgPath.replace(/\.svg$/i, `.${SCALE}x.png`);

/** `paths` are root-relative (/images/…), every one a file under contentDir/images. */
export async function emailImages(contentDir: string, paths: Iterable<string>, existing: ReadonlySet<string>): Promise<EmailImages> {
  const result: EmailImages = { images: new Map(), files: new Map(), problems: [] };
  for (const path of new Set(paths)) {
    const file = join(contentDir, path);
    const problem = (message: string) => result.problems.push({ file: relative(process.cwd(), file) || file, field: "(image)", message });
    const bytes = await readFile(file);
    if (/\.svg$/i.test(path)) {
      const png = rasterPath(path);
      if (existing.has(png)) {
        problem(`the build makes ${png} for emails from this SVG; rename the file that already has that name`);
        continue;
      }
      try {
        const raster = rasteriseSvg(bytes, { scale: SCALE, maxWidth: EMAIL_COLUMN_PX });
        result.files.set(png, raster.png);
        result.images.set(path, { src: png, width: raster.width, height: raster.height });
      } catch (err) {
        problem(`cannot be rasterised for email (mail clients show no SVG): ${(err as Error).message}`);
      }
      continue;
    }
    let size;
    try {
      size = imageSize(bytes);
    } catch (err) {
      problem(`is not an image Herald can read: ${(err as Error).message}`);
      continue;
    }
    if (!AS_THEY_ARE.has(size.type ?? "")) {
      problem(`mail clients cannot show ${size.type ?? "this"} images; use PNG, JPEG, GIF or SVG`);
      continue;
    }
    const width = Math.min(size.width, EMAIL_COLUMN_PX);
    result.images.set(path, { src: path, width, height: Math.round((size.height * width) / size.width) });
  }
  return result;
}
