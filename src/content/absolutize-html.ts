// Makes the root-relative links and images of a compiled body absolute for a site URL.
// Bodies are produced by the build's sanitiser, which always writes double-quoted
// attributes, so only href/src attributes inside <a> and <img> tags are touched.
export function absolutizeHtml(html: string, siteUrl: string): string {
  return html.replace(/<(?:a|img)\s[^>]*>/g, (tag) =>
    tag.replace(/\s(href|src)="\/(?!\/)/g, (_, attr: string) => ` ${attr}="${siteUrl}/`),
  );
}
