// The send-rate rule, as a pure function of time: a permit is granted at time t only if
// fewer than `limit` permits were granted in (t − window, t]. So no window of that length
// ever holds more than `limit` grants. The window carries a small margin over one second,
// for the jitter between a grant and the moment SES sees the call.
export const WINDOW_MS = 1_030;

export class SlidingWindow {
  /** Grant times, oldest first; never more than `limit` kept. */
  private grants: number[] = [];

  constructor(grants: readonly number[] = []) {
    this.grants = [...grants];
  }

  /** Takes up to `wanted` permits at `now`; says how long to wait before asking again if short. */
  take(now: number, wanted: number, limit: number, windowMs = WINDOW_MS): { granted: number; waitMs: number } {
    this.grants = this.grants.filter((t) => t > now - windowMs);
    const granted = Math.max(0, Math.min(wanted, limit - this.grants.length));
    for (let i = 0; i < granted; i++) this.grants.push(now);
    if (this.grants.length > limit) this.grants = this.grants.slice(-limit);
    const waitMs = granted >= wanted ? 0 : Math.max(1, this.grants[0]! + windowMs - now);
    return { granted, waitMs };
  }

  snapshot(): number[] {
    return [...this.grants];
  }
}
