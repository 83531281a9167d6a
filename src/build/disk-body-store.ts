// Post bodies read from the built assets on disk, for Node-side tools (npm run email).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BodyStore } from "../content/body-store.ts";
import type { PostBody } from "../content/text-blocks.ts";

export function diskBodyStore(assetsDir: string): BodyStore {
  return { get: async (bodyPath) => JSON.parse(await readFile(join(assetsDir, bodyPath), "utf8")) as PostBody };
}
