// The one place an error becomes an answer. An ApiError answers as itself; any other
// HTTPException keeps its status with a generic code; anything else is logged and is a 500
// that says nothing of the inside. A route that registered an error page (htmlErrors) gets
// that page with a sentence for a person's browser; a JSON body or `Accept: application/json`
// always gets the JSON shape.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "./api-error.ts";
import { sentenceFor, wantsJson } from "./html-errors.ts";

export function asApiError(err: Error): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) return new ApiError(err.status as ContentfulStatusCode, "http_error", err.message || "the request could not be handled");
  console.error(err);
  return new ApiError(500, "internal", "Something went wrong on our side.");
}

export function errorResponse(err: Error, c: Context<AppEnv>): Response {
  const error = asApiError(err);
  c.header("Cache-Control", "no-store"); // an error is about this request, not the resource
  const json = c.json(error.toJSON(), error.status);
  const page = c.get("errorPage");
  if (!page || wantsJson(c)) return json;
  // Headers set before the throw (Retry-After) are on both answers.
  return c.html(page(c, sentenceFor(error, error.status, json.headers.get("retry-after"))), error.status) as Response;
}
