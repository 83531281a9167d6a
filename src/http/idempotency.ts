// The Idempotency-Key middleware of POST /api/sends: the same key and body get the first
// answer again (`Idempotent-Replayed: true`), another body 422, a request still running 409;
// the handler sees the key's claim in `c.var.idempotencyClaim` and gives it to the send it makes.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { claimKey, isIdempotencyKey, settleKey } from "../sending/idempotency.ts";
import { ApiError } from "./api-error.ts";

/** `answerMade` answers for a key whose request made a send but stored no answer (it failed after, or still runs). */
export function idempotency(answerMade: (c: Context<AppEnv>, sendId: number) => Promise<Response>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (key === undefined) return next();
    if (!isIdempotencyKey(key)) throw new ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters", "Idempotency-Key");
    const body = await c.req.json().catch(() => undefined);
    if (body === undefined) return next(); // not JSON: the handler says so, and nothing is claimed
    const db = c.env.DB;
    const claim = await claimKey(db, key, body, c.get("deps").now());
    if (claim.state === "mismatch") throw new ApiError(422, "idempotency_key_reused", "this Idempotency-Key was used with a different body", "Idempotency-Key");
    if (claim.state === "in_progress") {
      throw new ApiError(409, "idempotency_in_progress", "a request with this Idempotency-Key is still being handled and has made no send yet; ask again shortly", "Idempotency-Key");
    }
    if (claim.state === "replay") return c.body(claim.response, claim.status as 200, { "Content-Type": "application/json", "Idempotent-Replayed": "true" });
    if (claim.state === "made") {
      c.header("Idempotent-Replayed", "true");
      return answerMade(c, claim.sendId);
    }
    c.set("idempotencyClaim", claim.claim);
    await next();
    // A request that failed frees its key only if it made no send; one that answered keeps its answer.
    if (c.error || c.res.status >= 500) await settleKey(db, key, claim.claim, "failed").catch((e) => console.error("an Idempotency-Key could not be released", e));
    else await settleKey(db, key, claim.claim, { status: c.res.status, body: await c.res.clone().text() });
  };
}
