// X-Hub-Signature (W3C WebSub, 8): the HMAC of the pushed body, keyed by the subscriber's secret.
import { hexOf } from "../tokens/hex.ts";

export async function hubSignature(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `sha256=${hexOf(mac)}`;
}
