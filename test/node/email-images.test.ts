// Images in email: the build draws each SVG a post shows as a PNG at twice its size, with
// the font it ships, and fails naming the file when it cannot.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../src/build/build-content.ts";
import { rasteriseSvg } from "../../src/build/rasterise-svg.ts";
import { emailBodyHtml } from "../../src/email/email-body-html.ts";
import { contentDir, EVENT_YAML, postFile } from "../support/content-fixture.ts";

const DIAGRAM = await readFile("content/images/rolling-update.svg");
const OPTIONS = { scale: 2, maxWidth: 552 };

/** Pixels in a box (CSS px, drawn at 2×) that are not the diagram's white background. */
function inked(png: Buffer, box: { x: number; y: number; w: number; h: number }): number {
  const image = PNG.sync.read(png);
  let n = 0;
  for (let y = box.y * 2; y < (box.y + box.h) * 2; y++) {
    for (let x = box.x * 2; x < (box.x + box.w) * 2; x++) {
      const i = (y * image.width + x) * 4;
      if (image.data[i]! < 200 || image.data[i + 1]! < 200 || image.data[i + 2]! < 200) n++;
    }
  }
  return n;
}

// Where the diagram's labels are, and nothing else is: "Before", "After", "Traffic keeps flowing".
const LABELS = [{ x: 10, y: 8, w: 45, h: 13 }, { x: 10, y: 80, w: 35, h: 13 }, { x: 180, y: 102, w: 110, h: 13 }];

describe("rasterising an SVG for email", () => {
  it("draws it at twice its size and keeps its CSS size for the <img>", () => {
    const raster = rasteriseSvg(DIAGRAM, OPTIONS);
    expect([raster.width, raster.height]).toEqual([360, 150]);
    const png = PNG.sync.read(raster.png);
    expect([png.width, png.height]).toEqual([720, 300]);
  });

  it("draws the text labels with the font it ships, and the same diagram without its text has none there", () => {
    const withText = rasteriseSvg(DIAGRAM, OPTIONS).png;
    const withoutText = rasteriseSvg(Buffer.from(DIAGRAM.toString("utf8").replace(/<text\b[^>]*>[^<]*<\/text>/g, "")), OPTIONS).png;
    for (const box of LABELS) {
      expect(inked(withoutText, box), JSON.stringify(box)).toBe(0);
      expect(inked(withText, box), JSON.stringify(box)).toBeGreaterThan(40);
    }
  });

  it("draws an SVG wider than the email's column at the column's width", () => {
    const wide = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="300"><rect width="1200" height="300" fill="#3b7dd8"/></svg>');
    const raster = rasteriseSvg(wide, OPTIONS);
    expect([raster.width, raster.height]).toEqual([552, 138]);
    expect(PNG.sync.read(raster.png).width).toBe(1104);
  });
});

async function build(files: Record<string, string | Uint8Array>) {
  const dir = await contentDir({ "events/sample-conf.yaml": EVENT_YAML, ...files });
  const out = `${dir}-out`;
  return { ...(await buildContent({ contentDir: dir, assetsDir: join(out, "assets"), indexFile: join(out, "index.ts") })), out };
}

const png = (width: number, height: number) => PNG.sync.write(new PNG({ width, height }));

describe("the content build's email images", () => {
  it("makes a PNG beside each SVG a post shows, sizes every image, and gives link previews the raster", async () => {
    const { problems, index, out } = await build({
      "posts/day-one.md": postFile({ title: "Day one", body: "## A\n\n![The diagram](/images/flow.svg)\n\n![A photo](../images/photo.png)\n\n![Wide](/images/wide.png)\n" }),
      "images/flow.svg": DIAGRAM.toString("utf8"),
      "images/unused.svg": DIAGRAM.toString("utf8"),
      "images/photo.png": png(200, 100),
      "images/wide.png": png(1104, 300),
    });
    expect(problems).toEqual([]);
    const post = index!.posts[0]!;
    expect(post.image).toEqual({ src: "/images/flow.2x.png", alt: "The diagram" });
    const body = JSON.parse(await readFile(join(out, "assets", post.bodyPath), "utf8"));
    expect(body.images).toEqual({
      "/images/flow.svg": { src: "/images/flow.2x.png", width: 360, height: 150 },
      "/images/photo.png": { src: "/images/photo.png", width: 200, height: 100 },
      "/images/wide.png": { src: "/images/wide.png", width: 552, height: 150 },
    });
    expect(PNG.sync.read(await readFile(join(out, "assets", "images", "flow.2x.png"))).width).toBe(720);
    // Pages keep the SVG; only what posts show is rasterised.
    expect(body.html).toContain('src="/images/flow.svg"');
    await expect(readFile(join(out, "assets", "images", "unused.2x.png"))).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ["an SVG that cannot be drawn", { "images/flow.svg": "<svg" }, "images/flow.svg", "cannot be rasterised for email"],
    ["a file that is not an image", { "images/flow.svg": DIAGRAM.toString("utf8"), "images/photo.png": "not a png" }, "images/photo.png", "is not an image Herald can read"],
    ["a file in the way of the PNG", { "images/flow.svg": DIAGRAM.toString("utf8"), "images/photo.png": png(2, 2), "images/flow.2x.png": png(2, 2) }, "images/flow.svg", "rename the file that already has that name"],
  ])("fails on %s, naming the file", async (_, images, file, message) => {
    const { problems, index } = await build({ "posts/day-one.md": postFile({ title: "Day one", body: "![d](/images/flow.svg) ![p](/images/photo.png)" }), "images/photo.png": png(2, 2), ...images });
    expect(index).toBeUndefined();
    expect(problems).toEqual([{ file: expect.stringMatching(new RegExp(`${file.replace(/[.@]/g, "\\$&")}$`)), field: "(image)", message: expect.stringContaining(message) }]);
  });

  it("refuses an image from another site, which would tell that site who read the page or email", async () => {
    const { problems, index } = await build({ "posts/day-one.md": postFile({ title: "Day one", body: "![x](https://images.example.net/x.png)" }) });
    expect(index).toBeUndefined();
    expect(problems).toEqual([{ file: expect.stringMatching(/posts\/day-one\.md$/), field: "(body)", message: expect.stringContaining("image https://images.example.net/x.png is on another site") }]);
  });
});

describe("a post's images in the email", () => {
  it("become the build's email version with its width and height, whatever the file is called", () => {
    const images = { "/images/a&b.svg": { src: "/images/a&b.2x.png", width: 360, height: 150 } };
    const html = emailBodyHtml({ html: '<p><img src="/images/a&amp;b.svg?v=2" alt="A &amp; B" width="999" /></p>', images }, "https://recaps.example.org");
    expect(html).toContain('<img style="max-width:100%;height:auto;border:0;" src="https://recaps.example.org/images/a&amp;b.2x.png" width="360" height="150" alt="A &amp; B" />');
  });
});
