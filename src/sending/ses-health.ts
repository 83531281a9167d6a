// The circuit breaker's count: how many SES calls in a row, across every run of this
// isolate, got no answer from SES (the connection failed, or a 5xx, or the answer was
// lost). Any answer SES gives, even a refusal, means it is up and resets the count.
import type { AnswerKind } from "./send-decision.ts";

export class SesHealth {
  private failures = 0;
  private lastError = "";

  note(kind: AnswerKind, error?: string): void {
    if (kind === "unsent" || kind === "unknown") {
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
