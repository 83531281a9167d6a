// wrangler dev's local queue has been seen to lose a message now and then (at a cold start,
// and once mid-run in CI). Production recovers through the scheduled sweep, which puts
// pending rows that no message carried for 10 minutes back on the queue. Tests cannot wait
// ten minutes, so when a send has made no progress at all for a while, this fires the
// Worker's scheduled handler once with a clock 10 minutes and a second ahead: the same
// recovery, brought forward. It never touches a send that is moving.
import { REQUEUE_AFTER_MS } from "../../src/sending/tuning.ts";

const AUTH = { Authorization: "Bearer test-author-token-0001" };

/** Watches send `id` (or the newest send); returns a stop function. */
export function rescueStalledSend(base: string, afterMs = 10_000, id?: number): () => void {
  const timer = setTimeout(() => void rescue(base, afterMs, id).catch((err) => console.warn("queue rescue failed", err)), afterMs);
  return () => clearTimeout(timer);
}

async function rescue(base: string, afterMs: number, id: number | undefined): Promise<void> {
  const path = id === undefined ? "/api/sends?limit=1" : `/api/sends/${id}`;
  const body = (await (await fetch(`${base}${path}`, { headers: AUTH })).json()) as View | { sends: View[] };
  const view = "sends" in body ? body.sends[0] : body;
  if (!view || view.status !== "sending" || view.total - view.pending > 0) return;
  console.warn(`send ${view.id} made no progress in ${afterMs} ms: the local queue lost its message; running the scheduled sweep`);
  const res = await fetch(`${base}/cdn-cgi/local/scheduled?time=${Date.now() + REQUEUE_AFTER_MS + 1_000}`);
  if (!res.ok) console.warn(`the scheduled sweep answered ${res.status}`);
}

interface View {
  id: number;
  status: string;
  total: number;
  pending: number;
}
