// What a POST to the preference page asks for, read from its fields. The page has two forms.
// "Choose what you get" has two submit buttons: "Save my choice" sends the ticked `events`,
// "Get everything" adds `everything=yes` (a button's name goes only with the button pressed),
// so a press is never ambiguous. "When your email comes" sends `delivery` and `zone`. A
// program may send both parts at once; a part it leaves out keeps what is stored.
import type { EventMeta } from "../content/types.ts";
import { parseDeliveryTime, parseZone, type DeliveryTime } from "../content/delivery-time.ts";
import { parseFollows, type Follows } from "../content/follows.ts";

export interface PreferenceRequest {
  /** What to follow; absent: unchanged. */
  follows?: Follows;
  /** When the mail comes; absent: unchanged. */
  delivery?: DeliveryTime;
  /** The zone, as this runtime names it; absent: unchanged (only allowed with asap, or with no delivery). */
  zone?: string;
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
  const time = sent(fields.delivery) || sent(fields.zone);
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
    const read = readTime(fields);
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

/**
 * `delivery` and `zone`. A time needs its zone, named in the same press: the page always
 * sends one, and reading a time in a zone chosen long ago (or in the site's) would surprise.
 * "As soon as it is out" needs none (an empty one counts as none): the stored zone stays for
 * the next time chosen. A zone alone changes the zone of the stored time.
 */
function readTime(fields: Record<string, unknown>): { ok: true; request: PreferenceRequest } | { ok: false; field: "delivery" | "zone"; message: string } {
  let delivery: DeliveryTime | undefined;
  if (sent(fields.delivery)) {
    const parsed = parseDeliveryTime(fields.delivery);
    if (!parsed.ok) return { ok: false, field: "delivery", message: parsed.message };
    delivery = parsed.value;
  }
  if (!sent(fields.zone) || fields.zone === "") {
    if (delivery === "asap") return { ok: true, request: { delivery } };
    const message = delivery === undefined ? "Choose a time zone, such as Europe/Berlin." : "A delivery time needs its time zone: choose one, such as Europe/Berlin.";
    return { ok: false, field: "zone", message };
  }
  const zone = parseZone(fields.zone);
  if (!zone.ok) return { ok: false, field: "zone", message: zone.message };
  return { ok: true, request: { ...(delivery === undefined ? {} : { delivery }), zone: zone.value } };
}

/** A field that was sent (a JSON null counts as not sent). */
function sent(value: unknown): boolean {
  return value !== undefined && value !== null;
}
