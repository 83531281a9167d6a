// Bytes as lower-case hex, two digits each: digests, signatures, random nonces.
export function hexOf(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
