// The subscribe form: a plain POST that works without JavaScript (unless the operator turns
// on Turnstile, whose widget needs it).
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import type { Html } from "./layout.ts";

/** Cloudflare's Turnstile widget, loaded only when the operator turns Turnstile on. */
export const TURNSTILE_SCRIPT = "https://challenges.cloudflare.com/turnstile/v0/api.js";

export function subscribeForm(config: Config, email = ""): Html {
  return html`<form class="subscribe" method="post" action="${config.siteUrl}/subscribe">
<label for="subscribe-email">Get each day's recap by email</label>
<input id="subscribe-email" type="email" name="email" required autocomplete="email" placeholder="you@example.org" maxlength="254" value="${email}">
<span class="hp" aria-hidden="true"><label>Leave this empty <input type="text" name="website" tabindex="-1" autocomplete="off"></label></span>
${config.turnstile ? html`<div class="cf-turnstile" data-sitekey="${config.turnstile.siteKey}"></div><script src="${TURNSTILE_SCRIPT}" async defer></script>` : ""}
<button type="submit">Subscribe</button>
</form>`;
}
