// `npm run bench -- morning`: the morning edition under `wrangler dev`, where the clock is
// real. 10,000 subscribers in 24 zones, imported through the CSV with `delivery` and `zone`,
// chosen so that they fall due in three waves: a third at once, a third at the minute at
// least a minute after the send is made, a third two minutes after that — each time written
// on that subscriber's own zone's wall clock. Then one send, and at the endpoint: the busiest
// second against the limit, each address exactly once and never before its time, renders per
// variant, and each wave's lag from its due time to its first and last arrival.
import { dueAt, parseDeliveryTime, type LocalTime } from "../../src/content/delivery-time.ts";
import { startLocalWorker } from "../support/local-worker.ts";
import { startSesEmulator } from "../support/ses-endpoints.ts";
import { ZONES } from "./due-time.ts";
import { DATE, endpointCapacity, FOLLOWS } from "./sending.ts";
import { busiestWindow, startTimestampingProxy } from "./timestamping-proxy.ts";

const AUTH = { Authorization: "Bearer test-author-token-0001" };
const SUBSCRIBERS = Number(process.env.BENCH_MORNING_SUBSCRIBERS ?? 10_000);
/** The limit the sending bench sets for its 10,000-subscriber run. */
const RATE = Number(process.env.BENCH_MORNING_RATE ?? 100);
/** Time allowed for the import between choosing the times and the POST that makes the send. */
const IMPORT_ALLOWANCE_MS = 20_000;
/** The first timed wave must be at least this long after the send is made. */
const FIRST_WAVE_AFTER_MS = 60_000;
const WAVE_GAP_MS = 120_000;
const MINUTE_MS = 60_000;

/** `ms` on the wall clock of `zone`, HH:MM: the delivery time that falls due at that instant there. */
function wallTime(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" }).formatToParts(ms);
  return `${parts.find((p) => p.type === "hour")!.value}:${parts.find((p) => p.type === "minute")!.value}`;
}

/** Subscriber i: wave i mod 3, zone and follow choice spread so every wave holds every zone and variant. */
const waveOf = (i: number) => i % 3;
const zoneOf = (i: number) => ZONES[Math.floor(i / 3) % ZONES.length]!;
const followsOf = (i: number) => FOLLOWS[Math.floor(i / (3 * ZONES.length)) % FOLLOWS.length]!;
const address = (i: number) => `morning-${i}@example.com`;

interface SendView {
  status: string;
  sent: number;
  total: number;
  scheduled?: number;
  nextDueAt?: string | null;
  lastDueAt?: string | null;
  variants: { events: string[]; recipients: number }[];
}

interface WaveFigures {
  label: string;
  dueMs: number;
  size: number;
  arrived: number;
  early: number;
  firstLagS: number;
  lastLagS: number;
  spanS: number;
  busiest: number;
}

export async function morningBench(): Promise<string[]> {
  const benchStarted = Date.now();
  const emulator = await startSesEmulator();
  const proxy = await startTimestampingProxy(emulator.url);
  try {
    const capacity = await endpointCapacity(proxy.url);
    await fetch(`${emulator.url}/clear-store`, { method: "POST" });
    await proxy.take();
    const worker = await startLocalWorker({ SES_ENDPOINT: proxy.url, MAX_SEND_RATE: String(RATE), D1_METER: "on" }, process.cwd(), { logName: "bench-morning" });
    try {
      return await runMorning(worker.url, proxy, capacity, benchStarted);
    } finally {
      await worker.stop();
    }
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

async function runMorning(url: string, proxy: Awaited<ReturnType<typeof startTimestampingProxy>>, capacity: number, benchStarted: number): Promise<string[]> {
  // The timed waves, as instants on whole minutes; each subscriber's HH:MM is that instant on their own clock.
  const planned = Date.now();
  const second = Math.ceil((planned + IMPORT_ALLOWANCE_MS + FIRST_WAVE_AFTER_MS) / MINUTE_MS) * MINUTE_MS;
  const timed = [second, second + WAVE_GAP_MS];
  const rows = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const wave = waveOf(i);
    // The asap third keeps a zone, as someone who went back to asap does.
    const delivery = wave === 0 ? "asap" : wallTime(timed[wave - 1]!, zoneOf(i));
    return `${address(i)},${followsOf(i)},${delivery},${zoneOf(i)}`;
  });
  const imported = await fetch(`${url}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/csv" }, body: ["email,events,delivery,zone", ...rows].join("\n") });
  const report = (await imported.json()) as { imported: number; errors: unknown[] };
  if (!imported.ok || report.imported !== SUBSCRIBERS) throw new Error(`import failed: ${JSON.stringify(report).slice(0, 500)}`);

  // What the dry run says of the same list, just before the send.
  const dry = (await (await fetch(`${url}/api/sends`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ date: DATE, dryRun: true }) })).json()) as { due?: { atOnce: number; hours: { count: number }[] } };

  await proxy.take();
  await fetch(`${url}/api/d1-meter`, { method: "DELETE", headers: AUTH });
  const postedAt = Date.now();
  const started = await fetch(`${url}/api/sends`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ date: DATE }) });
  const answeredAt = Date.now();
  const first = (await started.json()) as SendView & { id: number };
  if (!started.ok) throw new Error(`the send was refused: ${JSON.stringify(first).slice(0, 500)}`);

  // Follow it to the end, noting what the API said of its scheduled rows on the way.
  const waveSize = SUBSCRIBERS / 3;
  const deadline = timed.at(-1)! + (waveSize / RATE) * 3000 + 180_000;
  let view: SendView = first;
  const seenNext = new Set<string>();
  let maxScheduled = 0;
  while (view.status !== "done" && view.status !== "cancelled" && view.status !== "failed" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    view = (await (await fetch(`${url}/api/sends/${first.id}`, { headers: AUTH })).json()) as SendView;
    if (view.nextDueAt) seenNext.add(view.nextDueAt);
    maxScheduled = Math.max(maxScheduled, view.scheduled ?? 0);
  }
  const finishedAt = Date.now();
  // The times written in each zone, read back with Herald's own rule from the POST's moment: each must be its wave's instant.
  let agree = 0;
  for (const zone of ZONES) {
    const ok = timed.every((t) => dueAt(postedAt, (parseDeliveryTime(wallTime(t, zone)) as { value: LocalTime }).value, zone) === t);
    if (ok) agree++;
  }
  const stamps = await proxy.take();
  const meter = (await (await fetch(`${url}/api/d1-meter`, { headers: AUTH })).json()) as { renders: number };

  // Every address exactly once; none before its wave's time.
  const index = new Map(Array.from({ length: SUBSCRIBERS }, (_, i) => [address(i), i]));
  const copies = new Map<string, number>();
  for (const to of stamps.recipients) copies.set(to, (copies.get(to) ?? 0) + 1);
  const once = [...copies.values()].filter((n) => n === 1).length;
  const twice = [...copies.values()].filter((n) => n > 1).length;
  const strangers = [...copies.keys()].filter((to) => !index.has(to)).length;
  const missing = SUBSCRIBERS - [...copies.keys()].filter((to) => index.has(to)).length;

  const dueOf = [postedAt, ...timed];
  const waves: WaveFigures[] = dueOf.map((dueMs, w) => {
    const times = stamps.arrivals.filter((_, k) => waveOf(index.get(stamps.recipients[k]!) ?? -1) === w).sort((a, b) => a - b);
    return {
      label: w === 0 ? "asap (due at the POST)" : `${w === 1 ? "first" : "second"} timed wave, due ${new Date(dueMs).toISOString().slice(11, 16)}Z (${((dueMs - postedAt) / 1000).toFixed(0)} s after the POST)`,
      dueMs,
      size: Array.from({ length: SUBSCRIBERS }, (_, i) => i).filter((i) => waveOf(i) === w).length,
      arrived: times.length,
      early: times.filter((t) => t < dueMs).length,
      firstLagS: times.length ? (times[0]! - dueMs) / 1000 : NaN,
      lastLagS: times.length ? (times.at(-1)! - dueMs) / 1000 : NaN,
      spanS: times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : NaN,
      busiest: busiestWindow(times),
    };
  });
  const busiest = busiestWindow(stamps.arrivals);
  const all = [...stamps.arrivals].sort((a, b) => a - b);
  const count = (n: number) => n.toLocaleString("en");
  const s = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} s` : "—");
  const asap = waves[0]!;

  return [
    `${count(SUBSCRIBERS)} subscribers, ${ZONES.length} zones (${ZONES.join(", ")}), three follow choices (everything, KubeCon 2015, Container Night SF 2015) spread evenly over the zones and the waves, imported with \`events\`, \`delivery\` and \`zone\`. \`MAX_SEND_RATE\` ${RATE}, as the sending benchmark's 10,000 run; the endpoint took ${capacity.toFixed(0)} msg/s from Node just before (its capacity, the other bound). The send of ${DATE} was made ${((postedAt - planned) / 1000).toFixed(1)} s after the times were chosen (import and dry run), its POST answered in ${((answeredAt - postedAt) / 1000).toFixed(2)} s; the first timed wave fell due ${((timed[0]! - postedAt) / 1000).toFixed(0)} s after the POST (at least ${FIRST_WAVE_AFTER_MS / 1000} s required). The whole section took ${((finishedAt - benchStarted) / 60_000).toFixed(1)} min.`,
    "",
    "| measure | figure | against |",
    "|---|---|---|",
    `| busiest 1,000 ms window at the endpoint, whole send | ${busiest} | limit ${RATE} (${busiest <= RATE ? "kept" : "**exceeded**"}) |`,
    `| addresses that arrived exactly once | ${count(once)} | ${count(SUBSCRIBERS)} imported |`,
    `| addresses that arrived more than once / never / not on the list | ${twice} / ${missing} / ${strangers} | 0 / 0 / 0 |`,
    `| messages that arrived before their recipient's due time | ${waves.reduce((a, w) => a + w.early, 0)} | 0 |`,
    `| zones whose written times \`dueAt\` (in Node) reads back as the waves' instants | ${agree} | ${ZONES.length} |`,
    `| send status at the end | ${view.status}, ${count(view.sent)}/${count(view.total)} sent | done, ${count(SUBSCRIBERS)} |`,
    `| renders in the Worker (\`/api/d1-meter\`) | ${meter.renders} (${(meter.renders / Math.max(1, view.variants.length)).toFixed(2)} per variant) | ${view.variants.length} variants: ${view.variants.map((v) => `${v.events.join("+")} (${count(v.recipients)})`).join(", ")} |`,
    `| the dry run just before: due at once / later, hours holding anyone | ${dry.due ? `${count(dry.due.atOnce)} / ${count(dry.due.hours.reduce((a, h) => a + h.count, 0))}, ${dry.due.hours.filter((h) => h.count > 0).length}` : "no \`due\` in the answer"} | ${count(asap.size)} / ${count(SUBSCRIBERS - asap.size)}, 1 |`,
    `| \`scheduled\` at most, while it ran / next due times shown | ${count(maxScheduled)} / ${[...seenNext].map((t) => t.slice(11, 19)).join(", ") || "none"} | ${count(SUBSCRIBERS - asap.size)} / ${timed.map((t) => new Date(t).toISOString().slice(11, 19)).join(", ")} |`,
    "",
    `Each wave, from its due time (the asap wave: from the moment the POST was sent, which is the baseline: the pipeline's own start without any waiting). A wave of ${count(Math.round(waveSize))} at the limit needs ${(waveSize / RATE).toFixed(1)} s; at the asap wave's own pace, ${s(asap.spanS)}.`,
    "",
    "| wave | recipients (arrived) | before due | first arrival after due | last arrival after due | first to last | busiest 1 s (limit) |",
    "|---|---|---|---|---|---|---|",
    ...waves.map((w) => `| ${w.label} | ${count(w.size)} (${count(w.arrived)}) | ${w.early} | ${s(w.firstLagS)} | ${s(w.lastLagS)} | ${s(w.spanS)} | ${w.busiest} (${RATE}) |`),
    "",
    verdict(waves, busiest, once, view.status, meter.renders, view.variants.length, all.length),
  ];
}

/** One paragraph: what held and what did not. */
function verdict(waves: WaveFigures[], busiest: number, once: number, status: string, renders: number, variants: number, arrivals: number): string {
  const held: string[] = [];
  const missed: string[] = [];
  (busiest <= RATE ? held : missed).push(`the limit in every one-second window (busiest ${busiest} for ${RATE})`);
  (once === SUBSCRIBERS && arrivals === SUBSCRIBERS ? held : missed).push(`every recipient exactly once (${once.toLocaleString("en")} of ${SUBSCRIBERS.toLocaleString("en")}, ${arrivals.toLocaleString("en")} messages)`);
  (renders === variants ? held : missed).push(`one render per variant (${renders} for ${variants})`);
  const early = waves.reduce((a, w) => a + w.early, 0);
  (early === 0 ? held : missed).push(`nobody before their time (${early} early)`);
  for (const w of waves.slice(1)) (w.firstLagS >= 0 && w.firstLagS <= 60 ? held : missed).push(`the ${w.label.split(",")[0]} starting within a minute of due (${w.firstLagS.toFixed(1)} s)`);
  if (status !== "done") missed.push(`the send finishing (${status})`);
  return `**Held:** ${held.join("; ") || "nothing"}.${missed.length ? ` **Missed:** ${missed.join("; ")}.` : ""}`;
}
