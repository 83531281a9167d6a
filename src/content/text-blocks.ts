// A post body as plain-text blocks, made at build time from the Markdown itself (not
// by stripping HTML), for the plain-text email. Inline links are marked with
// LINK_MARK(n), n indexing the post's own `links`; the email numbers them across the
// whole message.
import type { EmailImage } from "./types.ts";

export type TextBlock =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; depth: number; marker: string; text: string }
  | { kind: "quote"; text: string }
  | { kind: "code"; text: string }
  | { kind: "rule" };

export interface PostBody {
  /** Sanitised HTML with root-relative links. */
  html: string;
  text: TextBlock[];
  /** Link targets of the text, absolute or root-relative. */
  links: string[];
  /** The email version of each image in `html`, by its root-relative path there. */
  images: Record<string, EmailImage>;
}

export const LINK_MARK_OPEN = "\u0001";
export const LINK_MARK_CLOSE = "\u0002";
export const linkMark = (index: number) => `${LINK_MARK_OPEN}${index}${LINK_MARK_CLOSE}`;
export const LINK_MARK_PATTERN = /\u0001(\d+)\u0002/g;
