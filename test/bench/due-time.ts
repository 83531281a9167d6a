// What due times cost when a send is created for 10,000 recipients with delivery times in 24
// zones, against one Intl.DateTimeFormat#formatToParts call measured in the same run (the
// unit of time zone work a hand-rolled computation pays). Run on its own with
// `npx tsx test/bench/due-time.ts`, or call dueTimeBench() from run.ts.
import { pathToFileURL } from "node:url";
import { dueAt, hoursHistogram, type LocalTime } from "../../src/content/delivery-time.ts";

export const ZONES = [
  "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
  "America/St_Johns", "America/Sao_Paulo", "Atlantic/Azores", "Europe/London", "Europe/Berlin", "Europe/Helsinki",
  "Europe/Moscow", "Asia/Tehran", "Asia/Dubai", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka",
  "Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Chatham",
];

function meanUs(runs: number, work: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(2000, runs); i++) work(i); // warm
  const t = performance.now();
  for (let i = 0; i < runs; i++) work(i);
  return ((performance.now() - t) * 1000) / runs;
}

export function dueTimeBench(recipients = 10_000): string[] {
  // Times of day spread by a fixed pseudo-random sequence, independent of the zone.
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const times: LocalTime[] = Array.from({ length: recipients }, () => ({ hour: Math.floor(next() * 24), minute: Math.floor(next() * 60) }));
  const zoneOf = (i: number) => ZONES[i % ZONES.length]!;
  const base = Date.parse("2026-06-15T02:00:00Z");

  // Baseline: one formatToParts call per instant, on formatters built beforehand.
  const formatters = ZONES.map((timeZone) => new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }));
  let sink = 0;
  const partsUs = meanUs(50_000, (i) => (sink += formatters[i % formatters.length]!.formatToParts(base + i * 61_000).length));

  // A send: one creation instant, every recipient's due time, then the dry run's counts.
  const sendRun = (created: number) => {
    const due = new Array<number>(recipients);
    for (let i = 0; i < recipients; i++) due[i] = dueAt(created, times[i]!, zoneOf(i));
    return hoursHistogram(due, created);
  };
  const runs = 20;
  sendRun(base - 3_600_000); // warm
  let t = performance.now();
  for (let r = 0; r < runs; r++) sendRun(base + r * 3_600_000);
  const sendMs = (performance.now() - t) / runs;
  const perRecipientUs = (sendMs * 1000) / recipients;

  // A send created the evening before Europe's clocks go forward (2026-03-29 01:00Z):
  // recipients in its zones take the slow path.
  const eveMs = Date.parse("2026-03-28T18:00:00Z");
  sendRun(eveMs - 3_600_000);
  t = performance.now();
  for (let r = 0; r < runs; r++) sendRun(eveMs + r * 60_000);
  const eveSendMs = (performance.now() - t) / runs;

  // Worst case: every call a new creation instant, so nothing is reused.
  const coldUs = meanUs(50_000, (i) => (sink += dueAt(base + i * 61_001, times[i % recipients]!, zoneOf(i))));
  // Near a change of offset (Berlin, the night of 2026-03-29), where the slow path runs.
  const change = Date.parse("2026-03-29T01:00:00Z");
  const nearUs = meanUs(20_000, (i) => (sink += dueAt(change - 20 * 3_600_000 + i * 3_601, times[i % recipients]!, "Europe/Berlin")));

  t = performance.now();
  const histogram = sendRun(base);
  const oneSendMs = performance.now() - t;
  if (sink === 0) console.log(""); // keep the work observable

  const ratio = (us: number) => (us / partsUs).toFixed(2);
  return [
    "| measure | value | ÷ one formatToParts |",
    "|---|---|---|",
    `| one \`Intl.DateTimeFormat#formatToParts\` call (the baseline) | ${partsUs.toFixed(2)} µs | 1 |`,
    `| due times for one send: ${recipients.toLocaleString("en")} recipients, ${ZONES.length} zones, with the per-hour counts (mean of ${runs} sends) | ${sendMs.toFixed(1)} ms | |`,
    `| … per recipient | ${perRecipientUs.toFixed(2)} µs | **${ratio(perRecipientUs)}** |`,
    `| due times for one send created the evening before Europe's clocks change (2026-03-28 18:00Z) | ${eveSendMs.toFixed(1)} ms | |`,
    `| … per recipient | ${((eveSendMs * 1000) / recipients).toFixed(2)} µs | ${ratio((eveSendMs * 1000) / recipients)} |`,
    `| one due time, a new creation instant every call (nothing reused) | ${coldUs.toFixed(2)} µs | ${ratio(coldUs)} |`,
    `| one due time within 26 h of a change of offset (Berlin, 2026-03-29), new instant every call | ${nearUs.toFixed(2)} µs | ${ratio(nearUs)} |`,
    "",
    `One send's spread: ${histogram.atOnce} at once, then ${histogram.hours.map((h) => h.count).join(" / ")} per hour over ${histogram.hours.length} hours (${oneSendMs.toFixed(1)} ms for that send).`,
    "The offsets around a send's creation are kept per zone, so after the first recipient of a zone a due time is arithmetic; a zone with a change of offset within 26 h of creation pays a few more Intl calls per recipient.",
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Node ${process.versions.node}, ICU ${process.versions.icu}, tz ${process.versions.tz}`);
  console.log(dueTimeBench().join("\n"));
}
