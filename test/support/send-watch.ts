// Follows one send through the author API until it ends, noting every change of status or
// reason on the way (a pause for SES, a stall), for the test's report.

import type { SendView } from "../../src/sending/send-view.ts";

const AUTH = { Authorization: "Bearer test-author-token-0001" };
const ENDED = new Set(["done", "cancelled", "failed", "skipped"]);

/** The part of the API's view of a send that the report keeps. */
export type SendProgress = Pick<SendView, "status" | "reason" | "total" | "sent" | "failed" | "skipped" | "unknown" | "pending">;

export interface SendWatch {
  /** The last view read. */
  view: SendProgress;
  /** Milliseconds until it ended, or undefined if it had not when the limit came. */
  endedAfterMs: number | undefined;
  /** Each status and reason seen, with when it was first seen (ms after the watch began). */
  timeline: { afterMs: number; status: string; reason: string | null; sent: number; unknown: number; pending: number }[];
}

export async function readSend(base: string, id: number): Promise<SendProgress> {
  const res = await fetch(`${base}/api/sends/${id}`, { headers: AUTH });
  if (!res.ok) throw new Error(`GET /api/sends/${id} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as SendProgress;
}

export async function watchSend(base: string, id: number, limitMs: number, intervalMs = 1_000): Promise<SendWatch> {
  const start = Date.now();
  const timeline: SendWatch["timeline"] = [];
  for (;;) {
    const view = await readSend(base, id);
    const last = timeline.at(-1);
    if (!last || last.status !== view.status || last.reason !== view.reason) {
      timeline.push({ afterMs: Date.now() - start, status: view.status, reason: view.reason, sent: view.sent, unknown: view.unknown, pending: view.pending });
    }
    if (ENDED.has(view.status)) return { view, endedAfterMs: Date.now() - start, timeline };
    if (Date.now() - start > limitMs) return { view, endedAfterMs: undefined, timeline };
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
