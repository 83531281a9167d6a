import { describe, expect, it } from "vitest";
import { AFTER_ALL, fetchAt, ORIGIN } from "./app-at.ts";

const meta = async (path: string) => {
  const html = await (await fetchAt(AFTER_ALL, path)).text();
  return Object.fromEntries([...html.matchAll(/<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
};

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const CARD = { "og:image": `${ORIGIN}/site-card.png`, "og:image:width": "1200", "og:image:height": "630", "og:image:alt": "Herald Recaps", "twitter:card": "summary_large_image" };

describe("link previews", () => {
  it("a post with an image shows it: the PNG the build made of its first SVG, with its alt text", async () => {
    const tags = await meta("/posts/kubecon-2015-day-1");
    expect(tags["og:image"]).toBe(`${ORIGIN}/images/rolling-update.2x.png`);
    expect(tags["og:image:alt"]).toBe("Diagram of a rolling update");
    expect(tags["twitter:card"]).toBe("summary_large_image");
    // Its size is not in the index, so none is claimed.
    expect(tags).not.toHaveProperty("og:image:width");
    const png = await fetchAt(AFTER_ALL, "/images/rolling-update.2x.png");
    expect(png.headers.get("content-type")).toBe("image/png");
  });

  it("a post without an image gets the site card", async () => {
    const tags = await meta("/posts/kubecon-2015-day-2");
    expect(tags).toMatchObject({ ...CARD, "og:type": "article" });
  });

  it.each(["/", "/events/kubecon-2015", "/tags/kubernetes", "/emails", "/subscribe", "/no/such/page"])("%s gets the site card", async (path) => {
    expect(await meta(path)).toMatchObject(CARD);
  });

  it("the site card is a 1200×630 PNG, served as one", async () => {
    const res = await fetchAt(AFTER_ALL, "/site-card.png");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
  });
});
