// SHA-256 of a text, as lower-case hex: for keys that must match without holding the text.
import { hexOf } from "./hex.ts";

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return hexOf(new Uint8Array(digest));
}
