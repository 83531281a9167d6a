// Checks the signed links in subscribers' mail and acts on them.
import { unsubscribeUrl } from "../content/urls.ts";
import type { Config } from "../config/config.ts";
import { confirmSubscriber, unsubscribeSubscriber, type Subscriber } from "../db/subscribers.ts";
import { signToken, verifyToken, type TokenPurpose } from "../tokens/signed-token.ts";

export type LinkCheck = { ok: true; subscriberId: number | undefined } | { ok: false; reason: "expired" | "invalid" };

/** Whether a link's token is genuine; `subscriberId` is undefined for tokens that name no subscriber (previews). */
export async function checkLink(config: Config, token: string | undefined, purpose: TokenPurpose, now: number): Promise<LinkCheck> {
  if (!token) return { ok: false, reason: "invalid" };
  const check = await verifyToken(config.signingKeys, token, purpose, now);
  if (!check.ok) return { ok: false, reason: check.reason === "expired" ? "expired" : "invalid" };
  const id = Number(check.claims.subject);
  return { ok: true, subscriberId: Number.isSafeInteger(id) && id > 0 ? id : undefined };
}

export async function confirmLink(db: D1Database, subscriberId: number | undefined, now: number): Promise<Subscriber | undefined> {
  return subscriberId === undefined ? undefined : confirmSubscriber(db, subscriberId, "confirm-link", now);
}

export async function unsubscribeLink(db: D1Database, subscriberId: number | undefined, now: number): Promise<Subscriber | undefined> {
  return subscriberId === undefined ? undefined : unsubscribeSubscriber(db, subscriberId, now);
}

/** A signed unsubscribe URL for whoever `subject` names (a subscriber id, or "test"/"preview"). */
export function unsubscribeUrlFor(config: Config, subject: string): string {
  return unsubscribeUrl(config, signToken(config.signingKeys, { purpose: "unsubscribe", subject }));
}

/** The unsubscribe URL for a subscriber's mail, body and List-Unsubscribe alike. */
export function subscriberUnsubscribeUrl(config: Config, subscriberId: number): string {
  return unsubscribeUrlFor(config, String(subscriberId));
}

/** The made-up recipient of previews: a reserved address and a link that names no subscriber. */
export function previewRecipient(config: Config): { address: string; unsubscribeUrl: string } {
  return { address: "preview@example.invalid", unsubscribeUrl: unsubscribeUrlFor(config, "preview") };
}

