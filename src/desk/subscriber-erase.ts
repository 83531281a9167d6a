// Erasing an address, in two steps: a page that says what goes and that it cannot be
// undone, and its form, the only way to erase from the desk.
import type { Context } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../app-env.ts";
import type { EventMeta } from "../content/types.ts";
import { describeFollows } from "../content/follows.ts";
import { subscriberByEmail } from "../db/subscriber-search.ts";
import type { Subscriber } from "../db/subscribers.ts";
import { ApiError } from "../http/api-error.ts";
import type { Html } from "../pages/layout.ts";
import { csrfField } from "./desk-page.ts";
import { localTime } from "./local-time.ts";
import { STATUS_WORDS } from "./subscriber-counts.ts";

export const ERASE_PATH = "/admin/subscribers/erase";

/** The `email` a request names: there, and no longer than any address. `doing`: what the form does to it. */
export function emailParam(value: unknown, doing: "erase" | "unsubscribe" = "erase"): string {
  const email = typeof value === "string" ? value.trim() : "";
  if (email === "") throw new ApiError(400, "invalid_email", `Say which address to ${doing}: the email field is empty.`, "email");
  if (email.length > 254) throw new ApiError(400, "invalid_email", "The email field is longer than any address (254 characters).", "email");
  return email;
}

/** The subscriber to erase; 404 when the address is not on the list. */
export async function subscriberToErase(db: D1Database, email: string): Promise<Subscriber> {
  const subscriber = await subscriberByEmail(db, email);
  if (!subscriber) throw new ApiError(404, "not_found", `No subscriber has the address ${email}: it may have been erased already.`, "email");
  return subscriber;
}

export function eraseConfirmation(c: Context<AppEnv>, s: Subscriber, events: readonly EventMeta[], zone: string): Html {
  const remembered = s.status === "bounced" || s.status === "complained";
  return html`<h1>Erase ${s.email}?</h1>
<dl class="subscriber">
<dt>Status</dt><dd>${STATUS_WORDS[s.status]}</dd>
<dt>Follows</dt><dd>${describeFollows(s.follows, events)}</dd>
<dt>Joined</dt><dd>${localTime(s.createdAt, zone)} (${s.source})</dd>
<dt>Last change</dt><dd>${localTime(s.updatedAt, zone)}</dd>
</dl>
<p>Erasing removes the address everywhere Herald keeps it: the subscriber, their consent record and choices, the record of every mail sent to them, their confirmation mails, and their place in the chart of active subscribers.</p>
${remembered ? html`<p>Because this address ${s.status === "bounced" ? "bounced" : "complained"}, a one-way hash of it is kept, so that no import can add it again.</p>` : ""}
<p class="notice"><strong>This cannot be undone.</strong> To have them back, they would have to subscribe again.</p>
<div class="controls">
<form method="post" action="${ERASE_PATH}">
${csrfField(c)}
<input type="hidden" name="email" value="${s.email}">
<button type="submit" class="danger">Erase ${s.email} for good</button>
</form>
<p><a href="/admin/subscribers?q=${encodeURIComponent(s.email)}#search">Keep ${s.email} and go back</a></p>
</div>`;
}

/**
 * The notice after an erase. `?erased=1` is a flag, never the address: text from a link
 * (which anyone can write) must not appear in the desk's own notice box.
 */
export function erasedNotice(value: string | undefined): string | undefined {
  return value === "1" ? "The subscriber was erased, with their history. Their address is no longer on the list." : undefined;
}
