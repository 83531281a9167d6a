// The sample posts as their authors wrote them, read straight from content/ so feed
// tests compare against the source, not against what the Worker computed. Only what a
// reader can see now: drafts and posts dated ahead are left out, as the site does.
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";

export interface SourcePost {
  slug: string;
  title: string;
  date: string;
  updated?: string;
  summary: string;
  tags: string[];
  authors: { name: string }[];
  event: string;
  draft?: boolean;
}

export function samplePosts(options: { event?: string; tag?: string; dir?: string } = {}): SourcePost[] {
  const dir = options.dir ?? "content/posts";
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".md"))
    .map((f) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, f), "utf8"))![1]!;
      return { slug: basename(f, ".md"), ...(parse(front) as Omit<SourcePost, "slug">) };
    })
    .filter((p) => !p.draft && Date.parse(p.date) <= Date.now() && (options.event === undefined || p.event === options.event) && (options.tag === undefined || (p.tags ?? []).includes(options.tag)))
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
}

export const toUtcSeconds = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");
