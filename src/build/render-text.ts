// Markdown to plain-text blocks for the text email: headings, paragraphs, lists,
// quotes and code kept as structure; links collected for numbered references.
import { Lexer, Parser, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { linkMark, type PostBody, type TextBlock } from "../content/text-blocks.ts";
import { resolveContentUrl } from "./resolve-content-url.ts";

// Control characters would collide with the link marks; authors never need them. Two
// private-use characters (also removed from the source) hold marks while entities are decoded.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uE000\uE001]/g;

export function renderText(markdown: string, slug: string): Pick<PostBody, "text" | "links"> {
  const blocks: TextBlock[] = [];
  const links: string[] = [];
  const inline = (tokens: Token[] | undefined): string => inlineText(tokens ?? [], slug, links);

  const walk = (tokens: Token[], depth: number, quote: boolean): void => {
    const push = (block: TextBlock) => blocks.push(quote && block.kind === "paragraph" ? { kind: "quote", text: block.text } : block);
    for (const token of tokens) {
      switch (token.type) {
        case "heading":
          push({ kind: "heading", level: Math.max(2, (token as Tokens.Heading).depth), text: inline((token as Tokens.Heading).tokens) });
          break;
        case "paragraph":
        case "text": {
          const text = inline((token as Tokens.Paragraph).tokens ?? [{ type: "text", raw: token.raw, text: (token as Tokens.Text).text } as Token]);
          if (text) push({ kind: "paragraph", text });
          break;
        }
        case "list": {
          const list = token as Tokens.List;
          list.items.forEach((item, i) => {
            const marker = list.ordered ? `${Number(list.start || 1) + i}.` : "-";
            const [first, ...rest] = item.tokens;
            const text = first && (first.type === "text" || first.type === "paragraph") ? inline((first as Tokens.Text).tokens) : "";
            blocks.push({ kind: "item", depth, marker: item.task ? `${marker} [${item.checked ? "x" : " "}]` : marker, text });
            walk(first && text ? rest : item.tokens, depth + 1, quote);
          });
          break;
        }
        case "blockquote":
          walk((token as Tokens.Blockquote).tokens, depth, true);
          break;
        case "code":
          blocks.push({ kind: "code", text: (token as Tokens.Code).text.replace(CONTROL, "") });
          break;
        case "hr":
          blocks.push({ kind: "rule" });
          break;
        case "table": {
          const table = token as Tokens.Table;
          const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens)).join(" | ");
          push({ kind: "paragraph", text: [row(table.header), ...table.rows.map(row)].join("\n") });
          break;
        }
        case "html": {
          const text = decode(sanitizeHtml((token as Tokens.HTML).text, { allowedTags: [], allowedAttributes: {} }).replace(CONTROL, "")).trim();
          if (text) push({ kind: "paragraph", text });
          break;
        }
        default:
          break; // space, def: nothing to show
      }
    }
  };
  walk(Lexer.lex(markdown.replace(CONTROL, ""), { gfm: true }), 0, false);
  return { text: blocks, links };
}

/** Inline tokens to text: HTML first (so raw HTML is sanitised exactly as on the web), then text. */
function inlineText(tokens: Token[], slug: string, links: string[]): string {
  const html = sanitizeHtml(Parser.parseInline(tokens), {
    allowedTags: ["a", "img", "br"],
    allowedAttributes: { a: ["href"], img: ["src", "alt"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
  }).replace(CONTROL, ""); // the sanitiser turns &#1; into a raw control character
  return decode(
    html
      .replace(/<br\s*\/?>/g, "\n")
      .replace(/<img[^>]*?alt="([^"]*)"[^>]*>/g, (_, alt: string) => (alt ? `[Image: ${alt}]` : ""))
      .replace(/<img[^>]*>/g, "")
      .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, href: string, label: string) => {
        const target = resolveContentUrl(decode(href), slug);
        if (target === undefined) return label;
        links.push(target);
        return `${label} \uE000${links.length - 1}\uE001`;
      })
      .replace(/<[^>]*>/g, ""),
  )
    .replace(/\uE000(\d+)\uE001/g, (_, i: string) => linkMark(Number(i)))
    .replace(/[ \t]+/g, " ")
    .trim();
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes entities; none may spell a control or placeholder character. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (!(code > 0 && code <= 0x10ffff)) return "\ufffd";
    const char = String.fromCodePoint(code);
    return new RegExp(CONTROL.source).test(char) ? "" : char;
  });
}
