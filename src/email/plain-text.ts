// Plain-text layout: wrapped paragraphs, headings, lists, quotes, code, numbered links.
import { LINK_MARK_PATTERN, type PostBody, type TextBlock } from "../content/text-blocks.ts";

export const TEXT_WIDTH = 72;

/** Greedy word wrap; words longer than the width (URLs) get a line of their own. */
export function wrap(text: string, width = TEXT_WIDTH, prefix = "", firstPrefix = prefix): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let lead = out.length === 0 ? firstPrefix : prefix;
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      if (line && lead.length + line.length + 1 + word.length > width) {
        out.push(lead + line);
        lead = prefix;
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(lead + line);
  }
  return out.join("\n");
}

/** A heading: wrapped, then underlined as wide as its longest line. */
export function underline(text: string, char: string): string {
  const wrapped = wrap(text);
  const width = Math.max(...wrapped.split("\n").map((l) => [...l].length));
  return `${wrapped}\n${char.repeat(Math.min(TEXT_WIDTH, width))}`;
}

/**
 * A post body as text. Its link marks become [n] from `firstRef`; the targets are pushed
 * onto `refs` (made absolute with `absolute`).
 */
export function bodyText(body: PostBody, refs: string[], absolute: (url: string) => string): string {
  const offset = refs.length;
  for (const link of body.links) refs.push(absolute(link));
  const numbered = (text: string) => text.replace(LINK_MARK_PATTERN, (_, i: string) => `[${offset + Number(i) + 1}]`);
  return body.text.map((block) => blockText(block, numbered)).join("\n\n");
}

function blockText(block: TextBlock, numbered: (t: string) => string): string {
  switch (block.kind) {
    case "heading":
      return underline(numbered(block.text), block.level <= 2 ? "-" : "·");
    case "paragraph":
      return wrap(numbered(block.text));
    case "quote":
      return wrap(numbered(block.text), TEXT_WIDTH, "> ");
    case "item": {
      const indent = "  ".repeat(block.depth);
      return wrap(numbered(block.text), TEXT_WIDTH, `${indent}${" ".repeat(block.marker.length + 1)}`, `${indent}${block.marker} `);
    }
    case "code":
      return block.text.split("\n").map((l) => `    ${l}`).join("\n");
    case "rule":
      return "* * *";
  }
}
