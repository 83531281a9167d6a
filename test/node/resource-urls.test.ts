import { describe, expect, it } from "vitest";
import { isAbsoluteUrl, resourceUrls } from "../../src/build/resource-urls.ts";

describe("resourceUrls", () => {
  it("finds what a document fetches by itself and leaves out the links a reader follows", () => {
    const html = `<link rel="stylesheet" href="https://fonts.example.net/a.css?x=1&amp;y=2">
<style>@import url(https://fonts.example.net/b.css); @import 'c.css'; .x { background: url("/images/bg.png") }</style>
<a href="https://elsewhere.example.org/">a link</a>
<img src='/images/a.png' srcset="/images/a@2x.png 2x, /images/a@3x.png 3x" alt="">
<td background=https://cdn.example.net/bg.jpg><object data="/x.svg"></object><video poster="/p.png"></video>`;
    expect(resourceUrls(html).sort()).toEqual([
      "/images/a.png", "/images/a@2x.png", "/images/a@3x.png", "/images/bg.png", "/p.png", "/x.svg",
      "c.css", "https://cdn.example.net/bg.jpg", "https://fonts.example.net/a.css?x=1&y=2", "https://fonts.example.net/b.css",
    ]);
  });

  it("tells absolute and scheme-relative URLs from the document's own", () => {
    expect(["https://a.example", "//a.example/x", "data:image/png;base64,AA", "/images/a.png", "a.png"].map(isAbsoluteUrl)).toEqual([true, true, true, false, false]);
  });
});
