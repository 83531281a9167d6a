// Helpers for subscription tests: unique addresses and clients, the local SES inbox, rows.
import { env } from "cloudflare:test";
import { readConfig } from "../../src/config/config.ts";
import { fetchAt, playingSendingDeps } from "./app-at.ts";

export const config = readConfig(env);

export const uniqueAddress = (label = "reader") => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
export const uniqueClient = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID().slice(0, 4)}`;

export interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text: string; html: string };
}

/** Every mail the local SES endpoint holds (since this test file started: see fresh-inbox.ts). */
export async function allMail(): Promise<StoredMail[]> {
  return ((await (await fetch(`${config.ses.endpoint}/store`)).json()) as { emails: StoredMail[] }).emails;
}

/** Mail the local SES endpoint holds for one address. */
export async function inbox(address: string): Promise<StoredMail[]> {
  return (await allMail()).filter((m) => m.destination.to.includes(address));
}

export function subscriberRow(email: string) {
  return env.DB.prepare("SELECT * FROM subscribers WHERE email = ?1").bind(email).first<Record<string, unknown>>();
}

export function subscribe(at: string | number, email: unknown, options: { client?: string; json?: boolean; extra?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "CF-Connecting-IP": options.client ?? uniqueClient() };
  let body: string;
  if (options.json) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify({ email, ...options.extra });
  } else {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams({ email: String(email), ...options.extra }).toString();
  }
  // The queue is played in the test (see playingSendingDeps): the confirmation is in the
  // inbox when this returns, sent with the request's clock.
  const now = typeof at === "number" ? at : Date.parse(at);
  return fetchAt(at, "/subscribe", { method: "POST", headers, body }, {}, { sending: (e, c) => playingSendingDeps(e, c, () => now) });
}

/** The confirmation link in a confirmation mail's text. */
export function confirmLinkIn(mail: StoredMail): string {
  const match = /(http:\/\/127\.0\.0\.1:8787\/confirm\?token=[A-Za-z0-9._%-]+)/.exec(mail.body.text);
  if (!match) throw new Error(`no confirmation link in: ${mail.body.text}`);
  return match[1]!.replace("http://127.0.0.1:8787", "");
}
