// Sending through the queue of a locally started Worker to the local SES-compatible
// endpoint: the rate achieved against min(limit, the endpoint's own capacity measured in
// the same run), the busiest one-second window at the endpoint, and the time to drain.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { startLocalWorker } from "../support/local-worker.ts";
import { startSesEmulator } from "../support/ses-endpoints.ts";
import { busiestWindow, startTimestampingProxy } from "./timestamping-proxy.ts";

const AUTH = { Authorization: "Bearer test-author-token-0001" };

/** Messages per second the endpoint itself takes, straight from the SDK, 50 at a time. */
async function endpointCapacity(url: string, seconds = 4): Promise<number> {
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

export async function sendingBench(cases = CASES): Promise<string[]> {
  const emulator = await startSesEmulator();
  const proxy = await startTimestampingProxy(emulator.url);
  const lines = [
    "| subscribers | MAX_SEND_RATE | endpoint capacity (msg/s) | achieved msg/s | ÷ min(limit, capacity) (target ≥ 0.95) | busiest 1 s window (limit) | time to drain |",
    "|---|---|---|---|---|---|---|",
  ];
  const cpu = [
    "",
    "CPU per message during each run (both cores together), and the rate at which this machine's cores would run out:",
    "",
    "| run | Worker (all workerd) ms | endpoint + benchmark (Node) ms | messages/s the cores allow |",
    "|---|---|---|---|",
  ];
  try {
    for (const [subscribers, rate] of cases) {
      await fetch(`${emulator.url}/clear-store`, { method: "POST" });
      const capacity = await endpointCapacity(proxy.url);
      await fetch(`${emulator.url}/clear-store`, { method: "POST" });
      const worker = await startLocalWorker({ SES_ENDPOINT: proxy.url, MAX_SEND_RATE: String(rate) });
      try {
        const csv = ["email", ...Array.from({ length: subscribers }, (_, i) => `bench-${i}@example.com`)].join("\n");
        const imported = await fetch(`${worker.url}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/csv" }, body: csv });
        if (!imported.ok) throw new Error(`import failed: ${await imported.text()}`);
        await proxy.takeArrivals();
        const cpuBefore = { worker: workerdCpuMs(), endpoint: cpuMs() };
        const started = await fetch(`${worker.url}/api/sends`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ date: "2015-11-11" }) });
        const { id } = (await started.json()) as { id: number };
        const deadline = Date.now() + (subscribers / rate) * 3000 + 120_000;
        let view: { status: string; sent: number; total: number } = { status: "sending", sent: 0, total: 0 };
        while (view.status === "sending" && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          view = (await (await fetch(`${worker.url}/api/sends/${id}`, { headers: AUTH })).json()) as typeof view;
        }
        const arrivals = (await proxy.takeArrivals()).sort((a, b) => a - b);
        const perMessage = (ms: number) => (ms / Math.max(1, arrivals.length)).toFixed(2);
        const workerCpu = workerdCpuMs() - cpuBefore.worker;
        const endpointCpu = cpuMs() - cpuBefore.endpoint;
        cpu.push(`| ${subscribers.toLocaleString("en")} at ${rate} | ${perMessage(workerCpu)} | ${perMessage(endpointCpu)} | ${((cpus().length * 1000 * arrivals.length) / (workerCpu + endpointCpu)).toFixed(0)} |`);
        const drainS = (arrivals.at(-1)! - arrivals[0]!) / 1000;
        const achieved = (arrivals.length - 1) / drainS;
        const bound = Math.min(rate, capacity);
        lines.push(
          `| ${subscribers.toLocaleString("en")} | ${rate} | ${capacity.toFixed(0)} | ${achieved.toFixed(1)} | ${(achieved / bound).toFixed(2)} | ${busiestWindow(arrivals)} (${rate}) | ${drainS.toFixed(1)} s (${view.status}, ${view.sent}/${view.total} sent) |`,
        );
      } finally {
        await worker.stop();
      }
    }
  } finally {
    await proxy.close();
    await emulator.close();
  }
  return [...lines, ...cpu];
}
