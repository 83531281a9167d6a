// What Herald accepts as a subscriber's address, and the one form it stores it in.
import { z } from "zod";
import { isAddress } from "../config/mailbox.ts";

/** RFC 5321 limits: 64 for the local part, 255 for the domain, 254 for the whole path. */
export const emailAddressSchema = z
  .string({ error: "email is required" })
  .trim()
  .min(1, "email is required")
  .max(254, "email is longer than 254 characters")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "email must not contain control characters such as line breaks")
  .refine((v) => !/[\s<>,;:"()[\]\\]/.test(v), "email must not contain spaces or header characters such as < > , ; :")
  .refine((v) => (v.split("@")[0] ?? "").length <= 64, "the part before @ is longer than 64 characters")
  .refine((v) => !/^\.|\.\.|\.$/.test(v.slice(0, v.lastIndexOf("@"))), "the part before @ must not start or end with a dot, or have two dots in a row")
  .refine(isAddress, "email is not a valid address")
  .transform(normaliseAddress);

/** The domain is case-insensitive and stored lower-cased; the local part is kept as given. */
export function normaliseAddress(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
}

/**
 * The mailbox an address reaches, for per-person limits: case folded and a `+tag` dropped,
 * so `Victim+1@Example.org` and `victim+2@example.org` count as one person.
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at).toLowerCase();
  const plus = local.indexOf("+");
  return `${plus > 0 ? local.slice(0, plus) : local}@${address.slice(at + 1).toLowerCase()}`;
}
