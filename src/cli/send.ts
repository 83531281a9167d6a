// `npm run send -- <date> [--dry-run] [--to addr]...`: starts a send through the author API
// and shows its progress until it ends, or until all it has left are rows waiting for their
// recipients' delivery times; `--status <id>` looks at a send again. Ctrl-C stops watching;
// the send goes on.
import { SingleBar } from "cli-progress";
import { parseArgs } from "node:util";
import { AuthorClient } from "./author-client.ts";
import { barStatus, dueLines, finishedRows, onlyScheduledLeft, scheduledPart, summaryLine, waitingSentence, type DueCounts, type WatchedSend } from "./send-lines.ts";

interface ErrorBody {
  error: { code: string; message: string; field?: string };
  send?: WatchedSend;
}

const FINAL = new Set(["done", "cancelled", "skipped", "failed", "paused"]);
const USAGE = "Usage: npm run send -- <YYYY-MM-DD> [--dry-run] [--to address]... [--events slug,series:name] [--follow]\n       npm run send -- --status <send id> [--follow]";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      to: { type: "string", multiple: true },
      // The variant a follower of these events gets (a test send or a dry run): --events a,b
      events: { type: "string" },
      // Look at a send already made, by its id.
      status: { type: "string" },
      // Keep watching while only scheduled rows are left, until the send ends.
      follow: { type: "boolean", default: false },
      "poll-ms": { type: "string", default: "1000" },
    },
  });
  const client = AuthorClient.fromEnvironment();
  const watch = { client, pollMs: Number(values["poll-ms"]), follow: values.follow };
  if (values.status !== undefined) {
    if (positionals.length > 0 || !/^\d+$/.test(values.status)) {
      console.error(USAGE);
      return 2;
    }
    return showSend(watch, values.status);
  }
  const date = positionals[0];
  if (!date || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const body = { date, ...(values["dry-run"] ? { dryRun: true } : {}), ...(values.to ? { to: values.to } : {}), ...(values.events ? { events: values.events } : {}) };
  const answer = await client.request<WatchedSend & ErrorBody & { recipients?: number; summarized?: string[]; due?: DueCounts }>("POST", "/api/sends", body);
  if (refused(answer, client)) return 1;
  if (values["dry-run"]) {
    const to = answer.body.recipients === undefined ? "" : ` would go to ${answer.body.recipients} recipient(s)`;
    console.log(`Dry run for ${date}: "${answer.body.subject}"${to}. Nothing was sent.`);
    printVariants(answer.body.variants, answer.body.subject);
    for (const line of dueLines(answer.body.due, Date.now())) console.log(line);
    if (answer.body.summarized?.length) console.log(`Shown as summaries to fit the size budget: ${answer.body.summarized.join(", ")}`);
    return 0;
  }
  const send: WatchedSend = answer.status === 409 ? answer.body.send! : answer.body;
  if (answer.status === 409) console.log(`${date} already has a send (#${send.id}, ${send.status}); showing its progress.`);
  else console.log(`Send #${send.id} started: "${send.subject}"`);
  return follow(watch, send);
}

interface Watch {
  client: AuthorClient;
  pollMs: number;
  follow: boolean;
}

/** `--status <id>`: the send as it stands, followed like a new one while it runs. */
async function showSend(watch: Watch, id: string): Promise<number> {
  const answer = await watch.client.request<WatchedSend & ErrorBody>("GET", `/api/sends/${id}`);
  if (answer.status === 404) {
    console.error(`There is no send #${id} at ${watch.client.baseUrl}.`);
    return 1;
  }
  if (refused(answer, watch.client)) return 1;
  console.log(`Send #${answer.body.id} (${answer.body.kind}, ${answer.body.date}): "${answer.body.subject}"`);
  return follow(watch, answer.body);
}

/** A refused request, said plainly; true if it was one. */
function refused(answer: { status: number; body: ErrorBody }, client: AuthorClient): boolean {
  if (answer.status === 401) {
    console.error(`The author token was refused by ${client.baseUrl}. Check HERALD_TOKEN (or AUTHOR_TOKEN in .dev.vars).`);
    return true;
  }
  if (answer.status >= 400 && answer.status !== 409) {
    const e = answer.body.error;
    console.error(`Refused (${answer.status}): ${e.message}${e.field ? ` [${e.field}]` : ""}`);
    return true;
  }
  return false;
}

/** The progress bar until the send ends (or, without --follow, until only scheduled rows are left), then the summary. */
async function follow(watch: Watch, first: WatchedSend): Promise<number> {
  let send = first;
  // An ETA is read from the rate so far, which says nothing of rows waiting for their time.
  const eta = (send.scheduled ?? 0) > 0 ? "" : " | ETA {eta_formatted}";
  const bar = new SingleBar({
    format: `{bar} {percentage}% | sent {sent} · failed {failed} · pending {pending}{scheduled} | {rate}/s${eta} | {status}`,
    hideCursor: true,
    etaBuffer: 20,
    // Without a terminal (a log, CI), a line every 10 s instead of nothing.
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  let detached = false;
  process.once("SIGINT", () => {
    detached = true;
  });
  // Seen on two looks in a row: between two chunks of a send's preparation nothing may be due
  // for a moment while more rows are still to come.
  let waitingLooks = 0;
  bar.start(Math.max(1, send.total), finishedRows(send), barValues(send));
  while (!FINAL.has(send.status) && !detached && !(waitingLooks >= 2 && !watch.follow)) {
    await new Promise((r) => setTimeout(r, watch.pollMs));
    const next = await watch.client.request<WatchedSend>("GET", `/api/sends/${send.id}`);
    if (next.status !== 200) break;
    send = next.body;
    waitingLooks = onlyScheduledLeft(send) ? waitingLooks + 1 : 0;
    bar.setTotal(Math.max(1, send.total));
    bar.update(finishedRows(send), barValues(send));
  }
  bar.stop();
  if (detached) {
    console.log(summaryLine(send, Date.now()));
    console.log(`Stopped watching. Send #${send.id} goes on; to look again: npm run send -- --status ${send.id}`);
    return 0;
  }
  console.log(summaryLine(send, Date.now()));
  printVariants(send.variants, send.subject);
  if (send.unknown > 0) console.log("Unknown: SES never answered for these; they may or may not have arrived, and are not re-sent.");
  if (send.failed > 0) console.log(`To retry the failed: POST /api/sends/${send.id}/retry-failed`);
  // Waiting for recipients' times is a send on schedule, not a failure.
  if (onlyScheduledLeft(send)) {
    console.log(waitingSentence(send, Date.now()));
    return 0;
  }
  return send.status === "done" ? 0 : 1;
}

/**
 * A day of several events goes out as one email per combination followed: say which, to how
 * many, whenever that is not simply the send's own email to everyone.
 */
function printVariants(variants: WatchedSend["variants"] | undefined, subject: string | null | undefined): void {
  if (!variants || variants.length === 0 || (variants.length === 1 && variants[0]!.subject === subject)) return;
  for (const v of variants) console.log(`  ${v.recipients} × ${v.events.join(" + ")}: "${v.subject}"`);
}

function barValues(send: WatchedSend) {
  const now = Date.now();
  return { sent: send.sent, failed: send.failed, pending: send.pending, scheduled: scheduledPart(send, now).replace(/^,/, " ·"), rate: send.rate.toFixed(1), status: barStatus(send, now) };
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
