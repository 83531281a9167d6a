// Where pre-rendered post bodies come from: static assets in the Worker, files in Node tools.
import type { PostBody } from "./text-blocks.ts";

export interface BodyStore {
  get(bodyPath: string): Promise<PostBody>;
}
