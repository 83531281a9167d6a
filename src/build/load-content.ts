// Reads content/ and validates it: events, then posts against the events. Collects
// every problem (file, field, what was wrong) instead of stopping at the first.
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { parse } from "yaml";
import type { PostBody } from "../content/text-blocks.ts";
import type { EventMeta, PostMeta } from "../content/types.ts";
import { describeIssues, eventSchema, frontMatterSchema, slugSchema } from "./content-schema.ts";
import { FrontMatterError, splitFrontMatter } from "./front-matter.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { renderText } from "./render-text.ts";

export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export interface LoadedPost {
  meta: Omit<PostMeta, "bodyPath" | "image">;
  /** The body without its images' email versions, which the build adds. */
  body: Omit<PostBody, "images">;
  /** Root-relative paths of the images the body shows, the first with its alt text. */
  images: string[];
  firstImage?: { src: string; alt: string };
  draft: boolean;
}

export interface LoadedContent {
  events: EventMeta[];
  posts: LoadedPost[];
  images: string[];
  problems: ContentProblem[];
}

export async function loadContent(contentDir: string): Promise<LoadedContent> {
  const problems: ContentProblem[] = [];
  const rel = (file: string) => relative(process.cwd(), file) || file;
  const events = await loadEvents(join(contentDir, "events"), rel, problems);
  const eventDays = new Map(events.map((e) => [e.slug, daysBetween(e.start, e.end) + 1]));
  const images = (await listFiles(join(contentDir, "images"))).map((f) => `/images/${relative(join(contentDir, "images"), f).split("\\").join("/")}`);
  const imageSet = new Set(images);

  const posts: LoadedPost[] = [];
  const seen = new Map<string, string>();
  for (const file of (await listFiles(join(contentDir, "posts"))).filter((f) => extname(f) === ".md")) {
    const where = rel(file);
    const slug = basename(file, ".md");
    const slugCheck = slugSchema.safeParse(slug);
    if (!slugCheck.success) problems.push({ file: where, field: "slug (file name)", message: slugCheck.error.issues[0]!.message });
    const other = seen.get(slug);
    if (other) {
      problems.push({ file: where, field: "slug (file name)", message: `duplicate slug "${slug}", also used by ${other}` });
      continue;
    }
    seen.set(slug, where);

    let split;
    try {
      split = splitFrontMatter(await readFile(file, "utf8"));
    } catch (err) {
      if (!(err instanceof FrontMatterError)) throw err;
      problems.push({ file: where, field: "(front matter)", message: err.message });
      continue;
    }
    const parsed = frontMatterSchema.safeParse(split.data);
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error)) problems.push({ file: where, ...issue });
      continue;
    }
    const fm = parsed.data;
    const days = eventDays.get(fm.event);
    if (days === undefined) {
      problems.push({ file: where, field: "event", message: `unknown event "${fm.event}" (no content/events/${fm.event}.yaml)` });
      continue;
    }
    if (fm.day > days) problems.push({ file: where, field: "day", message: `day ${fm.day} is past the event's last day (${days})` });
    if (split.body.trim() === "") problems.push({ file: where, field: "(body)", message: "the post has no text" });

    const body = renderMarkdown(split.body, slug);
    for (const image of body.imagesWithoutAlt) {
      problems.push({ file: where, field: "(body)", message: `image ${image} needs alt text (![what it shows](${image}))` });
    }
    for (const image of body.remoteImages) {
      problems.push({ file: where, field: "(body)", message: `image ${image} is on another site; put it in content/images, so that no page or email tells another site who read it` });
    }
    for (const image of body.images) {
      if (!imageSet.has(image)) {
        problems.push({ file: where, field: "(body)", message: `image ${image} is not in content/images (write /images/name or ../images/name)` });
      }
    }
    posts.push({
      draft: fm.draft,
      body: { html: body.html, ...renderText(split.body, slug) },
      images: body.images,
      ...(body.firstImage ? { firstImage: body.firstImage } : {}),
      meta: {
        slug,
        title: fm.title,
        date: fm.date,
        publishedMs: Date.parse(fm.date),
        ...(fm.updated ? { updated: fm.updated, updatedMs: Date.parse(fm.updated) } : {}),
        event: fm.event,
        day: fm.day,
        authors: fm.authors,
        summary: fm.summary,
        tags: fm.tags,
        toc: body.toc,
      },
    });
  }
  return { events, posts, images, problems };
}

async function loadEvents(dir: string, rel: (f: string) => string, problems: ContentProblem[]): Promise<EventMeta[]> {
  const events: EventMeta[] = [];
  for (const file of (await listFiles(dir)).filter((f) => /\.ya?ml$/.test(f))) {
    const where = rel(file);
    const slug = basename(file).replace(/\.ya?ml$/, "");
    const slugCheck = slugSchema.safeParse(slug);
    if (!slugCheck.success) problems.push({ file: where, field: "slug (file name)", message: slugCheck.error.issues[0]!.message });
    let data: unknown;
    try {
      data = parse(await readFile(file, "utf8"));
    } catch (err) {
      problems.push({ file: where, field: "(yaml)", message: `not valid YAML: ${(err as Error).message.split("\n")[0]}` });
      continue;
    }
    if (events.some((e) => e.slug === slug)) {
      problems.push({ file: where, field: "slug (file name)", message: `duplicate event "${slug}"` });
      continue;
    }
    const parsed = eventSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error)) problems.push({ file: where, ...issue });
      continue;
    }
    events.push({ slug, ...parsed.data });
  }
  return events;
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}
