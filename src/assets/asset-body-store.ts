// Pre-rendered post bodies live in the static assets, not in the Worker bundle, so the
// bundle does not grow with the archive. Body paths carry a content hash, so a body
// once read never changes and can be kept in the isolate's memory.
import type { BodyStore } from "../content/body-store.ts";
import type { PostBody } from "../content/text-blocks.ts";
import { PromiseCache } from "../util/promise-cache.ts";

const MAX_CACHED = 500;

export function assetBodyStore(assets: Fetcher): BodyStore {
  const cache = new PromiseCache<string, PostBody>(MAX_CACHED);
  return { get: (bodyPath) => cache.get(bodyPath, () => fetchBody(assets, bodyPath)) };
}

async function fetchBody(assets: Fetcher, bodyPath: string): Promise<PostBody> {
  const response = await assets.fetch(new Request(`https://assets.invalid${bodyPath}`));
  if (!response.ok) throw new Error(`post body ${bodyPath} is missing from the static assets (${response.status}); rebuild the content`);
  return response.json<PostBody>();
}
