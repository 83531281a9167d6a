// Splits a Markdown file into its YAML front matter and body.
import { parse } from "yaml";

export interface SplitFile {
  data: unknown;
  body: string;
}

export class FrontMatterError extends Error {}

export function splitFrontMatter(source: string): SplitFile {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) throw new FrontMatterError("the file must start with YAML front matter between '---' lines");
  let data: unknown;
  try {
    data = parse(match[1]!);
  } catch (err) {
    throw new FrontMatterError(`front matter is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError("front matter must be a YAML mapping of keys to values");
  }
  return { data, body: match[2]! };
}
