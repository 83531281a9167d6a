// The URLs an HTML document fetches by itself as it is shown (images, stylesheets, fonts,
// backgrounds), as opposed to links a reader may follow. Emails and their templates are
// checked with it: each such fetch from another site tells that site who read the mail.
import { unescapeHtml } from "../content/escape-html.ts";

const ATTRIBUTE = /\s(src|href|background|poster|data|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;

export function resourceUrls(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.matchAll(/<([a-z][a-z0-9:-]*)\b[^>]*>/gi)) {
    const name = tag[1]!.toLowerCase();
    for (const attr of tag[0].matchAll(ATTRIBUTE)) {
      const key = attr[1]!.toLowerCase();
      const value = attr[2] ?? attr[3] ?? attr[4] ?? "";
      // A link's href is followed by the reader, except a <link>'s, which the client fetches.
      if (key === "href" && name !== "link") continue;
      if (key === "data" && name !== "object") continue;
      if (key === "srcset") urls.push(...value.split(",").map((c) => c.trim().split(/\s+/)[0]!).filter(Boolean));
      else urls.push(value);
    }
  }
  for (const css of html.matchAll(CSS_URL)) urls.push(css.slice(1).find((v) => v !== undefined)!);
  return urls.map((u) => unescapeHtml(u).trim()).filter((u) => u !== "");
}

/** Whether a URL points away from the document's own site (anything absolute or scheme-relative). */
export const isAbsoluteUrl = (url: string) => /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url);
