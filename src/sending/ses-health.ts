// The circuit breaker's count: how many SES calls in a row, across every run of this
// isolate, got no answer from SES (the connection failed, or a 5xx, or the answer was
// lost). Any answer SES gives, even a refusal, means it is up and resets the count.
import type { AnswerKind } from "./send-decision.ts";
import { CIRCUIT_WINDOW_MS } from "./tuning.ts";

export class SesHealth {
  private failures = 0;
  private lastError = "";
  private lastAt = 0;

  note(kind: AnswerKind, error?: string, now = Date.now()): void {
    if (kind === "unsent" || kind === "unknown") {
      // Two failures an hour ago and one now are not three in a row.
      if (now - this.lastAt > CIRCUIT_WINDOW_MS) this.failures = 0;
      this.lastAt = now;
      this.failures++;
      this.lastError = error ?? "";
    } else {
      this.failures = 0;
    }
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  get lastFailure(): string {
    return this.lastError;
  }
}

/** One per isolate: every consumer run in it counts into the same breaker. */
export const isolateSesHealth = new SesHealth();
