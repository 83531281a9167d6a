// /preferences: a subscriber's own page, behind the signed link in every mail. GET shows
// (mail scanners follow links, so it changes nothing); POST applies and says what changed.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../http/api-error.ts";
import { htmlErrors, wantsJson } from "../http/html-errors.ts";
import { limitBody } from "../http/limit-body.ts";
import { fieldValues, readFields } from "../http/read-fields.ts";
import { preferencePage, preferenceProblemPage, preferencesClosedPage } from "../pages/preference-page.ts";
import { badLinkPage } from "../pages/subscription-pages.ts";
import { applyChoiceToOpenRows } from "../sending/open-rows.ts";
import { formatDeliveryTime } from "../content/delivery-time.ts";
import { askedParts, readPreferenceForm, type PreferenceField } from "../subscriptions/preference-form.ts";
import { choiceNotice, preferenceView, type PreferenceViewInput } from "../subscriptions/preference-view.ts";
import { changePreferences, preferencesOf, type Subscriber } from "../subscriptions/preferences.ts";
import { checkLink } from "../subscriptions/subscriber-links.ts";

const MAX_BODY_BYTES = 8 * 1024;

export const preferenceRoutes = new Hono<AppEnv>();

// Errors before the form is read (a body too large, one we cannot read): a sentence and the
// way back to the page, under the same status.
const preferenceErrors = htmlErrors((c, sentence) => preferenceProblemPage(c.get("config"), sentence, c.req.url));

preferenceRoutes.get("/preferences", preferenceErrors, async (c) => {
  c.header("Cache-Control", "no-store");
  const found = await subscriberOf(c);
  if (found instanceof Response) return found;
  return c.html(preferencePage(c.get("config"), preferenceView(viewInput(c, found, { stop: c.req.query("stop") }))));
});

preferenceRoutes.post("/preferences", preferenceErrors, limitBody(MAX_BODY_BYTES), async (c) => {
  c.header("Cache-Control", "no-store");
  const found = await subscriberOf(c);
  if (found instanceof Response) return found;
  const { index, now } = c.get("deps");
  // delivery and zone are kept whole when repeated, so a second value is refused, not silently taken.
  const fields = await readFields(c, ["events", "delivery", "zone"]);
  const form = readPreferenceForm(fields, index.events);
  const asked = askedParts(fields);
  if (!form.ok) {
    if (wantsJson(c)) throw new ApiError(400, `invalid_${form.field}`, form.message, form.field);
    const shownAgain = {
      error: refusalSentence(form.field, form.message),
      errorField: form.field,
      ...(asked.follows ? { ticked: fieldValues(fields.events) } : {}),
      ...(asked.time ? { picked: { delivery: fields.delivery, zone: fields.zone } } : {}),
    };
    return c.html(preferencePage(c.get("config"), preferenceView(viewInput(c, found, shownAgain))), 400);
  }
  const change = await changePreferences(c.env.DB, found.id, form.request, now());
  if (change.state === "gone") return c.html(badLinkPage(c.get("config"), "invalid", "preferences"), 400);
  if (change.state === "closed") return closed(c, change.subscriber, 409);
  const saved = change.subscriber;
  // Rows of running sends not yet taken follow the new choice too. Also after a press that
  // changed nothing: a retry after a failure here then finishes the job.
  await applyChoiceToOpenRows(c.get("deps").sending(c.env, c.get("config")), saved.id);
  const notice = choiceNotice(change.before, saved, asked, index.events);
  if (wantsJson(c)) return c.json({ status: "saved", message: notice, events: saved.follows, delivery: formatDeliveryTime(saved.delivery), zone: saved.zone });
  return c.html(preferencePage(c.get("config"), preferenceView(viewInput(c, saved, { notice }))));
});

/** The events' refusals are written for programs; a person gets what to do. The time's are sentences already. */
function refusalSentence(field: PreferenceField, message: string): string {
  if (field !== "events") return message;
  return message.startsWith("choose") ? "Choose at least one event, or everything, or unsubscribe." : "Some of the events you chose are not on this site any more. Please choose again.";
}

/** The link's subscriber while they may change anything; otherwise the answer to give. */
async function subscriberOf(c: Context<AppEnv>): Promise<Subscriber | Response> {
  const config = c.get("config");
  const link = await checkLink(config, c.req.query("token"), "preferences", c.get("deps").now());
  const state = link.ok ? await preferencesOf(c.env.DB, link.subscriberId) : ({ state: "gone" } as const);
  if (state.state === "gone") {
    if (wantsJson(c)) throw new ApiError(400, "invalid_token", "the link is not valid: incomplete, mistyped, or its subscriber was erased", "token");
    return c.html(badLinkPage(config, link.ok ? "invalid" : link.reason, "preferences"), 400);
  }
  if (state.state === "closed") return closed(c, state.subscriber, c.req.method === "POST" ? 409 : 200);
  return state.subscriber;
}

function closed(c: Context<AppEnv>, subscriber: Subscriber, status: 200 | 409) {
  const why = subscriber.status === "bounced" ? "bounced" : subscriber.status === "complained" ? "complained" : "unsubscribed";
  if (status === 409 && wantsJson(c)) throw new ApiError(409, "not_subscribed", `the address is ${why}: nothing to change`, "token");
  return c.html(preferencesClosedPage(c.get("config"), subscriber.email, why), status);
}

function viewInput(c: Context<AppEnv>, subscriber: Subscriber, extra: Pick<PreferenceViewInput, "stop" | "notice" | "error" | "errorField" | "ticked" | "picked">): PreferenceViewInput {
  const { index, now } = c.get("deps");
  const requestZone = c.req.raw.cf?.timezone;
  return { config: c.get("config"), events: index.events, now: now(), subscriber, token: c.req.query("token") ?? "", requestZone, ...extra };
}
