// Helpers for sending tests: a clean ledger, subscribers, the queue's captured messages,
// waiting for the real consumer, and checking that nobody holds two copies.
import { env } from "cloudflare:test";
import { readConfig } from "../../src/config/config.ts";
import { handleSendBatch, type QueueMessage } from "../../src/sending/queue-handler.ts";
import type { SendingDeps, SendMessage } from "../../src/sending/sending-deps.ts";
import { realSendingDeps } from "./app-at.ts";
import { SEND_CONDITION_MS } from "../support/send-timeouts.ts";
import { allMail } from "./subscription-helpers.ts";

export const config = readConfig(env);
/** Day 1's email is due at 19:00 Pacific on 2015-11-09. */
export const DAY1 = "2015-11-09";
export const DAY1_DUE = Date.parse("2015-11-09T19:00:00-08:00");

/** 2015-11-10's email holds posts of two events (KubeCon 2015's Day 2 and Container Night SF 2015). */
export const VARIANT_DAY = "2015-11-10";
export const VARIANT_DAY_DUE = Date.parse("2015-11-10T19:00:00-08:00");
/** Choices that each follow one or both of VARIANT_DAY's events: three variants among them. */
export const MIXED_FOLLOWS: readonly (readonly string[] | null)[] = [null, ["kubecon-2015"], ["container-night-sf-2015"], ["container-night-sf-2015", "series:kubecon"]];

export async function clearLedger(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM alerts"),
    env.DB.prepare("DELETE FROM send_variants"),
    env.DB.prepare("DELETE FROM deliveries"),
    env.DB.prepare("DELETE FROM sends"),
    env.DB.prepare("DELETE FROM idempotency_keys"),
    env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE status = 'active'"),
  ]);
}

/**
 * Active subscribers with fresh addresses at `domain`; returns their addresses and ids. With
 * `follows`, the i-th follows `follows[i % length]` (null: everything, the default).
 */
export async function addSubscribers(count: number, domain = `${crypto.randomUUID().slice(0, 8)}.example`, status = "active", follows: readonly (readonly string[] | null)[] = [null]) {
  const people: { id: number; email: string; follows: readonly string[] | null }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `p${i}-${crypto.randomUUID().slice(0, 6)}@${domain}`;
    const choice = follows[i % follows.length]!;
    const row = await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, consent_at, follows) VALUES (?1, ?2, 'test', 0, 0, 0, ?3) RETURNING id")
      .bind(email, status, choice === null ? null : JSON.stringify([...choice].sort()))
      .first<{ id: number }>();
    people.push({ id: row!.id, email, follows: choice });
  }
  return people;
}

/** How many variants a send rendered so far. */
export async function variantCount(sendId: number): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM send_variants WHERE send_id = ?1").bind(sendId).first<{ n: number }>())!.n;
}

/** Every subject a send's mail went out under: its own and each variant's. */
export async function sendSubjects(sendId: number): Promise<string[]> {
  const own = await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(sendId).first<{ subject: string }>();
  const { results } = await env.DB.prepare("SELECT subject FROM send_variants WHERE send_id = ?1").bind(sendId).all<{ subject: string }>();
  return [...new Set([own!.subject, ...results.map((r) => r.subject)])];
}

/** A queue that keeps what is sent to it, so a test can play the consumer, faults included. */
export function capturingQueue() {
  const messages: { body: SendMessage; delaySeconds?: number }[] = [];
  return {
    messages,
    queue: { sendBatch: async (batch: { body: SendMessage; delaySeconds?: number }[]) => void messages.push(...batch) },
    take: () => messages.splice(0, messages.length),
  };
}

/** Plays the queue: runs the messages, and says which the consumer acked or asked to retry. */
export async function consume(messages: { body: SendMessage }[], deps: SendingDeps, attempts = 1) {
  const results: { body: SendMessage; outcome: "ack" | "retry"; delaySeconds?: number }[] = [];
  const wrapped: QueueMessage[] = messages.map((m) => {
    const entry: { body: SendMessage; outcome: "ack" | "retry"; delaySeconds?: number } = { body: m.body, outcome: "ack" };
    results.push(entry);
    return {
      body: m.body,
      attempts,
      ack: () => void (entry.outcome = "ack"),
      retry: (o) => Object.assign(entry, { outcome: "retry", delaySeconds: o?.delaySeconds }),
    };
  });
  await handleSendBatch(wrapped, deps);
  return results;
}

/**
 * Plays the queue until the messages are acked: one a consumer asks to retry is delivered
 * again, as the queue would (the pinned clock makes its delay moot). On a slow machine a
 * delivery can hand rows back unsent, rather than call SES late, and ask for a retry; a test
 * that means "this message gets delivered" must not depend on that never happening.
 */
export async function deliverUntilAcked(messages: { body: SendMessage }[], deps: SendingDeps, maxDeliveries = 30): Promise<void> {
  let open = messages;
  for (let attempt = 1; open.length > 0 && attempt <= maxDeliveries; attempt++) {
    open = (await consume(open, deps, attempt)).filter((r) => r.outcome === "retry");
  }
}

/** Runs whatever the captured queue holds, and what those steps enqueue, until it is empty. */
export async function drain(q: ReturnType<typeof capturingQueue>, deps: SendingDeps, maxRounds = 10): Promise<void> {
  for (let round = 0; round < maxRounds && q.messages.length; round++) await deliverUntilAcked(q.take(), deps);
}

export function testDeps(now: () => number, overrides: Partial<SendingDeps> = {}): SendingDeps {
  return { ...realSendingDeps(env, config, now), ...overrides };
}

export async function ledger(sendId: number) {
  const { results } = await env.DB.prepare("SELECT id, subscriber_id, email, status, error FROM deliveries WHERE send_id = ?1 ORDER BY id").bind(sendId).all<{ id: number; subscriber_id: number | null; email: string; status: string; error: string | null }>();
  return results;
}

export async function waitForStatus(sendId: number, statuses: string[], timeoutMs = SEND_CONDITION_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await env.DB.prepare("SELECT status FROM sends WHERE id = ?1").bind(sendId).first<{ status: string }>();
    if (row && statuses.includes(row.status)) return row.status;
    if (Date.now() > deadline) throw new Error(`send ${sendId} still ${row?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How many copies of the send's subject (or any of its variants' subjects) each address holds in the SES inbox. */
export async function copies(addresses: string[], subject: string | readonly string[]): Promise<Map<string, number>> {
  const subjects = typeof subject === "string" ? [subject] : subject;
  // The store is read once: reading it per address made this grow with addresses × mail held.
  const mail = (await allMail()).filter((m) => subjects.includes(m.subject));
  return new Map(addresses.map((a) => [a, mail.filter((m) => m.destination.to.includes(a)).length]));
}
