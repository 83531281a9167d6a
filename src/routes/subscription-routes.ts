// /subscribe, /confirm and /unsubscribe. GETs only show pages; changes need a POST, since
// mail scanners follow every link in a message.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../http/api-error.ts";
import { htmlErrors, isJsonBody, wantsJson } from "../http/html-errors.ts";
import { limitBody } from "../http/limit-body.ts";
import { fieldValues, readFields } from "../http/read-fields.ts";
import {
  badLinkPage, checkInboxPage, confirmedPage, confirmPage, subscribePage, unsubscribedPage, unsubscribePage,
} from "../pages/subscription-pages.ts";
import { emailAddressSchema } from "../subscriptions/email-address.ts";
import { clientOverLimit } from "../subscriptions/subscribe-limits.ts";
import type { SendMessage } from "../sending/sending-deps.ts";
import { passedTurnstile, TURNSTILE_FIELD } from "../subscriptions/turnstile.ts";
import { checkLink, confirmFromLink, confirmLinkState, preferencesUrlFor, unsubscribeLink } from "../subscriptions/subscriber-links.ts";
import { subscribeChoice } from "../subscriptions/follow-choices.ts";
import { deliveryChoice, describeChoice } from "../subscriptions/delivery-choices.ts";
import type { SubscribeTime } from "../pages/subscribe-form.ts";
import { parseFollows } from "../content/follows.ts";
import { formatDeliveryTime } from "../content/delivery-time.ts";
import { asksDeliveryTime, readDeliveryFields, type DeliveryFieldsRead } from "../subscriptions/delivery-form.ts";

const MAX_BODY_BYTES = 4 * 1024;

export const subscriptionRoutes = new Hono<AppEnv>();

// A person's form gets its page again with a sentence for any error; JSON callers keep JSON.
const subscribeErrors = htmlErrors((c, sentence) => subscribePage(c.get("config"), formChoice(c), { message: sentence, email: "" }, formTime(c)));
const confirmErrors = htmlErrors((c, sentence) => confirmPage(c.get("config"), c.req.query("token") ?? "", sentence));
const unsubscribeErrors = htmlErrors((c, sentence) => unsubscribePage(c.get("config"), c.req.query("token") ?? "", sentence));

subscriptionRoutes.get("/subscribe", subscribeErrors, (c) => {
  // Its zone is guessed per request: no shared cache may keep one person's for another.
  c.header("Cache-Control", "no-store");
  return c.html(subscribePage(c.get("config"), formChoice(c), undefined, formTime(c)));
});

subscriptionRoutes.post(
  "/subscribe",
  subscribeErrors,
  limitBody(MAX_BODY_BYTES),
  async (c) => {
    const config = c.get("config");
    const { now } = c.get("deps");
    const at = now();
    const asHtml = !wantsJson(c);

    const client = c.req.header("cf-connecting-ip") ?? "unknown";
    const retryAfter = await clientOverLimit(c.env.DB, client, at);
    if (retryAfter !== undefined) {
      c.header("Retry-After", String(retryAfter));
      throw new ApiError(429, "rate_limited", "Too many subscribe requests from your network; try again later.");
    }

    // delivery and zone are kept whole when repeated, so a second value is refused, not silently taken.
    const fields = await readFields(c, ["events", "delivery", "zone"]);
    const parsed = emailAddressSchema.safeParse(fields.email);
    if (!parsed.success) {
      const message = parsed.error.issues[0]!.message;
      if (asHtml) return c.html(subscribePage(config, formChoice(c, fields.events), { message, email: typeof fields.email === "string" ? fields.email : "" }, formTime(c, fields)), 400);
      throw new ApiError(400, "invalid_email", message, "email");
    }
    if (config.turnstile && !(await passedTurnstile(c.get("deps").fetch, config.turnstile.secretKey, fields[TURNSTILE_FIELD], c.req.header("cf-connecting-ip")))) {
      const message = "Please complete the check that you are not a robot, then press Subscribe again.";
      if (asHtml) return c.html(subscribePage(config, formChoice(c, fields.events), { message, email: parsed.data }, formTime(c, fields)), 400);
      throw new ApiError(400, "challenge_failed", message, TURNSTILE_FIELD);
    }
    // Which events: none is everything. Checked for everyone alike, trapped or not, so the
    // answer to a valid request says nothing about the address.
    const jsonEvents = isJsonBody(c) && fields.events !== undefined && fields.events !== null && !Array.isArray(fields.events);
    const follows = jsonEvents
      ? ({ ok: false, message: 'must be a JSON list of event slugs, e.g. ["kubecon-2015"]', unknown: [] } as const)
      : parseFollows(fields.events, c.get("deps").index.events, { exact: true });
    if (!follows.ok) {
      const message = follows.unknown.length
        ? "Some of the events you chose are not on this site any more. Please choose again."
        : "Please choose events from the list.";
      if (asHtml) return c.html(subscribePage(config, formChoice(c, fields.events), { message, email: parsed.data }, formTime(c, fields)), 400);
      throw new ApiError(400, "invalid_events", `events ${follows.message}`, "events");
    }
    // When the mail comes (optional; absent: as soon as it is out), checked alike for everyone too.
    const time: DeliveryFieldsRead = asksDeliveryTime(fields) ? readDeliveryFields(fields) : { ok: true, request: {} };
    if (!time.ok) {
      if (asHtml) return c.html(subscribePage(config, formChoice(c, fields.events), { message: time.message, email: parsed.data }, formTime(c, fields, time)), 400);
      throw new ApiError(400, `invalid_${time.field}`, time.message, time.field);
    }
    // The honeypot: people never see this field, form-filling bots do. Same answer, and the
    // same work before it: every valid request puts one message on the queue, and the
    // consumer does the per-address work after the answer, so its timing says nothing.
    const trapped = typeof fields.website === "string" && fields.website.trim() !== "";
    const request: SendMessage = {
      type: "subscribe",
      email: parsed.data,
      source: "form",
      at,
      ...(follows.follows ? { follows: [...follows.follows] } : {}),
      ...(time.request.delivery === undefined ? {} : { delivery: formatDeliveryTime(time.request.delivery) }),
      ...(time.request.zone === undefined ? {} : { zone: time.request.zone }),
      ...(trapped ? { trapped: true as const } : {}),
    };
    await c.get("deps").sending(c.env, config).queue.sendBatch([{ body: request }]);
    c.header("Cache-Control", "no-store");
    if (asHtml) return c.html(checkInboxPage(config), 202);
    return c.json({ status: "accepted", message: "If the address can receive our mail, a confirmation link is on its way." }, 202);
  },
);

subscriptionRoutes.get("/confirm", confirmErrors, async (c) => {
  const config = c.get("config");
  const token = c.req.query("token");
  const link = await checkLink(config, token, "confirm", c.get("deps").now());
  c.header("Cache-Control", "no-store");
  if (!link.ok) return c.html(badLinkPage(config, link.reason, "confirm"), 400);
  const opened = await confirmLinkState(c.env.DB, link.subscriberId, link.requestedAt);
  if (opened.state !== "open") return c.html(badLinkPage(config, opened.state === "gone" ? "invalid" : "withdrawn", "confirm"), 400);
  return c.html(confirmPage(config, token!, undefined, describeChoice(opened.subscriber, c.get("deps").index.events)));
});

subscriptionRoutes.post("/confirm", confirmErrors, async (c) => {
  const config = c.get("config");
  const at = c.get("deps").now();
  const link = await checkLink(config, c.req.query("token"), "confirm", at);
  c.header("Cache-Control", "no-store");
  if (!link.ok) return c.html(badLinkPage(config, link.reason, "confirm"), 400);
  // The press that confirms also queues the welcome that catches the person up (welcome.ts).
  const result = await confirmFromLink(c.get("deps").sending(c.env, config), link.subscriberId, link.requestedAt, at);
  // A valid token whose subscriber was erased since, or who said no after asking: nothing to confirm.
  if (result.state !== "confirmed") return c.html(badLinkPage(config, result.state === "gone" ? "invalid" : "withdrawn", "confirm"), 400);
  return c.html(confirmedPage(config, preferencesUrlFor(config, String(result.subscriber.id))));
});

subscriptionRoutes.get("/unsubscribe", unsubscribeErrors, async (c) => {
  const config = c.get("config");
  const token = c.req.query("token");
  const link = await checkLink(config, token, "unsubscribe", c.get("deps").now());
  c.header("Cache-Control", "no-store");
  if (!link.ok) return c.html(badLinkPage(config, link.reason, "unsubscribe"), 400);
  return c.html(unsubscribePage(config, token!));
});

// RFC 8058 one-click (body "List-Unsubscribe=One-Click") and the page's form both land here.
subscriptionRoutes.post("/unsubscribe", unsubscribeErrors, async (c) => {
  const config = c.get("config");
  const at = c.get("deps").now();
  const link = await checkLink(config, c.req.query("token"), "unsubscribe", at);
  c.header("Cache-Control", "no-store");
  if (!link.ok) return c.html(badLinkPage(config, link.reason, "unsubscribe"), 400);
  await unsubscribeLink(c.env.DB, link.subscriberId, at);
  return c.html(unsubscribedPage(config), 200);
});

/** The subscribe page's choice of events, with what the person had ticked when their try failed. */
function formChoice(c: Context<AppEnv>, ticked?: unknown) {
  const { index, now } = c.get("deps");
  return subscribeChoice(index.events, now(), fieldValues(ticked));
}

/** The subscribe page's "when" selects: what a failed try picked, else asap in the zone the request came from. */
function formTime(c: Context<AppEnv>, fields?: Record<string, unknown>, refused?: { field: "delivery" | "zone"; message: string }): SubscribeTime {
  const choice = deliveryChoice({
    stored: { delivery: "asap", zone: null },
    ...(fields ? { picked: { delivery: fields.delivery, zone: fields.zone } } : {}),
    requestZone: c.req.raw.cf?.timezone,
    siteZone: c.get("config").timezone,
  });
  return { ...choice, ...(refused ? { error: { field: refused.field, message: refused.message } } : {}) };
}
