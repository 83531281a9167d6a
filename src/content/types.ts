// The compiled content the Worker serves: what the build emits and every page and feed reads.

export interface Author {
  name: string;
  email?: string;
  url?: string;
}

export interface TocEntry {
  /** The heading's anchor (id attribute), stable while its text stays the same. */
  id: string;
  text: string;
}

export interface EventMeta {
  slug: string;
  title: string;
  timezone: string;
  /** First and last day of the event, `YYYY-MM-DD`. */
  start: string;
  end: string;
  url: string;
  description: string;
  /** The series this event is an edition of; subscribers may follow the series (`series:<name>`). */
  series?: string;
}

export interface PostMeta {
  slug: string;
  title: string;
  /** Publication date-time as written, RFC 3339 with its offset. */
  date: string;
  /** `date` in epoch milliseconds, for ordering and publication checks. */
  publishedMs: number;
  updated?: string;
  updatedMs?: number;
  event: string;
  day: number;
  authors: Author[];
  summary: string;
  tags: string[];
  toc: TocEntry[];
  /** The post's first image as link previews show it (og:image): a raster file, with its alt text. */
  image?: { src: string; alt: string };
  /** Path of the pre-rendered body in the static assets (never served publicly). */
  bodyPath: string;
}

/**
 * How an image a post shows appears in email. Mail clients (Gmail, Outlook, Yahoo) show no
 * SVG, so an SVG's email version is a PNG the build made; other images are themselves.
 */
export interface EmailImage {
  /** Root-relative path of the file the email shows. */
  src: string;
  /** Display size in CSS pixels, at most the email's column (Outlook needs both). */
  width: number;
  height: number;
}

export interface ContentIndex {
  /** Changes whenever any compiled byte changes; part of every ETag. */
  buildId: string;
  events: EventMeta[];
  /** Every non-draft post, newest first (by publication time, then slug). */
  posts: PostMeta[];
}
