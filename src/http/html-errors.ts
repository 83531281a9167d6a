// HTML routes answer HTML for every error they produce: a route names its own page here, and
// error-response.ts answers a person's browser with it, with a sentence, under the same
// status and headers (Retry-After stays). A JSON body or `Accept: application/json` keeps the JSON.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { Html } from "../pages/layout.ts";
import { ApiError } from "./api-error.ts";

/** The page to answer with, given the sentence that says what went wrong. */
export type ErrorPage = (c: Context<AppEnv>, sentence: string) => Html;

/** The body is JSON: `application/json` itself, with parameters or none. */
export function isJsonBody(c: Context): boolean {
  return /^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "");
}

/** The caller is a program: it sent JSON or asks for it. */
export function wantsJson(c: Context): boolean {
  return isJsonBody(c) || /(^|,)\s*application\/json\s*(;|,|$)/i.test(c.req.header("accept") ?? "");
}

/** Registers the route's own page for its errors; error-response.ts answers with it. */
export function htmlErrors(page: ErrorPage): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("errorPage", page);
    await next();
  };
}

/** What a person reading the page needs to know; the API's messages are written for programs. */
export function sentenceFor(err: Error, status: number, retryAfterSeconds: string | null): string {
  if (status >= 500) return "Something went wrong on our side. Please try again in a few minutes.";
  switch (err instanceof ApiError ? err.code : undefined) {
    case "rate_limited": {
      const minutes = Math.max(1, Math.ceil(Number(retryAfterSeconds ?? 600) / 60));
      return `Too many requests have come from your network in the last few minutes. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    }
    case "body_too_large":
      return "That was more than this form takes. Please enter your email address alone and try again.";
    case "unsupported_media_type":
    case "invalid_json":
    case "invalid_body":
      return "Your browser sent the form in a way we could not read. Please try again with the form below.";
    case undefined:
      return "We could not handle that request. Please try again.";
    default:
      return err.message;
  }
}
