// A request body as fields, whether a form (urlencoded or multipart) or a JSON object; 400
// or 415 in the API's error shape for anything else. Fields a form may repeat (`events`)
// come as every value in order; any other repeated field is its last value, as before.
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "./api-error.ts";
import { isJsonBody } from "./html-errors.ts";
import { readJson } from "./read-json.ts";
import { requireUtf8 } from "./require-utf8.ts";

export async function readFields(c: Context<AppEnv>, repeated: readonly string[] = []): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (isJsonBody(c)) {
    requireUtf8(type);
    const body = await readJson(c);
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new ApiError(400, "invalid_body", 'the body must be a JSON object like {"email": "you@example.org"}', "body");
    return body as Record<string, unknown>;
  }
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    requireUtf8(type);
    if (/^multipart\//i.test(type) && !/;\s*boundary=("[^"]+"|[^\s;]+)/i.test(type)) throw new ApiError(400, "invalid_body", "a multipart/form-data body needs a boundary in its Content-Type", "body");
    let all: Record<string, unknown>;
    try {
      all = await c.req.parseBody({ all: true });
    } catch {
      throw new ApiError(400, "invalid_body", "the form body could not be read: it is malformed or cut short", "body");
    }
    return Object.fromEntries(Object.entries(all).map(([name, value]) => [name, Array.isArray(value) && !repeated.includes(name) ? value.at(-1) : value]));
  }
  throw new ApiError(415, "unsupported_media_type", "send a form (application/x-www-form-urlencoded) or JSON (application/json)", "body");
}

/** A field's string values, one or many (a repeated form field), for showing a form again as it was sent. */
export function fieldValues(value: unknown): string[] {
  return [value].flat().filter((v): v is string => typeof v === "string");
}
