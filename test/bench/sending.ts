// Sending through the queue of a locally started Worker to the local SES-compatible
// endpoint: the rate achieved against min(limit, the endpoint's own capacity measured in
// the same run), the busiest one-second window at the endpoint, and the time to drain.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { deserialize } from "node:v8";
import { cpus } from "node:os";
import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { startLocalWorker } from "../support/local-worker.ts";
import { INVOCATION_CONNECTIONS, LATE_MS, SPAN_MS } from "../../src/sending/tuning.ts";
import { startSesEmulator } from "../support/ses-endpoints.ts";
import { median } from "./feeds.ts";
import { busiestWindow, startTimestampingProxy } from "./timestamping-proxy.ts";

const AUTH = { Authorization: "Bearer test-author-token-0001" };

/** Messages per second the endpoint itself takes, straight from the SDK, 50 at a time. */
export async function endpointCapacity(url: string, seconds = 4): Promise<number> {
  const client = new SESClient({ region: "us-east-1", endpoint: url, credentials: { accessKeyId: "a", secretAccessKey: "b" }, maxAttempts: 1 });
  const raw = new TextEncoder().encode("From: a@example.org\r\nTo: b@example.org\r\nSubject: capacity\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n" + "x".repeat(30_000) + "\r\n");
  const end = Date.now() + seconds * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (Date.now() < end) {
        await client.send(new SendRawEmailCommand({ RawMessage: { Data: raw }, Source: "a@example.org", Destinations: ["b@example.org"] }));
        sent++;
      }
    }),
  );
  return sent / seconds;
}

const CASES: [number, number][] = process.env.BENCH_SENDING_CASES
  ? process.env.BENCH_SENDING_CASES.split(",").map((c) => c.split(":").map(Number) as [number, number])
  : [[1_000, 14], [10_000, 100], [10_000, 500]];

/** CPU time (ms) used so far by every workerd process: the Worker, its D1, queue and Durable Object. */
function workerdCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Run {
  subscribers: number;
  rate: number;
  capacity: number;
  achieved: number;
  busiest: number;
  drainS: number;
  status: string;
  sent: number;
  total: number;
  workerCpuMs: number;
  endpointCpuMs: number;
  coresAllow: number;
  answerMs: number;
  booked: number;
  /** What the queue consumer asked of D1, from D1's own meta (D1_METER). */
  d1: { statements: number; rowsRead: number; rowsWritten: number };
  /** Daily emails the Worker rendered for the send (its own count), the variants the send reports, and the distinct bodies that arrived. */
  renders: number;
  variants: { events: string[]; recipients: number }[];
  distinctBodies: number;
}

/** The list's choices: everything, one event, the other; 2015-11-10's send has three variants. */
export const FOLLOWS = ["", "kubecon-2015", "container-night-sf-2015"];
export const DATE = "2015-11-10";


async function runCase(proxy: Awaited<ReturnType<typeof startTimestampingProxy>>, emulatorUrl: string, subscribers: number, rate: number): Promise<Run> {
  await fetch(`${emulatorUrl}/clear-store`, { method: "POST" });
  const capacity = await endpointCapacity(proxy.url);
  await fetch(`${emulatorUrl}/clear-store`, { method: "POST" });
  const worker = await startLocalWorker({ SES_ENDPOINT: proxy.url, MAX_SEND_RATE: String(rate), D1_METER: "on" });
  try {
    const csv = ["email,events", ...Array.from({ length: subscribers }, (_, i) => `bench-${i}@example.com,${FOLLOWS[i % FOLLOWS.length]}`)].join("\n");
    const imported = await fetch(`${worker.url}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/csv" }, body: csv });
    if (!imported.ok) throw new Error(`import failed: ${await imported.text()}`);
    await proxy.take();
    await fetch(`${worker.url}/api/d1-meter`, { method: "DELETE", headers: AUTH });
    const cpuBefore = { worker: workerdCpuMs(), endpoint: cpuMs() };
    const started = await fetch(`${worker.url}/api/sends`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ date: DATE }) });
    const { id } = (await started.json()) as { id: number };
    const deadline = Date.now() + (subscribers / rate) * 3000 + 120_000;
    let view: { status: string; sent: number; total: number; variants: Run["variants"] } = { status: "sending", sent: 0, total: 0, variants: [] };
    while (view.status === "sending" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      view = (await (await fetch(`${worker.url}/api/sends/${id}`, { headers: AUTH })).json()) as typeof view;
    }
    const seen = await proxy.take();
    const d1 = (await (await fetch(`${worker.url}/api/d1-meter`, { headers: AUTH })).json()) as Run["d1"] & { byStatement: unknown; renders: number };
    const distinctBodies = await distinctTextBodies(emulatorUrl);
    // Where the statements went, by statement, for reading after the run.
    writeFileSync(join("test-results", `d1-statements-${subscribers}-at-${rate}.json`), JSON.stringify(d1.byStatement, null, 2));
    const booked = slotsBooked(worker.stateDir);
    const workerCpuMs = workerdCpuMs() - cpuBefore.worker;
    const endpointCpuMs = cpuMs() - cpuBefore.endpoint;
    const arrivals = seen.arrivals.sort((a, b) => a - b);
    const drainS = (arrivals.at(-1)! - arrivals[0]!) / 1000;
    const n = Math.max(1, arrivals.length);
    return {
      subscribers, rate, capacity, drainS, status: view.status, sent: view.sent, total: view.total,
      achieved: (arrivals.length - 1) / drainS,
      busiest: busiestWindow(arrivals),
      workerCpuMs: workerCpuMs / n,
      endpointCpuMs: endpointCpuMs / n,
      coresAllow: (cpus().length * 1000 * n) / (workerCpuMs + endpointCpuMs),
      answerMs: median(seen.answerMs),
      booked,
      d1,
      renders: d1.renders,
      variants: view.variants,
      distinctBodies,
    };
  } finally {
    await worker.stop();
  }
}

/** Text bodies that arrived, told apart with each recipient's own lines (address, links) taken out. */
async function distinctTextBodies(emulatorUrl: string): Promise<number> {
  const { emails } = (await (await fetch(`${emulatorUrl}/store`)).json()) as { emails: { body: { text: string } }[] };
  const general = (text: string) => text.replace(/\S+@example\.com/g, "").replace(/token=[A-Za-z0-9_.%-]+/g, "");
  return new Set(emails.map((m) => general(m.body.text))).size;
}

/** Slots the Worker's limiter has handed out, read from its Durable Object's storage file. */
function slotsBooked(stateDir: string): number {
  const dir = join(stateDir, "v3", "do", "herald-SendRateLimiter");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) return NaN;
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    const row = db.prepare("SELECT value FROM _cf_KV WHERE key = 'booked'").get() as { value: Uint8Array } | undefined;
    return row ? (deserialize(Buffer.from(row.value)) as number) : NaN;
  } finally {
    db.close();
  }
}

export async function sendingBench(cases = CASES): Promise<string[]> {
  const emulator = await startSesEmulator();
  const proxy = await startTimestampingProxy(emulator.url);
  const runs: Run[] = [];
  try {
    for (const [subscribers, rate] of cases) runs.push(await runCase(proxy, emulator.url, subscribers, rate));
  } finally {
    await proxy.close();
    await emulator.close();
  }
  const count = (n: number) => n.toLocaleString("en");
  const lines = [
    "| subscribers | MAX_SEND_RATE | endpoint capacity (msg/s) | achieved msg/s | ÷ min(limit, capacity) (target ≥ 0.95) | busiest 1 s window (limit) | time to drain |",
    "|---|---|---|---|---|---|---|",
    ...runs.map(
      (r) =>
        `| ${count(r.subscribers)} | ${r.rate} | ${r.capacity.toFixed(0)} | ${r.achieved.toFixed(1)} | ${(r.achieved / Math.min(r.rate, r.capacity)).toFixed(2)} | ${r.busiest} (${r.rate}) | ${r.drainS.toFixed(1)} s (${r.status}, ${count(r.sent)}/${count(r.total)} sent) |`,
    ),
    "",
    "What each run cost this machine, per message, and what that allows:",
    "",
    "| run | Worker CPU (all workerd) | endpoint + benchmark CPU (Node) | rate at which both cores are busy | endpoint's median answer | one invocation's ceiling (6 calls in flight) | slots booked ÷ messages sent |",
    "|---|---|---|---|---|---|---|",
    ...runs.map(
      (r) =>
        `| ${count(r.subscribers)} at ${r.rate} | ${r.workerCpuMs.toFixed(2)} ms | ${r.endpointCpuMs.toFixed(2)} ms | ${r.coresAllow.toFixed(0)} msg/s | ${r.answerMs.toFixed(1)} ms | ${(INVOCATION_CONNECTIONS / (r.answerMs / 1000)).toFixed(0)} msg/s | ${(r.booked / r.sent).toFixed(3)} |`,
    ),
    "",
    `Each list follows three choices in turn (everything, KubeCon 2015, Container Night SF 2015), so the send of ${DATE} goes out in three variants:`,
    "",
    "| run | variants (recipients) | renders in the Worker | distinct bodies that arrived |",
    "|---|---|---|---|",
    ...runs.map((r) => `| ${count(r.subscribers)} at ${r.rate} | ${r.variants.map((v) => `${v.events.join("+")} (${count(v.recipients)})`).join(", ")} | ${r.renders} per send (${(r.renders / Math.max(1, r.variants.length)).toFixed(2)} per variant, ${(r.renders / Math.max(1, r.sent)).toFixed(5)} per message) | ${r.distinctBodies} |`),
    "",
    "What the queue consumer asked of D1 per message sent (from D1's own `meta`, all statements of the send's queue steps):",
    "",
    "| run | statements | rows read | rows written |",
    "|---|---|---|---|",
    ...runs.map((r) => `| ${count(r.subscribers)} at ${r.rate} | ${(r.d1.statements / r.sent).toFixed(2)} | ${(r.d1.rowsRead / r.sent).toFixed(1)} | ${(r.d1.rowsWritten / r.sent).toFixed(2)} |`),
    "",
    ...runs.map((r) => verdict(r)),
  ];
  return lines;
}

/** One line per run: met, or which target was missed and what the figures say limits it. */
function verdict(r: Run): string {
  const bound = Math.min(r.rate, r.capacity);
  const ratio = r.achieved / bound;
  const head = `- **${r.subscribers.toLocaleString("en")} at ${r.rate}/s**:`;
  const window = r.busiest <= r.rate ? `never above the limit in any one-second window (busiest ${r.busiest})` : `**above the limit** in its busiest one-second window (${r.busiest} for ${r.rate})`;
  if (r.status !== "done") return `${head} did not finish (${r.status}, ${r.sent}/${r.total} sent); ${window}.`;
  if (ratio >= 0.95) return `${head} ${ratio.toFixed(2)} of the achievable rate, target met; ${window}.`;
  const limits: string[] = [];
  if (r.coresAllow < bound * 1.05) limits.push(`the two cores: Worker and endpoint together use ${(r.workerCpuMs + r.endpointCpuMs).toFixed(1)} ms of CPU per message, so this machine runs out at about ${r.coresAllow.toFixed(0)} msg/s (${(r.achieved / r.coresAllow).toFixed(2)} of that reached)`);
  const ceiling = INVOCATION_CONNECTIONS / (r.answerMs / 1000);
  const unused = 1 - r.sent / r.booked;
  if (unused > 0.01) limits.push(`slots given up: ${(unused * 100).toFixed(1)} % of the slots booked went unused, each a call that could not start within ${LATE_MS} ms of its slot and booked another rather than go out late`);
  limits.push(`the margin: slots are ${SPAN_MS} ms ÷ limit apart, so even a perfect run reaches ${(1000 / SPAN_MS).toFixed(3)} of the limit`);
  if (ceiling < bound * 1.05) limits.push(`Workers' six connections per invocation: at a ${r.answerMs.toFixed(0)} ms answer one invocation cannot pass ${ceiling.toFixed(0)} msg/s, and the local queue runs about one invocation at a time (Cloudflare runs up to max_concurrency = 10)`);
  return `${head} ${ratio.toFixed(2)} of min(limit, capacity), **target missed**; ${window}. Limited by ${limits.join("; by ")}.`;
}
