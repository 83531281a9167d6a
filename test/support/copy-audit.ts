// What a send did to each person, held against what the SES endpoint wrote down. The promise:
// everyone has exactly one copy, and a row is `unknown` only if that person's request had
// reached SES (SES may have sent it; the answer was lost). What the endpoint can check: it
// records a request once it has arrived whole, and a copy once it has accepted it. A request
// still on its way when a process was killed reaches neither record, so an `unknown` row
// without a request at the endpoint is allowed only for the few calls in flight at the kill.
import type { LedgerRow } from "./local-d1.ts";
import type { SesRecord } from "./recording-ses.ts";

export interface CopyAudit {
  people: number;
  /** People by the copies the endpoint accepted for them. */
  copies: { zero: number; one: number; more: number };
  /** Ledger rows by status. */
  statuses: Record<string, number>;
  /** `unknown` rows whose request had reached the endpoint: honest, the answer was lost. */
  unknownReached: string[];
  /** `unknown` rows with no request at the endpoint: it never left, or was on its way at a kill. */
  unknownNotReached: string[];
  /** People with more than one request at the endpoint: a second message to someone who may have the first. */
  requestedTwice: string[];
  /** `sent` rows without exactly their one copy (none at the endpoint, or one with another SES message id). */
  sentWithoutCopy: string[];
  /** People whose row is neither `sent` nor `unknown`, or who have no row at all. */
  unsettled: string[];
}

export function auditCopies(people: readonly string[], rows: readonly LedgerRow[], records: readonly SesRecord[]): CopyAudit {
  const rowOf = new Map(rows.map((r) => [r.email.toLowerCase(), r]));
  const arrived = new Map<string, number>();
  const accepted = new Map<string, string[]>();
  for (const r of records) {
    const to = r.to.toLowerCase();
    if (r.event === "arrived") arrived.set(to, (arrived.get(to) ?? 0) + 1);
    else accepted.set(to, [...(accepted.get(to) ?? []), r.sesMessageId ?? ""]);
  }
  const audit: CopyAudit = {
    people: people.length,
    copies: { zero: 0, one: 0, more: 0 },
    statuses: {},
    unknownReached: [],
    unknownNotReached: [],
    requestedTwice: [],
    sentWithoutCopy: [],
    unsettled: [],
  };
  for (const person of people.map((p) => p.toLowerCase())) {
    const row = rowOf.get(person);
    const copies = accepted.get(person) ?? [];
    const requests = arrived.get(person) ?? 0;
    const status = row?.status ?? "(no row)";
    audit.statuses[status] = (audit.statuses[status] ?? 0) + 1;
    audit.copies[copies.length === 0 ? "zero" : copies.length === 1 ? "one" : "more"]++;
    if (requests > 1) audit.requestedTwice.push(person);
    if (status === "sent") {
      if (copies.length !== 1 || copies[0] !== row!.message_id) audit.sentWithoutCopy.push(person);
    } else if (status === "unknown") {
      (requests > 0 ? audit.unknownReached : audit.unknownNotReached).push(person);
    } else {
      audit.unsettled.push(person);
    }
  }
  return audit;
}

/** One line for the log and the report: the figures that matter. */
export function auditLine(audit: CopyAudit): string {
  const statuses = Object.entries(audit.statuses).map(([s, n]) => `${s} ${n}`).join(", ");
  return [
    `${audit.people} people: ${audit.copies.one} with one copy, ${audit.copies.zero} with none, ${audit.copies.more} with more`,
    `rows: ${statuses}`,
    `unknown ${audit.unknownReached.length + audit.unknownNotReached.length} (request reached SES: ${audit.unknownReached.length}, did not: ${audit.unknownNotReached.length})`,
    `requested twice ${audit.requestedTwice.length}, sent without its copy ${audit.sentWithoutCopy.length}, neither sent nor unknown ${audit.unsettled.length}`,
  ].join("; ");
}
