// A JSON request body, or 400 saying it is not JSON.
import type { Context } from "hono";
import { ApiError } from "./api-error.ts";

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, "invalid_json", "the body is not valid JSON", "body");
  }
}
