import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/build/render-markdown.ts";

describe("Markdown rendering", () => {
  it("removes scripts, event handlers and javascript: links but keeps allowed HTML", () => {
    const { html } = renderMarkdown(
      [
        '<script>alert("x")</script>',
        '<img src="/images/a.png" onerror="alert(1)" alt="a">',
        '<a href="javascript:alert(1)">one</a> <a href="JaVaScRiPt:alert(1)">two</a> [three](javascript:alert(1))',
        '<div onclick="x()"><abbr title="Container Network Interface">CNI</abbr></div>',
        '<iframe src="https://evil.example"></iframe><style>body{}</style>',
      ].join("\n\n"),
      "post",
    );
    expect(html).not.toMatch(/<script|alert\("x"\)|onerror|onclick|javascript:|<iframe|<style|<div/i);
    expect(html).toContain('<abbr title="Container Network Interface">CNI</abbr>');
    expect(html).toContain('<img src="/images/a.png" alt="a" />');
  });

  it("keeps ids only where the renderer put them, so raw HTML cannot clash with anchors or the page", () => {
    const { html } = renderMarkdown('<p id="subscribe-email">x</p>\n\n<h2 id="mine">Raw</h2>\n\n## Subscribe email\n', "p");
    expect(html).not.toContain('<p id="subscribe-email">');
    expect(html).not.toContain('id="mine"');
    expect(html).toContain('<h2 id="subscribe-email">Subscribe email</h2>');
  });

  it("drops links that only pretend to be relative or hide a scheme", () => {
    const { html } = renderMarkdown('<a href="java&#x09;script:alert(1)">a</a> <a href="\\\\evil.example/x">b</a> <a href="//evil.example/x">c</a>', "p");
    expect(html).toBe("<p><a>a</a> <a>b</a> <a>c</a></p>\n");
  });

  it("makes relative links and images root-relative and maps .md links to posts", () => {
    const { html, images } = renderMarkdown(
      "[a](../posts/other) [b](other-post.md) [c](#second) [d](https://kubernetes.io/) [e](mailto:x@example.org) ![f](../images/x.svg)",
      "this-post",
    );
    expect(html).toContain('href="/posts/other"');
    expect(html).toContain('href="/posts/other-post"');
    expect(html).toContain('href="/posts/this-post#second"');
    expect(html).toContain('href="https://kubernetes.io/"');
    expect(html).toContain('href="mailto:x@example.org"');
    expect(html).toContain('src="/images/x.svg"');
    expect(images).toEqual(["/images/x.svg"]);
  });

  it("gives headings stable, unique anchors and lists ## sections in the table of contents", () => {
    const markdown = "## Keynote & news\n\ntext\n\n### Detail\n\n## Keynote & news\n\n# Stray top heading\n";
    const first = renderMarkdown(markdown, "p");
    expect(first).toEqual(renderMarkdown(markdown, "p"));
    expect(first.toc).toEqual([
      { id: "keynote--news", text: "Keynote & news" },
      { id: "keynote--news-1", text: "Keynote & news" },
      { id: "stray-top-heading", text: "Stray top heading" },
    ]);
    expect(first.html).toContain('<h3 id="detail">Detail</h3>');
    expect(first.html).not.toContain("<h1");
  });

  it("keeps a section's anchor when another section is edited", () => {
    const before = renderMarkdown("## Keynote\n\nA\n\n## Talks\n\nB\n", "p").toc;
    const after = renderMarkdown("## Opening keynote\n\nA, edited\n\n## Talks\n\nB\n", "p").toc;
    expect(after[1]).toEqual(before[1]);
    expect(after[1]).toEqual({ id: "talks", text: "Talks" });
  });

  it("builds contents entries from the visible text, never from markup", () => {
    const { toc } = renderMarkdown("## Hi <script>alert(1)</script> there\n\n## <img src=x>\n\n## `code` & *more*\n", "p");
    expect(toc).toEqual([
      { id: "hi-there", text: "Hi there" },
      { id: "code--more", text: "code & more" },
    ]);
  });
});
