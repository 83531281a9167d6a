// Markdown to safe HTML: stable heading anchors, a table of contents from the `##`
// sections, raw HTML cut down to an allowlist, and every link made root-relative so
// the Worker can make it absolute for whatever SITE_URL it serves.
import GithubSlugger from "github-slugger";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import type { TocEntry } from "../content/types.ts";
import { resolveContentUrl } from "./resolve-content-url.ts";

export interface RenderedBody {
  html: string;
  toc: TocEntry[];
  /** Root-relative image paths the body refers to, for the build to check. */
  images: string[];
  /** Images on other sites, which the build refuses: a reader's visit would be told to them. */
  remoteImages: string[];
  /** The first image, for link previews. */
  firstImage?: { src: string; alt: string };
  /** Images with no alt text, which emails and screen readers need. */
  imagesWithoutAlt: string[];
}

const ALLOWED_TAGS = [
  "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp",
  "em", "strong", "del", "s", "sup", "sub", "mark", "abbr", "small", "a", "img", "ul", "ol", "li",
  "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
  "details", "summary", "input",
];

export function renderMarkdown(markdown: string, slug: string): RenderedBody {
  const slugger = new GithubSlugger();
  const toc: TocEntry[] = [];
  // Only ids the renderer gave headings survive: raw HTML may not set or clash with ids.
  const headingIds = new Set<string>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        // The anchor and contents entry come from the text a reader sees: sanitised first.
        const text = plainText(sanitizeHtml(inner, { allowedTags: [], allowedAttributes: {} }));
        // A post's title is its only h1: body headings start at h2.
        const depth = Math.max(2, token.depth);
        if (!text) return `<h${depth}>${inner}</h${depth}>\n`;
        const id = `${slugger.slug(text)}`;
        headingIds.add(id);
        if (depth === 2) toc.push({ id, text });
        return `<h${depth} id="${id}">${inner}</h${depth}>\n`;
      },
    },
  });
  const raw = marked.parse(markdown, { async: false });
  const images: string[] = [];
  const remoteImages: string[] = [];
  let firstImage: RenderedBody["firstImage"];
  const imagesWithoutAlt: string[] = [];
  const html = sanitizeHtml(raw, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "title"],
      img: ["src", "alt", "title", "width", "height"],
      abbr: ["title"],
      h2: ["id"], h3: ["id"], h4: ["id"], h5: ["id"], h6: ["id"],
      th: ["align"],
      td: ["align"],
      ol: ["start"],
      input: ["type", "checked", "disabled"],
    },
    allowedClasses: { code: ["language-*"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      ...Object.fromEntries(
        ["h2", "h3", "h4", "h5", "h6"].map((h) => [h, (tagName: string, attribs: Record<string, string>) => ({ tagName, attribs: attribs.id !== undefined && headingIds.has(attribs.id) ? attribs : omit(attribs, "id") })]),
      ),
      a: (tagName, attribs) => {
        const href = attribs.href === undefined ? undefined : resolveContentUrl(attribs.href, slug);
        return { tagName, attribs: href === undefined ? omit(attribs, "href") : { ...attribs, href } };
      },
      img: (tagName, attribs) => {
        const src = attribs.src === undefined ? undefined : resolveContentUrl(attribs.src, slug);
        if (src?.startsWith("/")) {
          images.push(src.split(/[?#]/)[0]!);
          firstImage ??= { src: src.split(/[?#]/)[0]!, alt: attribs.alt ?? "" };
        } else if (src !== undefined) remoteImages.push(src);
        if (!attribs.alt?.trim()) imagesWithoutAlt.push(src ?? attribs.src ?? "");
        return {
          tagName,
          attribs: { ...(src === undefined ? omit(attribs, "src") : { ...attribs, src }), alt: attribs.alt ?? "" },
        };
      },
      // Task-list checkboxes are the only inputs allowed, and never editable.
      input: (tagName, attribs) =>
        attribs.type === "checkbox"
          ? { tagName, attribs: { type: "checkbox", disabled: "", ...(attribs.checked !== undefined ? { checked: "" } : {}) } }
          : { tagName: "span", attribs: {} },
    },
  });
  return { html, toc, images, remoteImages, ...(firstImage ? { firstImage } : {}), imagesWithoutAlt };
}

function omit(attribs: Record<string, string>, key: string): Record<string, string> {
  const { [key]: _dropped, ...rest } = attribs;
  return rest;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };

/** The visible text of an inline HTML fragment. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/\s+/g, " ")
    .trim();
}
