// The page shell: head with canonical, Open Graph and feed autodiscovery, header, footer.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Config } from "../config/config.ts";
import type { EventMeta } from "../content/types.ts";
import { SITE_CARD } from "../content/site-card.ts";
import { SITE_ICONS } from "../content/site-icons.ts";
import { feedUrl, siteHomeUrl } from "../content/urls.ts";
import { STYLE_PATH } from "./style.ts";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface FeedLink {
  title: string;
  rss: string;
  atom: string;
  json: string;
}

export interface PageProps {
  config: Config;
  title: string;
  description: string;
  canonical: string;
  ogType?: "website" | "article";
  /**
   * The picture link previews show: a raster file (previews show no SVG), its size in
   * pixels where known. Without one, a page gets the site card.
   */
  image?: PreviewImage;
  /** Extra feeds (an event's) next to the site's own. */
  feeds?: FeedLink[];
  body: Html;
}

export interface PreviewImage {
  url: string;
  alt: string;
  width?: number;
  height?: number;
}

/** The build's card with the site's title, for pages without a picture of their own. */
export function siteCard(config: Config): PreviewImage {
  return { url: `${config.siteUrl}${SITE_CARD.path}`, alt: config.siteTitle, width: SITE_CARD.width, height: SITE_CARD.height };
}

export function siteFeeds(config: Config): FeedLink {
  return { title: config.siteTitle, rss: feedUrl(config, "rss"), atom: feedUrl(config, "atom"), json: feedUrl(config, "json") };
}

export function eventFeeds(config: Config, event: EventMeta): FeedLink {
  return {
    title: event.title,
    rss: feedUrl(config, "rss", event.slug),
    atom: feedUrl(config, "atom", event.slug),
    json: feedUrl(config, "json", event.slug),
  };
}

export function layout(props: PageProps): Html {
  const { config } = props;
  const feeds = [...(props.feeds ?? []), siteFeeds(config)];
  const fullTitle = props.title === config.siteTitle ? props.title : `${props.title} — ${config.siteTitle}`;
  const image = props.image ?? siteCard(config);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${fullTitle}</title>
<meta name="description" content="${props.description}">
<link rel="canonical" href="${props.canonical}">
<meta property="og:site_name" content="${config.siteTitle}">
<meta property="og:title" content="${props.title}">
<meta property="og:description" content="${props.description}">
<meta property="og:type" content="${props.ogType ?? "website"}">
<meta property="og:url" content="${props.canonical}">
<meta property="og:image" content="${image.url}">
${image.width && image.height ? html`<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
` : ""}<meta property="og:image:alt" content="${image.alt}">
<meta name="twitter:card" content="summary_large_image">
${feeds.map(
  (f) => html`<link rel="alternate" type="application/rss+xml" title="${f.title} (RSS)" href="${f.rss}">
<link rel="alternate" type="application/atom+xml" title="${f.title} (Atom)" href="${f.atom}">
<link rel="alternate" type="application/feed+json" title="${f.title} (JSON Feed)" href="${f.json}">
`,
)}<link rel="icon" href="${config.siteUrl}${SITE_ICONS.favicon}" sizes="16x16 32x32 48x48">
<link rel="apple-touch-icon" href="${config.siteUrl}${SITE_ICONS.appleTouchIcon}">
<link rel="stylesheet" href="${STYLE_PATH}">
</head>
<body>
<header class="site"><a class="brand" href="${siteHomeUrl(config)}">${config.siteTitle}</a>
<nav><a href="${feeds[0]!.rss}">RSS</a> <a href="${feeds[0]!.atom}">Atom</a> <a href="${feeds[0]!.json}">JSON Feed</a></nav></header>
<main>
${props.body}
</main>
<footer class="site"><p>${config.siteTitle} ${raw("&middot;")} <a href="${siteHomeUrl(config)}">Home</a> ${raw("&middot;")} <a href="${config.siteUrl}/sitemap.xml">Sitemap</a></p></footer>
</body>
</html>`;
}
