// The subscribe form: a plain POST that works without JavaScript (unless the operator turns
// on Turnstile, whose widget needs it). What it subscribes to depends on where it stands.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import { selectField, type SelectOption } from "./delivery-fields.ts";
import { followCheckboxes, type FollowOption } from "./follow-fields.ts";
import type { Html } from "./layout.ts";

/** Cloudflare's Turnstile widget, loaded only when the operator turns Turnstile on. */
export const TURNSTILE_SCRIPT = "https://challenges.cloudflare.com/turnstile/v0/api.js";

/**
 * What the form offers: nothing (everything, as on a post's page), a choice among events and
 * series (the home page and /subscribe; none ticked is everything), or one event's page:
 * that event, or its whole series when it has one.
 */
export type SubscribeChoice =
  | { kind: "everything" }
  | { kind: "choose"; options: readonly FollowOption[] }
  | { kind: "event"; event: FollowOption; series?: FollowOption }
  /** An event that is over and has no series: the form subscribes to everything, and says why. */
  | { kind: "over"; title: string };

/**
 * When the mail comes: offered only on /subscribe, whose page is made per request (the zone is
 * guessed from where the request came from); the cached pages' forms leave it out (asap).
 */
export interface SubscribeTime {
  times: readonly SelectOption[];
  zones: readonly SelectOption[];
  /** A refusal of one of the two, said beside it. */
  error?: { field: "delivery" | "zone"; message: string };
}

export interface SubscribeFormOptions {
  email?: string;
  choice?: SubscribeChoice;
  time?: SubscribeTime;
}

export function subscribeForm(config: Config, { email = "", choice = { kind: "everything" }, time }: SubscribeFormOptions = {}): Html {
  return html`<form class="subscribe" method="post" action="${config.siteUrl}/subscribe">
<label for="subscribe-email">Get each day's recap by email</label>
<input id="subscribe-email" type="email" name="email" required autocomplete="email" placeholder="you@example.org" maxlength="254" value="${email}">
${choiceFields(choice)}
${time ? timeFields(time) : ""}
<span class="hp" aria-hidden="true"><label>Leave this empty <input type="text" name="website" tabindex="-1" autocomplete="off"></label></span>
${config.turnstile ? html`<div class="cf-turnstile" data-sitekey="${config.turnstile.siteKey}"></div><script src="${TURNSTILE_SCRIPT}" async defer></script>` : ""}
<button type="submit">Subscribe</button>
</form>`;
}

function timeFields({ times, zones, error }: SubscribeTime): Html {
  const errorOf = (field: "delivery" | "zone") => (error?.field === field ? error.message : undefined);
  return html`<fieldset class="follow delivery" aria-describedby="subscribe-time-hint">
<legend>When should it come?</legend>
<p class="muted" id="subscribe-time-hint">As soon as it is out, or at a time of day in your time zone. You can change it later from any email.</p>
${selectField("subscribe-delivery", "delivery", "Time", times, errorOf("delivery"))}
${selectField("subscribe-zone", "zone", "Time zone", zones, errorOf("zone"))}
</fieldset>`;
}

function choiceFields(choice: SubscribeChoice): Html | string {
  switch (choice.kind) {
    case "everything":
      return "";
    case "choose":
      return followCheckboxes("Which events?", choice.options, "subscribe-events", "Tick none and you get everything, future events included.");
    case "over":
      return html`<p class="muted follow-note">${choice.title} is over, so no more of its recaps will come: this subscribes you to every event's recaps, future ones included.</p>`;
    case "event": {
      // One event: nothing to choose, but say what the address will get.
      if (!choice.series) return html`<input type="hidden" name="events" value="${choice.event.value}"><p class="muted follow-note">You will get the recaps of ${choice.event.label} only.</p>`;
      // The chosen one first: the event while it runs or is to come, the series once it is over.
      const options = choice.series.checked ? [choice.series, choice.event] : [{ ...choice.event, checked: true }, choice.series];
      return html`<fieldset class="follow">
<legend>Which recaps?</legend>
${options.map((o, i) => html`<div class="choice"><input type="radio" id="subscribe-events-${i}" name="events" value="${o.value}"${o.checked ? " checked" : ""}> <label for="subscribe-events-${i}">${o.label}${o.detail ? html` <span class="muted">${o.detail}</span>` : ""}</label></div>`)}
</fieldset>`;
    }
  }
}
