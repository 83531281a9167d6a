// Builds the real app with a pinned clock, for tests that depend on what happens when.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../src/app.ts";
import type { AppDeps } from "../../src/app-env.ts";
import { assetBodyStore } from "../../src/assets/asset-body-store.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { sesMailer } from "../../src/mail/ses-mailer.ts";
import { handleSendBatch } from "../../src/sending/queue-handler.ts";
import type { SendingDeps, SendMessage } from "../../src/sending/sending-deps.ts";

export const ORIGIN = "http://127.0.0.1:8787";

/** The real sending dependencies (queue, limiter, mailer) with a given clock. */
export function realSendingDeps(e: Env, config: SendingDeps["config"], now: () => number): SendingDeps {
  const limiter = e.SEND_RATE_LIMITER.get(e.SEND_RATE_LIMITER.idFromName("global"));
  return {
    db: e.DB,
    queue: e.SEND_QUEUE as unknown as SendingDeps["queue"],
    mailer: sesMailer(config.ses),
    limiter: { acquire: (wanted, limit) => limiter.acquire(wanted, limit) },
    config,
    index: contentIndex,
    bodies: assetBodyStore(e.ASSETS),
    now,
  };
}

/** The real app dependencies (content, assets, mailer, sending) with a given clock. */
export function realAppDeps(now: () => number): AppDeps {
  return {
    index: contentIndex,
    now,
    bodies: (e) => assetBodyStore(e.ASSETS),
    mailer: (_e, config) => sesMailer(config.ses),
    sending: (e, config) => realSendingDeps(e, config, now),
    fetch: (url, init) => fetch(url, init),
  };
}

/**
 * The real sending dependencies with a queue that the test plays itself: each message sent
 * to it runs at once, with the same pinned clock, as the real consumer would run it a moment
 * later. Messages sent with a delay are held back (a test that wants them takes them from
 * `held`), so a retry never loops.
 */
export function playingSendingDeps(
  e: Env,
  config: SendingDeps["config"],
  now: () => number,
  { held = [], ...overrides }: { held?: { body: SendMessage; delaySeconds?: number }[] } & Partial<SendingDeps> = {},
): SendingDeps {
  const deps: SendingDeps = {
    ...realSendingDeps(e, config, now),
    ...overrides,
    queue: {
      async sendBatch(messages: { body: SendMessage; delaySeconds?: number }[]) {
        const due = messages.filter((m) => !m.delaySeconds);
        held.push(...messages.filter((m) => m.delaySeconds));
        await handleSendBatch(due.map((m) => ({ body: m.body, attempts: 1, ack() {}, retry: () => void held.push({ body: m.body, delaySeconds: 1 }) })), deps);
      },
    },
  };
  return deps;
}

/**
 * Fetches `path` from a fresh app whose clock reads `at`, with optional setting overrides
 * and dependencies, and waits for the work it left running (waitUntil).
 */
export async function fetchAt(
  at: string | number,
  path: string,
  init?: RequestInit,
  vars: Partial<Env> = {},
  deps: Partial<AppDeps> = {},
): Promise<Response> {
  const now = typeof at === "number" ? at : Date.parse(at);
  const app = createApp({ ...realAppDeps(() => now), ...deps });
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A moment after every sample post is published. */
export const AFTER_ALL = "2026-11-26T12:00:00Z";
