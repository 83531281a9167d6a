// `npm run bench`: every benchmark, each figure against a baseline measured in the same
// run, written to test/bench/REPORT.md with the machine it ran on.
import { writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { archiveBench } from "./archive.ts";
import { emailBench } from "./email.ts";
import { feedBench } from "./feeds.ts";
import { morningBench } from "./morning.ts";
import { sendingBench } from "./sending.ts";
import { subscribeTimingBench } from "./subscribe-timing.ts";
import { startLocalWorker } from "../support/local-worker.ts";

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const sections: string[] = [];

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 16)}Z`;

if (want("feeds")) {
  console.log("feeds…");
  const worker = await startLocalWorker();
  try {
    sections.push("## Feed serving (wrangler dev, autocannon, 20 connections)", "", ...(await feedBench(worker.url)), "");
  } finally {
    await worker.stop();
  }
}
if (want("archive")) {
  console.log("archive…");
  sections.push("## Archive scale (synthetic posts, scratch copies of the project)", "", ...(await archiveBench()), "");
}
if (want("email")) {
  console.log("email…");
  sections.push("## Render once, personalise many", "", ...(await emailBench()), "");
}
if (want("subscribe")) {
  console.log("subscribe timing…");
  sections.push("## The answer to POST /subscribe, by the address's state", "", ...(await subscribeTimingBench()), "");
}
if (want("sending")) {
  console.log("sending…");
  sections.push(
    "## Sending through the queue to the local SES endpoint",
    "",
    "Each run: a fresh Worker, the list imported, one send started through `POST /api/sends`. A pass-through on its own thread in front of the emulator stamps each SendRawEmail as it arrives; the achieved rate is (messages − 1) ÷ (last − first arrival), the busiest window is the most arrivals in any 1,000 ms. The endpoint's capacity is measured just before, from Node with the same SDK, 50 calls in flight for 4 s.",
    "",
    ...(await sendingBench()),
    "",
  );
}

if (want("morning")) {
  console.log("morning edition…");
  sections.push(
    "## The morning edition: one send, each recipient at their own hour",
    "",
    "A fresh Worker under `wrangler dev` (a real clock: the send's Durable Object alarm wakes at the next due time), the list imported through the CSV, one send through `POST /api/sends`, followed until it is `done`. The same pass-through as the sending benchmark stamps each SendRawEmail and notes its recipient as it arrives.",
    "",
    ...(await morningBench()),
    "",
  );
}

const report = [
  "# Herald benchmarks",
  "",
  `Machine: ${machine}. Written by \`npm run bench\` (all sections; \`npm run bench -- sending\` and the like write REPORT-<sections>.md instead).`,
  "Everything runs on 127.0.0.1: the Worker under `wrangler dev` (workerd, local D1, the local queue, the Durable Object) and the SES-compatible emulator `aws-ses-v2-local`.",
  "Every figure is read against a baseline measured in the same run, because these machines are noisy.",
  "",
  ...sections,
].join("\n");
await writeFile(`test/bench/REPORT${only.length ? `-${only.join("-")}` : ""}.md`, `${report}\n`);
console.log(report);
