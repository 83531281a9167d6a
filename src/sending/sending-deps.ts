// What the sending pipeline needs from the outside; the Worker's entry wires the real
// ones, tests may wrap the mailer to inject a fault.
import type { Config } from "../config/config.ts";
import type { BodyStore } from "../content/body-store.ts";
import type { ContentIndex } from "../content/types.ts";
import type { Mailer } from "../mail/ses-mailer.ts";
import type { InFlightCap } from "./in-flight-cap.ts";
import type { SesHealth } from "./ses-health.ts";
import type { Slots } from "./send-slots.ts";
import type { HubRequest } from "../websub/hub-request.ts";
import type { OutboundFetch } from "../websub/callback-fetch.ts";

export type SendMessage =
  | { type: "prepare"; sendId: number }
  | { type: "deliver"; sendId: number; ids: number[] }
  | { type: "requeue"; sendId: number; afterId: number; staleBefore: number }
  /**
   * Someone asked to subscribe at `at`, to `follows` (absent: everything), with mail at
   * `delivery` ('HH:MM' or 'asap'; absent: asap) in `zone`; the honeypot's are carried too
   * (trapped), so every request does the same work before its answer.
   */
  | { type: "subscribe"; email: string; source: string; at: number; follows?: string[]; delivery?: string; zone?: string; trapped?: true }
  /** Transactional mail to send: confirmations, alerts. */
  | { type: "notices"; ids: number[] }
  /** The hub: a subscription request to verify with its callback (the queue counts the tries). */
  | { type: "websub-verify"; request: HubRequest }
  /** The hub: pushes of topic changes to make. */
  | { type: "websub-push"; ids: number[] }
  /** The hub: a publish check, armed for a scheduled post's time. */
  | { type: "websub-check" };

export interface SendingDeps {
  db: D1Database;
  queue: { sendBatch(messages: { body: SendMessage; delaySeconds?: number }[]): Promise<unknown> };
  mailer: Mailer;
  limiter: { acquire(wanted: number, limit: number): Promise<Slots> };
  /** Shared by every SES call of one invocation (see in-flight-cap.ts); none means no cap. */
  inFlight?: InFlightCap;
  /** The circuit breaker's count; none means the isolate's own. */
  sesHealth?: SesHealth;
  /** Wakes the send's watch (a Durable Object alarm) after `delayMs`, or its usual interval; none means nobody watches. */
  watch?: { arm(sendId: number, delayMs?: number): Promise<void> };
  /** Outbound calls to WebSub callbacks and hubs; none means the runtime's fetch (never following redirects). */
  fetch?: OutboundFetch;
  config: Config;
  index: ContentIndex;
  bodies: BodyStore;
  now: () => number;
}
