// Pre-rendered post bodies live in the static assets, not in the Worker bundle, so the
// bundle does not grow with the archive. Body paths carry a content hash, so a body
// once read never changes and can be kept in the isolate's memory.
import type { BodyStore } from "../content/body-store.ts";
import type { PostBody } from "../content/text-blocks.ts";

export class BodyNotFoundError extends Error {
  override name = "BodyNotFoundError";
}

const MAX_CACHED = 500;

export function assetBodyStore(assets: Fetcher): BodyStore {
  const cache = new Map<string, Promise<PostBody>>();
  return {
    get(bodyPath) {
      let body = cache.get(bodyPath);
      if (!body) {
        body = fetchBody(assets, bodyPath);
        body.catch(() => cache.delete(bodyPath));
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.set(bodyPath, body);
      }
      return body;
    },
  };
}

async function fetchBody(assets: Fetcher, bodyPath: string): Promise<PostBody> {
  const response = await assets.fetch(new Request(`https://assets.invalid${bodyPath}`));
  if (!response.ok) throw new BodyNotFoundError(`post body ${bodyPath} is missing from the static assets (${response.status}); rebuild the content`);
  return response.json<PostBody>();
}
