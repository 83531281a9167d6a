import { describe, expect, it } from "vitest";
import { renderText } from "../../src/build/render-text.ts";
import { linkMark } from "../../src/content/text-blocks.ts";

describe("plain-text rendering of Markdown", () => {
  it("keeps structure and collects links for numbered references", () => {
    const { text, links } = renderText(
      "## News & notes\n\nSee [Day 2](kubecon-2015-day-2.md) and [the site](https://kubernetes.io/).\n\n- one\n- two\n  1. nested\n\n> quoted\n\n```\ncode <x> & y\n```\n\n---\n",
      "day-1",
    );
    expect(text).toEqual([
      { kind: "heading", level: 2, text: "News & notes" },
      { kind: "paragraph", text: `See Day 2 ${linkMark(0)} and the site ${linkMark(1)}.` },
      { kind: "item", depth: 0, marker: "-", text: "one" },
      { kind: "item", depth: 0, marker: "-", text: "two" },
      { kind: "item", depth: 1, marker: "1.", text: "nested" },
      { kind: "quote", text: "quoted" },
      { kind: "code", text: "code <x> & y" },
      { kind: "rule" },
    ]);
    expect(links).toEqual(["/posts/kubecon-2015-day-2", "https://kubernetes.io/"]);
  });

  it("drops what the HTML sanitiser drops, script text included, and names images by their alt text", () => {
    const { text, links } = renderText(
      'A <script>alert("x")</script> b <a href="javascript:alert(1)">click</a> ![A diagram](/images/d.svg) <abbr title="t">CNI</abbr>\n\n<div onclick="x()">block <b>html</b></div>\n',
      "p",
    );
    expect(text).toEqual([
      { kind: "paragraph", text: "A b click [Image: A diagram] CNI" },
      { kind: "paragraph", text: "block html" },
    ]);
    expect(links).toEqual([]);
  });

  it("lets no entity spell a link mark or crash the build", () => {
    const { text, links } = renderText("a &#1;0&#2; b &#x110000; c &#57344;1&#57345;\n", "p");
    expect(text).toEqual([{ kind: "paragraph", text: "a 0 b \ufffd c 1" }]);
    expect(links).toEqual([]);
  });
});
