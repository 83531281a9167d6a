// Bodies are read as UTF-8; one that says it is in another charset is refused, not misread.
import { ApiError } from "./api-error.ts";

export function requireUtf8(contentType: string): void {
  const charset = /;\s*charset=("?)([^";\s]*)\1/i.exec(contentType)?.[2];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) throw new ApiError(415, "unsupported_charset", `the body must be UTF-8, not ${charset.slice(0, 40) || "an empty charset"}`, "body");
}
