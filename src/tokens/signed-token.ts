// Signed tokens for subscriber links: HMAC-SHA256 over a small payload, with the signing
// key's id in the clear so old links keep working after a key rotation. Signing is
// synchronous (node:crypto), since a send signs one token per recipient; checking uses
// WebCrypto's verify, which compares in constant time.
import { createHmac } from "node:crypto";
// Format: <key id>.<base64url payload>.<base64url signature>.
import type { SigningKey } from "../config/config.ts";

export type TokenPurpose = "unsubscribe" | "confirm" | "preferences" | "desk";

export interface TokenClaims {
  purpose: TokenPurpose;
  /** Who the token speaks for (a subscriber id or address). */
  subject: string;
  /** Expiry in epoch seconds; unsubscribe and preferences tokens have none. */
  expiresAt?: number;
  /** When the request the token answers was made (epoch ms): a confirm link confirms that request only. */
  requestedAt?: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: "malformed" | "unknown_key" | "bad_signature" | "wrong_purpose" | "expired" };

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    keyCache.set(secret, key);
  }
  return key;
}

export function signToken(keys: readonly SigningKey[], claims: TokenClaims): string {
  const key = keys[0];
  if (!key) throw new Error("no signing key configured");
  const payload = base64url(encoder.encode(JSON.stringify({ p: claims.purpose, s: claims.subject, ...(claims.expiresAt ? { e: claims.expiresAt } : {}), ...(claims.requestedAt !== undefined ? { r: claims.requestedAt } : {}) })));
  const signed = `${key.id}.${payload}`;
  return `${signed}.${createHmac("sha256", key.secret).update(signed).digest("base64url")}`;
}

export async function verifyToken(keys: readonly SigningKey[], token: string, purpose: TokenPurpose, nowMs: number): Promise<TokenCheck> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p)) || token.length > 1024) return { ok: false, reason: "malformed" };
  const [kid, payload, signature] = parts as [string, string, string];
  const key = keys.find((k) => k.id === kid);
  if (!key) return { ok: false, reason: "unknown_key" };
  const sig = fromBase64url(signature);
  const payloadBytes = fromBase64url(payload);
  // One spelling only: atob ignores spare trailing bits, which would let a token have twins.
  if (!sig || !payloadBytes || sig.length !== 32 || base64url(sig) !== signature || base64url(payloadBytes) !== payload) {
    return { ok: false, reason: "malformed" };
  }
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(key.secret), sig, encoder.encode(`${kid}.${payload}`));
  if (!valid) return { ok: false, reason: "bad_signature" };
  let data: { p?: unknown; s?: unknown; e?: unknown; r?: unknown };
  try {
    data = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (data === null || typeof data !== "object" || typeof data.s !== "string" || (data.e !== undefined && typeof data.e !== "number") || (data.r !== undefined && typeof data.r !== "number")) {
    return { ok: false, reason: "malformed" };
  }
  if (data.p !== purpose) return { ok: false, reason: "wrong_purpose" };
  if (typeof data.e === "number" && data.e * 1000 < nowMs) return { ok: false, reason: "expired" };
  return {
    ok: true,
    claims: { purpose, subject: data.s, ...(typeof data.e === "number" ? { expiresAt: data.e } : {}), ...(typeof data.r === "number" ? { requestedAt: data.r } : {}) },
  };
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
