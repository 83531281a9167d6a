// Pages of the subscription flow: the form, "check your inbox", confirm and unsubscribe.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import { subscribeUrl } from "../content/urls.ts";
import { layout, type Html } from "./layout.ts";
import { subscribeForm, type SubscribeChoice, type SubscribeTime } from "./subscribe-form.ts";

const page = (config: Config, title: string, body: Html, path: string) =>
  layout({ config, title, description: `${title} — ${config.siteTitle}`, canonical: `${config.siteUrl}${path}`, body });

const problem = (sentence: string | undefined) => (sentence ? html`<p class="error" role="alert"><strong>${sentence}</strong></p>` : "");

/** `choice`: what the form offers (see subscribe-form.ts); `error`: why the last try did not work. */
export function subscribePage(config: Config, choice: SubscribeChoice, error?: { message: string; email: string }, time?: SubscribeTime): Html {
  return page(
    config,
    "Subscribe",
    html`<h1>Subscribe to ${config.siteTitle}</h1>
<p>One email a day while an event runs, with that day's recaps. We ask you to confirm by email first, and every message has a one-click unsubscribe link.</p>
${problem(error?.message)}
${subscribeForm(config, { email: error?.email, choice, ...(time ? { time } : {}) })}`,
    "/subscribe",
  );
}

export function checkInboxPage(config: Config): Html {
  return page(
    config,
    "Check your inbox",
    html`<h1>Check your inbox</h1>
<p role="status">If the address can receive ${config.siteTitle}, a message with a confirmation link is on its way. Open it and press the button to start your subscription.</p>
<p class="muted">Nothing arrived after a few minutes? Look in your spam folder, or <a href="${subscribeUrl(config)}">try again</a>.</p>`,
    "/subscribe",
  );
}

/** `error`: why the last press did not work, when it did not. */
/** `choice`: what the address asked to follow, in words. */
export function confirmPage(config: Config, token: string, error?: string, choice?: string): Html {
  return page(
    config,
    "Confirm your subscription",
    html`<h1>Confirm your subscription</h1>
${problem(error)}
<p>Press the button to start receiving ${config.siteTitle}.${choice ? html` You chose: <strong>${choice}</strong>; every email lets you change it.` : ""}</p>
<form method="post" action="${config.siteUrl}/confirm?token=${encodeURIComponent(token)}"><button type="submit">Confirm my subscription</button></form>`,
    "/confirm",
  );
}

/** `preferencesUrl`: the subscriber's own preference page, to change what they follow. */
export function confirmedPage(config: Config, preferencesUrl?: string): Html {
  return page(
    config,
    "You are subscribed",
    html`<h1>You are subscribed</h1><p role="status">Thank you. The next daily recap of ${config.siteTitle} will be in your inbox.</p>
${preferencesUrl ? html`<p>You can <a href="${preferencesUrl}">choose which events you get, and when</a> at any time; every email links there too.</p>` : ""}`,
    "/confirm",
  );
}

export function unsubscribePage(config: Config, token: string, error?: string): Html {
  return page(
    config,
    "Unsubscribe",
    html`<h1>Unsubscribe</h1>
${problem(error)}
<p>Press the button and you will get no more email from ${config.siteTitle}.</p>
<form method="post" action="${config.siteUrl}/unsubscribe?token=${encodeURIComponent(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
    "/unsubscribe",
  );
}

export function unsubscribedPage(config: Config): Html {
  return page(
    config,
    "You are unsubscribed",
    html`<h1>You are unsubscribed</h1><p role="status">You will get no more email from ${config.siteTitle}. Changed your mind? <a href="${subscribeUrl(config)}">Subscribe again</a>.</p>`,
    "/unsubscribe",
  );
}

export function badLinkPage(config: Config, reason: "expired" | "invalid" | "withdrawn", purpose: "confirm" | "unsubscribe" | "preferences"): Html {
  const what = { confirm: "confirmation", unsubscribe: "unsubscribe", preferences: "preference" }[purpose];
  const why =
    reason === "expired"
      ? `This ${what} link has expired.`
      : reason === "withdrawn"
        ? `This ${what} link no longer works: the address was unsubscribed or refused our mail after the link was sent.`
        : `This ${what} link is not valid: it may be incomplete or mistyped.`;
  return page(
    config,
    "This link does not work",
    html`<h1>This link does not work</h1>
<p role="alert">${why}</p>
<p>${
  purpose === "confirm"
    ? "Enter your address again and we will send you a fresh link."
    : `Enter your address to subscribe, or use the ${purpose === "unsubscribe" ? "unsubscribe" : "“Manage your subscription”"} link in a recent email.`
}</p>
${subscribeForm(config)}`,
    `/${purpose}`,
  );
}
