// What an SES bounce or complaint notification means for the list. Permanent bounces
// suppress at once, complaints are kept apart from bounces, transient bounces suppress
// only when they repeat. The delivery's SES message id finds the subscriber where it can.
import { z } from "zod";
import { countTransientBounce, markBounced, markComplained, noteDeliveryEvent, subscriberIdByEmail, subscriberOfMessage } from "../db/bounces.ts";
import { normaliseAddress } from "../subscriptions/email-address.ts";

/** Transient bounces (a full mailbox, a server down) suppress only when this many come within the window. */
export const TRANSIENT_BOUNCES_TO_SUPPRESS = 3;
export const TRANSIENT_WINDOW_MS = 30 * 86_400_000;
/** A complaint is the person saying no: a later bounce does not turn it into a bounce. */
const BOUNCE_KEEPS: readonly ["complained"] = ["complained"];

const recipients = z.array(z.object({ emailAddress: z.string() }).loose());
export const sesNotificationSchema = z
  .object({
    notificationType: z.string().optional(), // SNS notifications from an identity
    eventType: z.string().optional(), // event publishing from a configuration set
    mail: z
      .object({
        messageId: z.string(),
        // The headers Herald handed SES (Message-ID among them): always in event publishing,
        // in identity notifications only when "include original headers" is on. A shape
        // other than the documented one is dropped rather than refusing the bounce with it.
        headers: z.array(z.object({ name: z.string(), value: z.string() }).loose()).optional().catch(undefined),
        commonHeaders: z.object({ messageId: z.string().optional() }).loose().optional().catch(undefined),
      })
      .loose(),
    bounce: z.object({ bounceType: z.string(), bouncedRecipients: recipients }).loose().optional(),
    complaint: z.object({ complainedRecipients: recipients }).loose().optional(),
  })
  .loose();
export type SesNotification = z.infer<typeof sesNotificationSchema>;

/** Bounce, Complaint, Delivery, Send…: named `notificationType` by identity notifications, `eventType` by event publishing. */
export function notificationKind(n: SesNotification): string | undefined {
  return n.notificationType ?? n.eventType;
}

export interface Effect {
  email: string;
  subscriberId: number | undefined;
  effect: "bounced" | "complained" | "transient" | "ignored";
}

export async function applySesNotification(db: D1Database, n: SesNotification, now: number): Promise<Effect[]> {
  const kind = notificationKind(n);
  // Looked up once, and only for a bounce or complaint (Send and Delivery events need no subscriber).
  let byMessage: Promise<number | undefined> | undefined;
  const lookup = async (address: string) => {
    const email = normaliseAddress(address.replace(/^.*<([^>]+)>.*$/, "$1").trim());
    // A message with a single recipient names its subscriber; otherwise go by address.
    return { email, subscriberId: (await (byMessage ??= subscriberOfMessage(db, n.mail.messageId))) ?? (await subscriberIdByEmail(db, email)) };
  };
  const effects: Effect[] = [];
  if (kind === "Bounce" && n.bounce) {
    const permanent = n.bounce.bounceType === "Permanent";
    for (const r of n.bounce.bouncedRecipients) {
      const { email, subscriberId } = await lookup(r.emailAddress);
      if (subscriberId === undefined) effects.push({ email, subscriberId, effect: "ignored" });
      else if (permanent) {
        await markBounced(db, subscriberId, now, BOUNCE_KEEPS);
        effects.push({ email, subscriberId, effect: "bounced" });
      } else if ((await countTransientBounce(db, subscriberId, now, TRANSIENT_WINDOW_MS)) >= TRANSIENT_BOUNCES_TO_SUPPRESS) {
        await markBounced(db, subscriberId, now, BOUNCE_KEEPS);
        effects.push({ email, subscriberId, effect: "bounced" });
      } else effects.push({ email, subscriberId, effect: "transient" });
    }
    await noteDeliveryEvent(db, n.mail.messageId, `bounce (${n.bounce.bounceType})`);
  } else if (kind === "Complaint" && n.complaint) {
    for (const r of n.complaint.complainedRecipients) {
      const { email, subscriberId } = await lookup(r.emailAddress);
      if (subscriberId !== undefined) await markComplained(db, subscriberId, now);
      effects.push({ email, subscriberId, effect: subscriberId === undefined ? "ignored" : "complained" });
    }
    await noteDeliveryEvent(db, n.mail.messageId, "complaint");
  }
  return effects;
}
