// MIME pieces (RFC 5322, 2045, 2047): header encoding that no value can break out of,
// and quoted-printable bodies that can be encoded in segments and concatenated.
import type { Mailbox } from "../config/mailbox.ts";
import { isAddress } from "../config/mailbox.ts";

export const CRLF = "\r\n";

export class MimeError extends Error {
  override name = "MimeError";
}

/** Refuses anything that could end a header line or smuggle in another header. */
export function headerValue(name: string, value: string): string {
  if (/[\r\n\u0000]/.test(value)) throw new MimeError(`${name} must not contain line breaks`);
  return value;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** An unstructured header value (Subject): as is when plain ASCII, else RFC 2047 words. */
export function encodeUnstructured(text: string): string {
  const clean = text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "");
  if (ASCII_PRINTABLE.test(clean) && !clean.includes("=?") && clean.length <= 900) return clean;
  return encodedWords(clean);
}

/** RFC 2047 "B" words of at most 45 UTF-8 bytes each (75 characters encoded), folded. */
export function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk: number[] = [];
  const flush = () => {
    if (chunk.length) words.push(`=?UTF-8?B?${btoa(String.fromCharCode(...chunk))}?=`);
    chunk = [];
  };
  const encoder = new TextEncoder();
  for (const char of text) {
    const bytes = encoder.encode(char);
    if (chunk.length + bytes.length > 45) flush();
    chunk.push(...bytes);
  }
  flush();
  return words.join(`${CRLF} `);
}

const ATEXT_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

/** A display name (RFC 5322 phrase): atoms as they are, else a quoted string, else RFC 2047. */
export function encodePhrase(text: string): string {
  const name = text.replace(/[\r\n\u0000-\u001f\u007f]/g, " ").trim();
  // "=?" would be decoded by mail clients as an encoded word: encode it ourselves.
  if (name.includes("=?") || !ASCII_PRINTABLE.test(name)) return encodedWords(name);
  return ATEXT_PHRASE.test(name) ? name : `"${name.replace(/(["\\])/g, "\\$1")}"`;
}

export function formatMailbox(mailbox: Mailbox): string {
  if (!isAddress(mailbox.address)) throw new MimeError(`not a valid address: ${JSON.stringify(mailbox.address)}`);
  return mailbox.name ? `${encodePhrase(mailbox.name)} <${mailbox.address}>` : mailbox.address;
}

/** RFC 2919 List-Id: a phrase and a dot-atom id such as daily.example.org. */
export function formatListId(name: string, id: string): string {
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(id)) throw new MimeError(`not a valid list id: ${JSON.stringify(id)}`);
  return `${encodePhrase(name)} <${id}>`;
}

/** RFC 5322 date-time, e.g. "Thu, 26 Nov 2026 17:00:00 +0000". */
export function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

const encoder = new TextEncoder();
const HEX = "0123456789ABCDEF";

/**
 * Quoted-printable (RFC 2045 §6.7) with CRLF line ends and lines of at most 76 characters.
 * A segment that does not end in a line break ends in a soft break ("=" CRLF), so encoded
 * segments can be joined in any order and still decode to the joined text.
 */
export function quotedPrintable(text: string): string {
  if (ASCII_PRINTABLE.test(text)) return quotedPrintableLine(text);
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    if (last && line === "") return;
    const bytes = encoder.encode(line);
    let current = "";
    for (let j = 0; j < bytes.length; j++) {
      const b = bytes[j]!;
      const atEnd = j === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !(atEnd && !last));
      const piece = literal ? String.fromCharCode(b) : `=${HEX[b >> 4]}${HEX[b & 15]}`;
      if (current.length + piece.length > 75) {
        out.push(`${current}=`);
        current = "";
      }
      current += piece;
    }
    out.push(last ? `${current}=` : current);
  });
  return out.length ? `${out.join(CRLF)}${CRLF}` : "";
}

/**
 * The same encoding for one line of printable ASCII (a URL, an address), the common case
 * per recipient: every character stands for itself except "=".
 */
function quotedPrintableLine(text: string): string {
  if (text === "") return "";
  let out = "";
  let start = 0; // of the current output line within `out`
  for (let i = 0; i < text.length; i++) {
    const piece = text.charCodeAt(i) === 61 ? "=3D" : text[i]!;
    if (out.length - start + piece.length > 75) {
      out += `=${CRLF}`;
      start = out.length;
    }
    out += piece;
  }
  return `${out}=${CRLF}`;
}
