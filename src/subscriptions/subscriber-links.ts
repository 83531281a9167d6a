// Checks the signed links in subscribers' mail and acts on them.
import type { Follows } from "../content/follows.ts";
import { preferencesUrl, unsubscribeUrl } from "../content/urls.ts";
import type { Config } from "../config/config.ts";
import { confirmSubscriber, findSubscriber, unsubscribeSubscriber, type Subscriber } from "../db/subscribers.ts";
import { signToken, verifyToken, type TokenClaims, type TokenPurpose } from "../tokens/signed-token.ts";
import { refusedAfter } from "./confirmation-rule.ts";
import { queueWelcomes, type WelcomeDeps } from "./welcome.ts";
import { CONFIRM_TOKEN_TTL_S } from "./subscription-timing.ts";

export type LinkCheck = { ok: true; subscriberId: number | undefined; requestedAt: number } | { ok: false; reason: "expired" | "invalid" };

/**
 * What a confirm link did: confirmed (`changed` when this press made the row active, not a
 * second press), or nothing, because the person said no after asking.
 */
export type ConfirmResult = { state: "confirmed"; subscriber: Subscriber; changed: boolean } | { state: "withdrawn" | "gone" };

/** Whether a link's token is genuine; `subscriberId` is undefined for tokens that name no subscriber (previews). */
export async function checkLink(config: Config, token: string | undefined, purpose: TokenPurpose, now: number): Promise<LinkCheck> {
  if (!token) return { ok: false, reason: "invalid" };
  const check = await verifyToken(config.signingKeys, token, purpose, now);
  if (!check.ok) return { ok: false, reason: check.reason === "expired" ? "expired" : "invalid" };
  const id = Number(check.claims.subject);
  return { ok: true, subscriberId: Number.isSafeInteger(id) && id > 0 ? id : undefined, requestedAt: requestedAt(check.claims) };
}

/**
 * When the request behind a token was made. Confirm links from before `r` was signed into
 * them carry only their expiry, which is the request plus the link's lifetime.
 */
function requestedAt(claims: TokenClaims): number {
  if (claims.requestedAt !== undefined) return claims.requestedAt;
  return claims.expiresAt === undefined ? 0 : (claims.expiresAt - CONFIRM_TOKEN_TTL_S) * 1000;
}

/** Whether a confirm link could still confirm, without changing anything (for the GET page). */
export async function confirmLinkState(db: D1Database, subscriberId: number | undefined, requestedAt: number): Promise<{ state: "open"; subscriber: Subscriber } | { state: "withdrawn" | "gone" }> {
  const subscriber = subscriberId === undefined ? undefined : await findSubscriber(db, subscriberId);
  if (!subscriber) return { state: "gone" };
  // Pressing it again once active is harmless; the page says what the press confirms.
  if (subscriber.status !== "active" && refusedAfter(subscriber, requestedAt)) return { state: "withdrawn" };
  return { state: "open", subscriber };
}

/**
 * A confirm link confirms the request that made it, and nothing later: an unsubscribe, a
 * bounce or a complaint after that request voids it (the person needs a new link).
 */
export async function confirmLink(db: D1Database, subscriberId: number | undefined, requestedAt: number, now: number): Promise<ConfirmResult> {
  if (subscriberId === undefined) return { state: "gone" };
  const confirmed = await confirmSubscriber(db, subscriberId, "confirm-link", requestedAt, now);
  if (confirmed) return { state: "confirmed", subscriber: confirmed, changed: true };
  const subscriber = await findSubscriber(db, subscriberId);
  if (!subscriber) return { state: "gone" };
  return subscriber.status === "active" ? { state: "confirmed", subscriber, changed: false } : { state: "withdrawn" };
}

/**
 * POST /confirm: the link confirms (confirmLink), and the press that made the row active
 * queues the welcomes that catch the person up on running events they follow. A failure
 * there does not undo the confirmation: notices already recorded are put on the queue by the
 * scheduled job's sweep; one that could not even be recorded is named in the log.
 */
export async function confirmFromLink(deps: WelcomeDeps, subscriberId: number | undefined, requestedAt: number, now: number): Promise<ConfirmResult> {
  const result = await confirmLink(deps.db, subscriberId, requestedAt, now);
  if (result.state === "confirmed" && result.changed) {
    try {
      await queueWelcomes(deps, result.subscriber, now);
    } catch (err) {
      console.error(`welcome for subscriber ${result.subscriber.id} not queued yet (the sweep will)`, err);
    }
  }
  return result;
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

/**
 * A signed link to the preference page of whoever `subject` names (a subscriber id, or
 * "test"/"preview"): no expiry, and rotation as for unsubscribe links (the key id is in it).
 */
export function preferencesUrlFor(config: Config, subject: string, stop?: string): string {
  return preferencesUrl(config, signToken(config.signingKeys, { purpose: "preferences", subject }), stop);
}

/** The made-up recipient of previews: a reserved address and a link that names no subscriber. */
export function previewRecipient(config: Config): { address: string; unsubscribeUrl: string; preferencesUrl: string } {
  return { address: "preview@example.invalid", unsubscribeUrl: unsubscribeUrlFor(config, "preview"), preferencesUrl: preferencesUrlFor(config, "preview") };
}

