// What a POST to the preference page asks for, read from its fields. The page has two forms.
// "Choose what you get" has two submit buttons: "Save my choice" sends the ticked `events`,
// "Get everything" adds `everything=yes` (a button's name goes only with the button pressed),
// so a press is never ambiguous. "When your email comes" sends `delivery` and `zone`. A
// program may send both parts at once; a part it leaves out keeps what is stored.
import type { EventMeta } from "../content/types.ts";
import { parseFollows, type Follows } from "../content/follows.ts";
import { asksDeliveryTime, readDeliveryFields, type DeliveryFields } from "./delivery-form.ts";

/** What to change: what they follow, when their mail comes; a part left out is unchanged. */
export interface PreferenceRequest extends DeliveryFields {
  follows?: Follows;
}

export type PreferenceField = "events" | "delivery" | "zone";

/** Which parts a press asked to change (said back, and shown again as pressed after a refusal). */
export interface PreferenceParts {
  follows: boolean;
  time: boolean;
}

export type PreferenceFormRead = { ok: true; request: PreferenceRequest } | { ok: false; field: PreferenceField; message: string };

const YES = /^(yes|on|true|1)$/i;

/** A press with neither part is the events form pressed with nothing ticked, and is read as that, as it always was. */
export function askedParts(fields: Record<string, unknown>): PreferenceParts {
  const time = asksDeliveryTime(fields);
  return { follows: fields.events !== undefined || fields.everything !== undefined || !time, time };
}

export function readPreferenceForm(fields: Record<string, unknown>, events: readonly EventMeta[]): PreferenceFormRead {
  const asked = askedParts(fields);
  let request: PreferenceRequest = {};
  if (asked.follows) {
    const follows = readFollows(fields, events);
    if (!follows.ok) return follows;
    request = { follows: follows.follows };
  }
  if (asked.time) {
    const read = readDeliveryFields(fields);
    if (!read.ok) return read;
    request = { ...request, ...read.request };
  }
  return { ok: true, request };
}

function readFollows(fields: Record<string, unknown>, events: readonly EventMeta[]): { ok: true; follows: Follows } | { ok: false; field: "events"; message: string } {
  const everything = fields.everything;
  if ((typeof everything === "string" && YES.test(everything.trim())) || everything === true) return { ok: true, follows: null };
  const parsed = parseFollows(fields.events, events, { exact: true });
  if (!parsed.ok) return { ok: false, field: "events", message: `events ${parsed.message}` };
  // parseFollows reads "none" as everything (the subscribe form's default); here nothing
  // ticked is a press of the wrong button, and everything has a button of its own.
  if (parsed.follows === null) return { ok: false, field: "events", message: "choose at least one event, or everything, or unsubscribe" };
  return { ok: true, follows: parsed.follows };
}
