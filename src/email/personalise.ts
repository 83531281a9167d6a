// Turns one rendered snapshot into each recipient's message. Everything that is the same
// for every recipient — headers, the quoted-printable bodies — is encoded to bytes once in
// prepareMessage; per recipient only their few values are encoded, and the prepared bytes
// copied around them into the one buffer SES is handed.
// It never renders: this module must not import the renderer or any template engine.
import type { Mailbox } from "../config/mailbox.ts";
import { isMailLinkUrl } from "../config/mail-link-url.ts";
import { isAddress } from "../config/mailbox.ts";
import { escapeHtml } from "../content/escape-html.ts";
import { CRLF, encodeUnstructured, formatDate, formatListId, formatMailbox, headerValue, MimeError, quotedPrintable } from "./mime.ts";
import type { EmailSnapshot, RecipientMarkers } from "./snapshot.ts";

type Slot = keyof RecipientMarkers;
type Segment = string | { slot: Slot };
/** A prepared message is bytes that are the same for everyone, and holes for the recipient's values. */
type Piece = Uint8Array | { slot: Slot; html: boolean } | typeof HEADERS;
const HEADERS = { headers: true } as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface MessageHeaders {
  from: Mailbox;
  replyTo?: Mailbox;
  /** RFC 2919 List-Id (name and id, e.g. daily.example.org); omitted for one-off mail. */
  listId?: { name: string; id: string };
  /** Adds List-Unsubscribe (with the recipient's URL) and List-Unsubscribe-Post. */
  oneClickUnsubscribe: boolean;
}

export interface PreparedMessage {
  readonly domain: string;
  readonly oneClickUnsubscribe: boolean;
  readonly pieces: readonly Piece[];
}

export interface Recipient {
  address: string;
  /** Required for mail with one-click unsubscribe. */
  unsubscribeUrl?: string;
  /** Their preference page, where the body links to it. */
  preferencesUrl?: string;
  /** Defaults to a fresh random id at the From domain. */
  messageId?: string;
  date?: Date;
}

export function prepareMessage(snapshot: EmailSnapshot, headers: MessageHeaders): PreparedMessage {
  const domain = headers.from.address.split("@")[1]!;
  const boundary = `=_herald_${crypto.randomUUID().replace(/-/g, "")}`; // "=_" never occurs in quoted-printable
  const head = [
    `From: ${formatMailbox(headers.from)}`,
    ...(headers.replyTo ? [`Reply-To: ${formatMailbox(headers.replyTo)}`] : []),
    `Subject: ${encodeUnstructured(snapshot.subject)}`,
    "MIME-Version: 1.0",
    ...(headers.listId ? [`List-Id: ${formatListId(headers.listId.name, headers.listId.id)}`] : []),
  ];
  const partHead = (type: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, "Content-Transfer-Encoding: quoted-printable", "", ""].join(CRLF);
  const text = segments(snapshot.text, snapshot.markers);
  const html = segments(snapshot.html, snapshot.markers);
  const layout: (string | Piece)[] = [
    [...head, ""].join(CRLF),
    HEADERS,
    [`Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`, "", partHead("text/plain")].join(CRLF),
    ...text.map((s) => (typeof s === "string" ? s : { slot: s.slot, html: false })),
    CRLF + partHead("text/html"),
    ...html.map((s) => (typeof s === "string" ? s : { slot: s.slot, html: true })),
    `${CRLF}--${boundary}--${CRLF}`,
  ];
  return { domain, oneClickUnsubscribe: headers.oneClickUnsubscribe, pieces: encodeFixed(layout) };
}

/** The recipient's message as the bytes SES takes: the fixed bytes copied once, the holes filled. */
export function personaliseBytes(message: PreparedMessage, recipient: Recipient): Uint8Array {
  if (!isAddress(recipient.address)) throw new MimeError(`not a valid recipient address: ${JSON.stringify(recipient.address)}`);
  const unsubscribeUrl = recipient.unsubscribeUrl ?? "";
  // One-click unsubscribe needs https (plain http only for a site on this machine), and the
  // URL goes into a header between <>: nothing in it may end or break that header.
  if ((message.oneClickUnsubscribe || unsubscribeUrl) && (!isMailLinkUrl(unsubscribeUrl) || /[\s<>"'\\]/.test(unsubscribeUrl))) {
    throw new MimeError("unsubscribe URL must be a plain https URL");
  }
  const messageId = recipient.messageId ?? `<${crypto.randomUUID()}@${message.domain}>`;
  headerValue("Message-ID", messageId);
  // The recipient's values as they go into each body, each encoded once.
  const text: Record<Slot, string> = { email: "", unsubscribeUrl: "", preferencesUrl: "" };
  const html: Record<Slot, string> = { email: "", unsubscribeUrl: "", preferencesUrl: "" };
  const raws: Record<Slot, string> = { email: recipient.address, unsubscribeUrl, preferencesUrl: recipient.preferencesUrl ?? "" };
  const value = (slot: Slot, inHtml: boolean): string => {
    const cache = inHtml ? html : text;
    return (cache[slot] ||= quotedPrintable(inHtml ? escapeHtml(raws[slot]) : raws[slot]));
  };
  const headers = [
    `To: ${recipient.address}`,
    `Date: ${formatDate(recipient.date ?? new Date())}`,
    `Message-ID: ${messageId}`,
    ...(message.oneClickUnsubscribe ? [`List-Unsubscribe: <${unsubscribeUrl}>`, "List-Unsubscribe-Post: List-Unsubscribe=One-Click"] : []),
    "",
  ].join(CRLF);
  const chunks = message.pieces.map((p) => (p instanceof Uint8Array ? p : encoder.encode("slot" in p ? value(p.slot, p.html) : headers)));
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The same message as text, for previews, `npm run email` and tests. */
export function personalise(message: PreparedMessage, recipient: Recipient): string {
  return decoder.decode(personaliseBytes(message, recipient));
}

/** Joins neighbouring fixed strings and encodes each run once. */
function encodeFixed(layout: readonly (string | Piece)[]): Piece[] {
  const pieces: Piece[] = [];
  let run = "";
  for (const item of layout) {
    if (typeof item === "string") {
      run += item;
      continue;
    }
    if (run) pieces.push(encoder.encode(run));
    run = "";
    pieces.push(item);
  }
  if (run) pieces.push(encoder.encode(run));
  return pieces;
}

/** Splits a body at the recipient markers and encodes the fixed parts once. */
function segments(body: string, markers: RecipientMarkers | undefined): Segment[] {
  if (!markers) return [quotedPrintable(body)];
  const bySlot = new Map<string, Slot>(Object.entries(markers).filter(([, marker]) => marker).map(([slot, marker]) => [marker as string, slot as Slot]));
  const pattern = new RegExp([...bySlot.keys()].map((m) => m.replace(/[[\]]/g, "\\$&")).join("|"), "g");
  const out: Segment[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    if (match.index > last) out.push(quotedPrintable(body.slice(last, match.index)));
    out.push({ slot: bySlot.get(match[0])! });
    last = match.index + match[0].length;
  }
  if (last < body.length) out.push(quotedPrintable(body.slice(last)));
  return out;
}

/** The snapshot's HTML and text with one recipient's values in place, for previews. */
export function fillRecipient(snapshot: EmailSnapshot, recipient: { address: string; unsubscribeUrl: string; preferencesUrl?: string }): { html: string; text: string } {
  if (!snapshot.markers) return { html: snapshot.html, text: snapshot.text };
  const { unsubscribeUrl, email, preferencesUrl } = snapshot.markers;
  const fill = (body: string, escape: (v: string) => string) => {
    const filled = body.split(unsubscribeUrl).join(escape(recipient.unsubscribeUrl)).split(email).join(escape(recipient.address));
    return preferencesUrl ? filled.split(preferencesUrl).join(escape(recipient.preferencesUrl ?? "")) : filled;
  };
  return { html: fill(snapshot.html, escapeHtml), text: fill(snapshot.text, (v) => v) };
}
