// The sample posts as their authors wrote them, read straight from content/ so feed
// tests compare against the source, not against what the Worker computed.
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
}

export function samplePosts(dir = "content/posts"): SourcePost[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, f), "utf8"))![1]!;
      return { slug: basename(f, ".md"), ...(parse(front) as Omit<SourcePost, "slug">) };
    })
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
}

export const toUtcSeconds = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");
