// `/preferences`: what a subscriber follows and when their email comes, with a form for
// each (each press changes only what its form holds).
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import { subscribeUrl } from "../content/urls.ts";
import { selectField, type SelectOption } from "./delivery-fields.ts";
import { followCheckboxes, type FollowOption } from "./follow-fields.ts";
import { layout, type Html } from "./layout.ts";

/** "Stop this event only" from a daily email: what pressing it would leave, or that it would leave nothing. */
export type StopOffer =
  | { kind: "keeps"; title: string; keeps: string; events: readonly string[]; alsoEnds: readonly string[] }
  | { kind: "only"; title: string; alsoEnds: readonly string[] }
  | { kind: "not-followed"; title: string };

export interface PreferencePageModel {
  email: string;
  /** Pending: the address has not confirmed yet; the choice applies once it does. */
  pending: boolean;
  /** What they follow, in words. */
  following: string;
  groups: { open: readonly FollowOption[]; series: readonly FollowOption[]; past: readonly FollowOption[] };
  /** Where the form posts: this page with its token. */
  action: string;
  /** A one-press unsubscribe (the unsubscribe route, with its own token). */
  unsubscribeAction: string;
  stop?: StopOffer;
  /** What the last press changed, in words. */
  notice?: string;
  /** Why the last press did nothing. */
  error?: string;
  /** The field the error is about, marked invalid in its form. */
  errorField?: "events" | "delivery" | "zone";
  /** When the email comes: in words ("at 07:00 in Europe/Berlin (Berlin time)"), and the form's choices. */
  delivery: { says: string; usually: string; times: readonly SelectOption[]; zones: readonly SelectOption[] };
}

const page = (config: Config, title: string, body: Html) =>
  layout({ config, title, description: `${title} — ${config.siteTitle}`, canonical: `${config.siteUrl}/preferences`, body });

export function preferencePage(config: Config, m: PreferencePageModel): Html {
  return page(
    config,
    "Your subscription",
    html`<h1>Your subscription</h1>
${m.notice ? html`<p role="status"><strong>${m.notice}</strong></p>` : ""}
${m.error ? html`<p class="error" role="alert"><strong>${m.error}</strong></p>` : ""}
<p>Mail for <strong>${m.email}</strong>. You get: <strong>${m.following}</strong>.</p>
<p>Your email comes <strong>${m.delivery.says}</strong>.</p>
${m.pending ? html`<p class="muted">You have not confirmed this address yet: open the confirmation email we sent. What you choose here applies from then on.</p>` : ""}
${m.stop ? stopOffer(m) : ""}
<h2>Choose what you get</h2>
<form class="preferences" method="post" action="${m.action}">
<p class="muted">Tick the events and series you want and press “Save my choice”, or press “Get everything” for every event, future ones included.</p>
${followCheckboxes("Running and coming up", m.groups.open, "pref-open")}
${followCheckboxes("Series", m.groups.series, "pref-series")}
${followCheckboxes("Past events", m.groups.past, "pref-past")}
<p class="actions"><button type="submit">Save my choice</button> <button type="submit" name="everything" value="yes">Get everything</button></p>
</form>
<h2>When your email comes</h2>
<form class="preferences" method="post" action="${m.action}">
<fieldset class="follow delivery" aria-describedby="delivery-hint">
<legend>Delivery time</legend>
<p class="muted" id="delivery-hint">As soon as it is out, or at a time of day in your time zone. A change applies from the next email that is not already on its way.${m.delivery.usually ? html` ${m.delivery.usually}` : ""}</p>
${selectField("delivery", "delivery", "Time", m.delivery.times, m.errorField === "delivery" ? m.error : undefined)}
${selectField("zone", "zone", "Time zone", m.delivery.zones, m.errorField === "zone" ? m.error : undefined)}
</fieldset>
<p class="actions"><button type="submit">Save my time</button></p>
</form>
<h2>Unsubscribe</h2>
${unsubscribeForm(m.unsubscribeAction, "Unsubscribe from everything")}`,
  );
}

function stopOffer(m: PreferencePageModel): Html {
  const stop = m.stop!;
  if (stop.kind === "not-followed") return html`<section class="stop"><p role="status">You no longer get ${stop.title}.</p></section>`;
  if (stop.kind === "only") {
    return html`<section class="stop" aria-labelledby="stop-heading"><h2 id="stop-heading">Stop ${stop.title}?</h2>
<p>Nothing else you follow would be left, so stopping it means unsubscribing.</p>
${alsoEnds(stop.alsoEnds)}
${unsubscribeForm(m.unsubscribeAction, `Unsubscribe`)}</section>`;
  }
  return html`<section class="stop" aria-labelledby="stop-heading"><h2 id="stop-heading">Stop ${stop.title} only?</h2>
<p>You would keep getting: ${stop.keeps}.</p>
${alsoEnds(stop.alsoEnds)}
<form method="post" action="${m.action}">${stop.events.map((e) => html`<input type="hidden" name="events" value="${e}">`)}<button type="submit">Stop ${stop.title} only</button></form></section>`;
}

/** Said before the press, since the list that remains cannot hold "all but this one". */
function alsoEnds(ended: readonly string[]): Html | string {
  return ended.length ? html`<p><strong>This also ends:</strong> ${ended.join("; ")}. A choice here names what you get, not what you do not.</p>` : "";
}

function unsubscribeForm(action: string, label: string): Html {
  // Set apart from the buttons that keep mail coming: it ends all of it.
  return html`<form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" class="quiet">${label}</button></form>`;
}

/** An address that no longer gets mail: nothing to change here; subscribing again starts afresh. */
export function preferencesClosedPage(config: Config, email: string, why: "unsubscribed" | "bounced" | "complained"): Html {
  const sentence = {
    unsubscribed: `${email} is unsubscribed: it gets no mail from ${config.siteTitle}.`,
    bounced: `Mail to ${email} bounced, so ${config.siteTitle} stopped sending to it.`,
    complained: `${email} marked our mail as spam, so ${config.siteTitle} stopped sending to it.`,
  }[why];
  return page(
    config,
    "No mail goes to this address",
    html`<h1>No mail goes to this address</h1>
<p role="status">${sentence} There is nothing to change here.</p>
<p>Want the recaps again? <a href="${subscribeUrl(config)}">Subscribe</a> and confirm from the email we send.</p>`,
  );
}

/** A press that could not be read at all (too large, malformed): say so, and lead back. */
export function preferenceProblemPage(config: Config, sentence: string, backUrl: string): Html {
  return page(
    config,
    "Your subscription",
    html`<h1>Your subscription</h1>
<p class="error" role="alert"><strong>${sentence}</strong></p>
<p><a href="${backUrl}">Back to your subscription</a></p>`,
  );
}
