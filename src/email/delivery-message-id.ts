// Herald's own Message-ID for each copy of a send: named by the send and the delivery row, so
// SES's Send and Delivery events (which carry the headers Herald handed SES) point back at
// the row even when SES's answer to the call was lost. A resent copy gets the same id.
// Unique worldwide as RFC 5322 asks: the domain is FROM_ADDRESS's, and (send, row) never
// repeats within one database. Nothing in it needs to be secret: the events that name it are
// SNS messages whose signatures are checked before anything is read from them.

export interface DeliveryRef {
  sendId: number;
  deliveryId: number;
}

export function deliveryMessageId(domain: string, ref: DeliveryRef): string {
  return `<herald.s${ref.sendId}.d${ref.deliveryId}@${domain}>`;
}

const PATTERN = /^<?herald\.s([1-9]\d{0,15})\.d([1-9]\d{0,15})@[^\s<>@]+>?$/;

/** The send and row a Message-ID names, if it is one of Herald's delivery ids. */
export function parseDeliveryMessageId(value: string): DeliveryRef | undefined {
  const match = PATTERN.exec(value.trim());
  return match ? { sendId: Number(match[1]), deliveryId: Number(match[2]) } : undefined;
}
