// Request bodies over a size answer 413 in the API's error shape, naming the body.
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./api-error.ts";

export function limitBody(maxSize: number, message = `the request body must be at most ${maxSize} bytes`) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, "body_too_large", message, "body");
    },
  });
}
