// The addresses of a desk test send, from one text field: split on commas, semicolons and
// line breaks, without repeats, each checked as the API checks `to`; a refusal names the field and the address.
import { ApiError } from "../http/api-error.ts";
import { MAX_TEST_RECIPIENTS } from "../sending/author-sends.ts";
import { emailAddressSchema } from "../subscriptions/email-address.ts";

export function testAddresses(field: string | undefined): string[] {
  // One copy per mailbox: addresses that differ only in case are one address (the first spelling is kept).
  const seen = new Set<string>();
  const given = (field ?? "").split(/[\s,;]+/).filter((a) => a !== "" && !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
  if (given.length === 0) throw new ApiError(400, "invalid_request", "Enter at least one address in “Send this email to”.", "to");
  if (given.length > MAX_TEST_RECIPIENTS) throw new ApiError(400, "invalid_request", `“Send this email to” takes up to ${MAX_TEST_RECIPIENTS} addresses; it had ${given.length}.`, "to");
  return given.map((address) => {
    const parsed = emailAddressSchema.safeParse(address);
    if (!parsed.success) throw new ApiError(400, "invalid_request", `“Send this email to”: “${address.slice(0, 80)}” is not an address we can send to (${parsed.error.issues[0]!.message}).`, "to");
    return parsed.data;
  });
}
