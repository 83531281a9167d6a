// The `delivery` and `zone` fields, as the preference page and /subscribe take them (form or
// JSON): one reading, so both refuse the same things with the same words.
import { parseDeliveryTime, parseZone, type DeliveryTime } from "../content/delivery-time.ts";

/** What the fields ask for; a part left out is not asked (the stored one stays). */
export interface DeliveryFields {
  delivery?: DeliveryTime;
  /** As this runtime names it. */
  zone?: string;
}

export type DeliveryFieldsRead = { ok: true; request: DeliveryFields } | { ok: false; field: "delivery" | "zone"; message: string };

/** Whether a press says anything about the time (a JSON null is sent, and refused as no time or zone). */
export function asksDeliveryTime(fields: Record<string, unknown>): boolean {
  return sent(fields.delivery) || sent(fields.zone);
}

/**
 * A time needs its zone, named in the same press: the forms always send one, and reading a
 * time in a zone chosen long ago (or in the site's) would surprise. "As soon as it is out"
 * needs none (an empty one counts as none): a stored zone stays for the next time chosen.
 * A zone alone changes the zone of the stored time.
 */
export function readDeliveryFields(fields: Record<string, unknown>): DeliveryFieldsRead {
  for (const field of ["delivery", "zone"] as const) {
    if (Array.isArray(fields[field])) return { ok: false, field, message: field === "delivery" ? "Choose one delivery time, not several." : "Choose one time zone, not several." };
  }
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

function sent(value: unknown): boolean {
  return value !== undefined;
}
