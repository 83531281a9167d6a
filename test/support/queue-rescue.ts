// wrangler dev's local queue has been seen to lose a message now and then (at a cold start,
// and once mid-run in CI). Production recovers through the scheduled sweep, which puts
// pending rows that no message carried for 10 minutes back on the queue. Tests cannot wait
// ten minutes, so when a send has made no progress at all for a while, this marks its
// pending rows as never carried and runs the Worker's scheduled handler with the real clock:
// the same recovery, brought forward. Rows claimed or in flight are left alone (an earlier
// version ran the sweep with its clock 10 minutes ahead, which also turned a slow consumer's
// in-flight rows into `unknown`), and a row carried twice is still sent once: the claim decides.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const AUTH = { Authorization: "Bearer test-author-token-0001" };

/** Watches send `id` (or the newest send) of the Worker keeping its state in `stateDir`; returns a stop function. */
export function rescueStalledSend(base: string, stateDir: string, afterMs = 10_000, id?: number): () => void {
  const timer = setTimeout(() => void rescue(base, stateDir, afterMs, id).catch((err) => console.warn("queue rescue failed", err)), afterMs);
  return () => clearTimeout(timer);
}

async function rescue(base: string, stateDir: string, afterMs: number, id: number | undefined): Promise<void> {
  const path = id === undefined ? "/api/sends?limit=1" : `/api/sends/${id}`;
  const body = (await (await fetch(`${base}${path}`, { headers: AUTH })).json()) as View | { sends: View[] };
  const view = "sends" in body ? body.sends[0] : body;
  // Rows waiting for their recipients' time are not progress missing: only due rows count.
  if (!view || view.status !== "sending" || view.total - view.pending - (view.scheduled ?? 0) > 0) return;
  console.warn(`send ${view.id} made no progress in ${afterMs} ms: the local queue may have lost its message; putting its pending rows back on the queue`);
  await promisify(execFile)(
    process.execPath,
    ["node_modules/wrangler/bin/wrangler.js", "d1", "execute", "DB", "--local", "--persist-to", stateDir, "--command", `UPDATE deliveries SET enqueued_at = 0 WHERE send_id = ${Number(view.id)} AND status = 'pending'`],
    { env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" } },
  );
  const res = await fetch(`${base}/cdn-cgi/local/scheduled?time=${Date.now()}`);
  if (!res.ok) console.warn(`the scheduled sweep answered ${res.status}`);
}

interface View {
  id: number;
  status: string;
  total: number;
  pending: number;
  scheduled?: number;
}
