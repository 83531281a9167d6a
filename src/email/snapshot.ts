// What one render produces and every recipient's copy is made from.
import { hexOf } from "../tokens/hex.ts";

/** Placeholders for per-recipient values, unguessable so content cannot forge them. */
export interface RecipientMarkers {
  unsubscribeUrl: string;
  email: string;
  /** The preference page; absent from snapshots made before it existed. */
  preferencesUrl?: string;
}

export interface EmailSnapshot {
  date: string;
  subject: string;
  preheader: string;
  html: string;
  text: string;
  /** Posts in the email, in order, and those shown as summaries to stay in the size budget. */
  postSlugs: string[];
  summarized: string[];
  /** True when even with every post as a summary the HTML is over the size budget. */
  overBudget?: boolean;
  /** Present for the email (mode "email"); the web version has no recipient. */
  markers?: RecipientMarkers;
}

export function makeMarkers(nonce: string): RecipientMarkers {
  return { unsubscribeUrl: `[[herald-${nonce}-unsubscribe_url]]`, email: `[[herald-${nonce}-email]]`, preferencesUrl: `[[herald-${nonce}-preferences_url]]` };
}

export function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return hexOf(bytes);
}
