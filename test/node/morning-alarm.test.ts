// The morning edition on the wall clock, with the parts `npm start` runs: wrangler dev's
// queue, its Durable Object alarm, local D1 and the SES endpoint. No cron fires there, so
// only the send's watch can put a waiting row on the queue at its time; and it must do so
// after a crash too (the alarm lives in the Durable Object's storage, the queue's messages
// do not). The worker tests check the rules with an injected clock; this one waits for one
// real due time, a minute or two ahead.
import { describe, expect, inject, it } from "vitest";
import { startLocalWorker } from "../support/local-worker.ts";
import { warmUpQueue } from "../support/queue-warm-up.ts";
import { SEND_CONDITION_MS, SENDING_TEST_MS } from "../support/send-timeouts.ts";
import { waitFor } from "../support/wait-for.ts";

const sesUrl = inject("sesUrl");
const AUTH = { Authorization: "Bearer test-author-token-0001" };
const MINUTE = 60_000;

interface Stored {
  destination: { to: string[] };
  /** When the endpoint took it, in whole seconds. */
  at: number;
}

async function mailTo(address: string): Promise<Stored[]> {
  const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: Stored[] };
  return store.emails.filter((m) => m.destination.to.includes(address));
}

describe("a reader's own hour under wrangler dev", () => {
  it("the row waits in the ledger, survives a kill -9 of the Worker, and goes out within a minute of its time, once", async () => {
    const worker = await startLocalWorker({ SES_ENDPOINT: sesUrl }, process.cwd(), { logName: "morning-alarm" });
    try {
      await warmUpQueue(worker.url);
      // The next whole minute at least 30 s ahead (room for the restart), written on a
      // Kathmandu clock (+05:45): the test waits 30–90 s for it.
      const dueMs = Math.ceil((Date.now() + 30_000) / MINUTE) * MINUTE;
      const hhmm = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kathmandu", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(dueMs);
      const tag = crypto.randomUUID().slice(0, 6);
      const now = `now-${tag}@example.com`;
      const later = `kathmandu-${tag}@example.com`;
      const csv = ["email,delivery,zone", `${now},asap,`, `${later},${hhmm},Asia/Kathmandu`].join("\n");
      const imported = await fetch(`${worker.url}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/csv" }, body: csv });
      expect(imported.status, await imported.clone().text()).toBe(200);

      const res = await fetch(`${worker.url}/api/sends`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ date: "2015-11-10" }) });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: number };
      const view = async () => (await (await fetch(`${worker.url}/api/sends/${id}`, { headers: AUTH })).json()) as { status: string; sent: number; scheduled: number; nextDueAt: string | null };

      expect(await waitFor(async () => (await mailTo(now)).length > 0, SEND_CONDITION_MS), "the asap reader's mail").toBeDefined();
      expect(await view()).toMatchObject({ status: "sending", sent: 1, scheduled: 1, nextDueAt: new Date(dueMs).toISOString() });
      expect(await mailTo(later)).toHaveLength(0);

      // A crash while the row waits: nothing carried it, and the watch's alarm is stored.
      await worker.kill();
      await worker.restart();
      expect(await mailTo(later)).toHaveLength(0);

      expect(await waitFor(async () => (await mailTo(later)).length > 0, dueMs - Date.now() + 2 * MINUTE, 500), "the Kathmandu reader's mail").toBeDefined();
      const [mail, ...more] = await mailTo(later);
      expect(more).toHaveLength(0);
      expect(mail!.at * 1000).toBeGreaterThanOrEqual(dueMs);
      expect(mail!.at * 1000 - dueMs).toBeLessThan(MINUTE);
      expect(await waitFor(async () => (await view()).status === "done", SEND_CONDITION_MS)).toBeDefined();
      expect(await mailTo(now)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  }, SENDING_TEST_MS + 3 * MINUTE);
});
