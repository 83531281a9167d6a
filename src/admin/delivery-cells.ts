// The CSV's `delivery` and `zone` cells of one row: when that subscriber wants the day's email.
// The same rules as the preference form (parseDeliveryTime, parseZone), with the CSV's own
// meaning of an empty cell: asap, no zone.
import { parseDeliveryTime, parseZone, type DeliveryTime } from "../content/delivery-time.ts";

export type DeliveryCells = { ok: true; delivery: DeliveryTime; zone: string | null } | { ok: false; field: "delivery" | "zone"; message: string };

/** `delivery`: empty or `asap`, or `HH:MM`; `zone`: empty, or an IANA name (needed with a time). */
export function parseDeliveryCells(deliveryCell: string, zoneCell: string): DeliveryCells {
  const delivery = deliveryCell.trim() === "" ? ({ ok: true, value: "asap" } as const) : parseDeliveryTime(deliveryCell);
  if (!delivery.ok) return { ok: false, field: "delivery", message: delivery.message };
  // A zone given with asap is kept, as the preference page keeps it, for a time chosen later.
  const zone = zoneCell.trim() === "" ? null : parseZone(zoneCell);
  if (zone !== null && !zone.ok) return { ok: false, field: "zone", message: zone.message };
  // A time means nothing without the zone it is read in; guessing one would mail at the wrong hour.
  if (delivery.value !== "asap" && zone === null) return { ok: false, field: "zone", message: `a delivery time (${deliveryCell.trim()}) needs a time zone, such as Europe/Berlin, in the zone column` };
  return { ok: true, delivery: delivery.value, zone: zone === null ? null : zone.value };
}
