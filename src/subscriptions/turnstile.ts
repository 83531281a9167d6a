// Cloudflare Turnstile on the subscribe form, an option: off unless both keys are set. The
// token the widget puts in the form is checked with Cloudflare's siteverify before anything
// is queued; a missing or refused token gets the form again, and nothing is recorded.

export const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";
const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/** The form field the widget fills in. */
export const TURNSTILE_FIELD = "cf-turnstile-response";

export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

export async function passedTurnstile(fetcher: Fetcher, secret: string, token: unknown, clientIp: string | undefined): Promise<boolean> {
  if (typeof token !== "string" || token.length === 0 || token.length > 2048) return false;
  const form = new URLSearchParams({ secret, response: token, ...(clientIp ? { remoteip: clientIp } : {}) });
  try {
    const res = await fetcher(SITEVERIFY, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    if (!res.ok) return false;
    const answer = (await res.json()) as { success?: unknown };
    return answer.success === true;
  } catch (err) {
    // Cloudflare unreachable: refuse rather than let bots through; the person can try again.
    console.error("Turnstile siteverify failed", err);
    return false;
  }
}
