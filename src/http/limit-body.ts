// Request bodies over a size answer 413 in the API's error shape, naming the body.
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./api-error.ts";

/** `code`: another than the default for a form whose page says it in its own words (error pages show the message of any code but the default). */
export function limitBody(maxSize: number, message = `the request body must be at most ${maxSize} bytes`, code = "body_too_large") {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, code, message, "body");
    },
  });
}
