// One send as its desk page needs it: the API's view of it, whether its rows were compacted,
// and the one-line summary the page and its live updates share.
import { findSend } from "../db/sends.ts";
import { ApiError } from "../http/api-error.ts";
import { sendView, type SendView } from "../sending/send-view.ts";

export interface SendDetail {
  view: SendView;
  compacted: boolean;
  /** Still writing its recipient list (no rows to count yet): its total says nothing yet. */
  preparing: boolean;
}

/** The send, or a 404 naming it. */
export async function sendDetail(db: D1Database, id: number, now: number): Promise<SendDetail> {
  const send = await findSend(db, id);
  if (!send) throw new ApiError(404, "not_found", `There is no send #${id}. It may be on the Sends page under another number.`, "id");
  return { view: await sendView(db, send, now), compacted: send.compactedCounts !== null, preparing: send.status === "sending" && !send.prepared && send.kind !== "test" };
}

/** A send id from the path or the `before` cursor: a positive whole number, or 400 naming it. */
export function parseSendId(value: string | undefined, field = "id"): number {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) throw new ApiError(400, "invalid_id", `The send ${field === "id" ? "id" : `in “${field}”`} must be a positive whole number, such as 12.`, field);
  return Number(value);
}

/** Rows that need nothing more: an erased subscriber's rows are gone but counted, so the figures add up to the total. */
export const handledOf = (view: SendView) => view.sent + view.failed + view.skipped + view.unknown + view.erased;

/** "Sending: 120 of 300 handled (118 sent, 2 failed), 14 a second." — read by screen readers as it changes. */
export function progressSummary(view: SendView, preparing = false): string {
  if (preparing && view.total === 0) return "Preparing the recipient list.";
  const handled = handledOf(view);
  const parts = [`${view.sent.toLocaleString("en-US")} sent`];
  if (view.failed) parts.push(`${view.failed.toLocaleString("en-US")} failed`);
  if (view.skipped) parts.push(`${view.skipped.toLocaleString("en-US")} skipped`);
  if (view.unknown) parts.push(`${view.unknown.toLocaleString("en-US")} unknown`);
  if (view.erased) parts.push(`${view.erased.toLocaleString("en-US")} erased since`);
  const rate = view.status === "sending" && view.rate > 0 ? `, ${view.rate.toLocaleString("en-US")} a second` : "";
  // Sending starts with the list's first chunk, so until it is whole the total is only what is written so far.
  if (preparing) return `Sending while the recipient list is prepared: ${handled.toLocaleString("en-US")} of the ${view.total.toLocaleString("en-US")} written so far handled (${parts.join(", ")})${rate}.`;
  return `${statusWord(view.status)}: ${handled.toLocaleString("en-US")} of ${view.total.toLocaleString("en-US")} handled (${parts.join(", ")})${rate}.`;
}

/** The status as the page writes it: a send still writing its list says so rather than "Sending" with a total of 0. */
export const shownStatusWord = ({ view, preparing }: Pick<SendDetail, "view" | "preparing">) => (preparing ? "Preparing the recipient list" : statusWord(view.status));

/** One word set for a send's kind, on the list and on its page. */
export function kindWord(kind: SendView["kind"]): string {
  const words: Record<SendView["kind"], string> = { daily: "daily", manual: "by hand", test: "test" };
  return words[kind];
}

export function statusWord(status: SendView["status"]): string {
  const words: Record<SendView["status"], string> = {
    queued: "Queued", sending: "Sending", paused: "Paused", done: "Done", cancelled: "Cancelled", skipped: "Skipped", failed: "Failed",
    waiting: "Waiting for SES", stalled: "Stalled",
  };
  return words[status];
}
