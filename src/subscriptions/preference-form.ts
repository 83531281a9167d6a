// What a POST to the preference page asks for, read from its fields. The form has two
// submit buttons: "Save my choice" sends the ticked `events`, "Get everything" adds
// `everything=yes` (a button's name goes only with the button pressed), so a press is never
// ambiguous. Issue 17 adds `delivery` and `zone` here.
import type { EventMeta } from "../content/types.ts";
import { parseFollows, type Follows } from "../content/follows.ts";

export interface PreferenceRequest {
  follows: Follows;
}

export type PreferenceFormRead = { ok: true; request: PreferenceRequest } | { ok: false; field: "events"; message: string };

const YES = /^(yes|on|true|1)$/i;

export function readPreferenceForm(fields: Record<string, unknown>, events: readonly EventMeta[]): PreferenceFormRead {
  const everything = fields.everything;
  if ((typeof everything === "string" && YES.test(everything.trim())) || everything === true) return { ok: true, request: { follows: null } };
  const parsed = parseFollows(fields.events, events, { exact: true });
  if (!parsed.ok) return { ok: false, field: "events", message: `events ${parsed.message}` };
  // parseFollows reads "none" as everything (the subscribe form's default); here nothing
  // ticked is a press of the wrong button, and everything has a button of its own.
  if (parsed.follows === null) return { ok: false, field: "events", message: "choose at least one event, or everything, or unsubscribe" };
  return { ok: true, request: { follows: parsed.follows } };
}
