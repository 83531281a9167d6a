// Builds a throwaway content/ directory from pinned values, one call per test.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const EVENT_YAML = `title: Sample Conf
timezone: Europe/Berlin
start: 2026-03-02
end: 2026-03-03
url: https://conf.example.org
description: A two-day sample event.
`;

export interface PostFields {
  title?: string;
  date?: string;
  event?: string;
  day?: number | string;
  tags?: string;
  draft?: boolean;
  extra?: string;
  body?: string;
}

export function postFile(fields: PostFields = {}): string {
  const lines = ["---"];
  if (fields.title !== undefined) lines.push(`title: ${JSON.stringify(fields.title)}`);
  lines.push(`date: ${fields.date ?? "2026-03-02T18:00:00+01:00"}`);
  lines.push(`event: ${fields.event ?? "sample-conf"}`);
  lines.push(`day: ${fields.day ?? 1}`);
  lines.push("authors:", "  - name: Ada Sample");
  lines.push("summary: A sample summary.");
  lines.push(`tags: ${fields.tags ?? "[sample]"}`);
  if (fields.draft) lines.push("draft: true");
  if (fields.extra) lines.push(fields.extra);
  lines.push("---", "", fields.body ?? "## First\n\nHello.\n\n## Second\n\nWorld.\n");
  return lines.join("\n");
}

/** Writes files (path relative to the content dir → text or bytes) and returns the dir. */
export async function contentDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "herald-content-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}
