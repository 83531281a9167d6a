// One crash test's own world: a recording SES endpoint in a child process, a `wrangler dev`
// Worker sending to it with its own state, and a few hundred confirmed subscribers. Nothing
// is shared with the other Node tests, so killing either process harms only this test.
import { waitUntilPortFree } from "./free-port.ts";
import { startLocalWorker, type LocalWorker } from "./local-worker.ts";
import { warmUpQueue } from "./queue-warm-up.ts";
import { startRecordingSes, type RecordingSes } from "./recording-ses.ts";

const AUTH = { Authorization: "Bearer test-author-token-0001" };

export interface CrashRig {
  worker: LocalWorker;
  ses: RecordingSes;
  /** How long the rig took to be ready (a loaded machine shows here first). */
  startUpMs: number;
  /** The subscribers' addresses, all active. */
  people: string[];
  /** Copies the endpoint has accepted for `people` so far. */
  copies(): Promise<number>;
  /** Starts the day's send of `date`; its id. */
  startSend(date: string): Promise<number>;
  /** Stops both processes and deletes their files, whatever state they are in. */
  stop(): Promise<void>;
}

const FOLLOWS = ["", "kubecon-2015", "container-night-sf-2015", "container-night-sf-2015;series:kubecon"];

export async function startCrashRig(name: string, subscribers: number, maxSendRate: number): Promise<CrashRig> {
  const begun = Date.now();
  const ses = await startRecordingSes();
  let worker: LocalWorker;
  try {
    worker = await startLocalWorker({ SES_ENDPOINT: ses.url, MAX_SEND_RATE: String(maxSendRate) }, process.cwd(), { logName: `send-crash-${name}` });
  } catch (err) {
    await ses.stop();
    throw err;
  }
  const stop = async () => {
    await Promise.allSettled([worker.stop(), ses.stop()]);
    // Nothing of the rig may outlive it: once every process of it is gone, its ports are free.
    await Promise.all([worker.url, ses.url].map((url) => waitUntilPortFree(Number(new URL(url).port))));
  };
  const people = Array.from({ length: subscribers }, (_, i) => `${name}-${String(i).padStart(4, "0")}@example.com`);
  const known = new Set(people);
  try {
    // Confirmed elsewhere, so active at once and without a confirmation mail each. Their
    // choices give 2015-11-10's send three variants (everything, each event, both).
    const csv = ["email,events", ...people.map((p, i) => `${p},${FOLLOWS[i % FOLLOWS.length]}`)].join("\n");
    const res = await fetch(`${worker.url}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/csv" }, body: csv });
    const report = (await res.json()) as { imported?: number };
    if (!res.ok || report.imported !== subscribers) throw new Error(`the import answered ${res.status}: ${JSON.stringify(report)}`);
    // A cold local queue may drop its first message; the send under test must not be that one.
    await warmUpQueue(worker.url, `warm-up-${name}@example.org`);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    worker,
    ses,
    startUpMs: Date.now() - begun,
    people,
    async copies() {
      return (await ses.records()).filter((r) => r.event === "accepted" && known.has(r.to)).length;
    },
    async startSend(date) {
      const res = await fetch(`${worker.url}/api/sends`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ date }) });
      const body = (await res.json()) as { id?: number };
      if (res.status !== 202 || !body.id) throw new Error(`POST /api/sends answered ${res.status}: ${JSON.stringify(body)}`);
      return body.id;
    },
    stop,
  };
}
