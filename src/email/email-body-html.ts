// A post body's sanitised HTML, made fit for email clients: images as the build made them
// for email (PNG for SVG, with width and height), absolute links, headings one level down
// (the post title is the email's h2), and inline styles, since many clients drop <style>.
// The build's sanitiser leaves no style attributes, so adding one is safe.
import { absolutizeHtml } from "../content/absolutize-html.ts";
import { escapeHtml, unescapeHtml } from "../content/escape-html.ts";
import type { PostBody } from "../content/text-blocks.ts";

const STYLES: Record<string, string> = {
  p: "margin:0 0 16px;",
  h3: "font-size:19px;line-height:1.3;margin:24px 0 8px;",
  h4: "font-size:17px;line-height:1.3;margin:20px 0 8px;",
  h5: "font-size:16px;margin:16px 0 8px;",
  h6: "font-size:15px;margin:16px 0 8px;",
  a: "color:#1f5fbf;",
  img: "max-width:100%;height:auto;border:0;",
  pre: "background-color:#f2f2f5;padding:12px;border-radius:4px;font-size:13px;line-height:1.45;white-space:pre-wrap;word-break:break-word;margin:0 0 16px;",
  code: "font-family:Menlo,Consolas,monospace;font-size:0.92em;",
  blockquote: "margin:0 0 16px;padding-left:12px;border-left:3px solid #d9d9de;color:#5b5b66;",
  ul: "margin:0 0 16px;padding-left:24px;",
  ol: "margin:0 0 16px;padding-left:24px;",
  li: "margin:0 0 4px;",
  table: "border-collapse:collapse;width:100%;margin:0 0 16px;",
  th: "border:1px solid #d9d9de;padding:4px 8px;text-align:left;",
  td: "border:1px solid #d9d9de;padding:4px 8px;",
  hr: "border:0;border-top:1px solid #d9d9de;margin:24px 0;",
};

export function emailBodyHtml(body: Pick<PostBody, "html" | "images">, siteUrl: string): string {
  return absolutizeHtml(emailImages(body), siteUrl)
    .replace(/<(\/?)h([2-6])\b/g, (_, slash: string, n: string) => `<${slash}h${Math.min(6, Number(n) + 1)}`)
    .replace(/<([a-z][a-z0-9]*)\b(?=[\s>/])/g, (tag, name: string) => (STYLES[name] ? `${tag} style="${STYLES[name]}"` : tag));
}

/** Each <img> of the body as email shows it; the sanitiser wrote every attribute double-quoted. */
function emailImages({ html, images }: Pick<PostBody, "html" | "images">): string {
  return html.replace(/<img\s[^>]*>/g, (tag) => {
    const src = /\ssrc="([^"]*)"/.exec(tag)?.[1];
    const image = src === undefined ? undefined : images[unescapeHtml(src).split(/[?#]/)[0]!];
    if (!image) return tag;
    const rest = tag.replace(/\s(src|width|height)="[^"]*"/g, "").replace(/^<img/, "");
    return `<img src="${escapeHtml(image.src)}" width="${image.width}" height="${image.height}"${rest}`;
  });
}
