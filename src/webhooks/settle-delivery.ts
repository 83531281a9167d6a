// What SES's events say about a row whose fate was unknown. A Send, Delivery, Bounce or
// Complaint event for a message proves SES took it; the event carries the headers Herald
// handed SES, and Herald's own Message-ID in them names the row (SES's message id cannot:
// an unknown row never got one). A row not yet final is settled to sent with SES's id: an
// unknown one, one whose call has not reported back yet (SNS can be faster than a lost
// answer's lease), one waiting for its resend. A resend is then no longer needed, and a
// bounce that follows finds its subscriber. Final rows are left alone, so a replayed or late
// event changes nothing.
import { settleDelivery } from "../db/deliveries.ts";
import { parseDeliveryMessageId, type DeliveryRef } from "../email/delivery-message-id.ts";
import { notificationKind, type SesNotification } from "./ses-notification.ts";

const PROOF_OF_SENDING = new Set(["Send", "Delivery", "Bounce", "Complaint"]);

/** The row settled by this notification, or null when it settled none. */
export async function settleFromNotification(db: D1Database, n: SesNotification, now: number): Promise<DeliveryRef | null> {
  const kind = notificationKind(n);
  if (!kind || !PROOF_OF_SENDING.has(kind)) return null;
  const ref = heraldDelivery(n);
  if (!ref) return null;
  const note = `settled by SES's ${kind} event, which shows SES took the message`;
  return (await settleDelivery(db, ref.sendId, ref.deliveryId, n.mail.messageId, note, now)) ? ref : null;
}

/** The delivery named by the Message-ID Herald gave the message, from the original headers. */
function heraldDelivery(n: SesNotification): DeliveryRef | undefined {
  const header = n.mail.headers?.find((h) => h.name.toLowerCase() === "message-id")?.value;
  for (const value of [header, n.mail.commonHeaders?.messageId]) {
    const ref = value === undefined ? undefined : parseDeliveryMessageId(value);
    if (ref) return ref;
  }
  return undefined;
}
