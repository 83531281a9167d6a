// The one error type: anything Herald refuses, from any layer, is thrown as an ApiError (a
// Hono HTTPException), and app.onError turns it into the JSON error
// `{ error: { code, message, field? }, ...details }` or, on a route that has its own error
// page, that page with a sentence (src/http/error-response.ts).
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class ApiError extends HTTPException {
  override name = "ApiError";
  override readonly status: ContentfulStatusCode;

  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** More of the answer beside `error`, e.g. the send a 409 is about. */
    readonly details?: Record<string, unknown>,
  ) {
    super(status, { message });
    this.status = status;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) }, ...this.details };
  }
}
