// `npm run send -- <date> [--dry-run] [--to addr]...`: starts a send through the author API
// and shows its progress until it ends. Ctrl-C stops watching; the send goes on.
import { SingleBar } from "cli-progress";
import { parseArgs } from "node:util";
import type { SendView } from "../sending/send-view.ts";
import { AuthorClient } from "./author-client.ts";

interface ErrorBody {
  error: { code: string; message: string; field?: string };
  send?: SendView;
}

const FINAL = new Set(["done", "cancelled", "skipped", "failed", "paused"]);

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      to: { type: "string", multiple: true },
      // The variant a follower of these events gets (a test send or a dry run): --events a,b
      events: { type: "string" },
      "poll-ms": { type: "string", default: "1000" },
    },
  });
  const date = positionals[0];
  if (!date || positionals.length > 1) {
    console.error("Usage: npm run send -- <YYYY-MM-DD> [--dry-run] [--to address]... [--events slug,series:name]");
    return 2;
  }
  const client = AuthorClient.fromEnvironment();
  const body = { date, ...(values["dry-run"] ? { dryRun: true } : {}), ...(values.to ? { to: values.to } : {}), ...(values.events ? { events: values.events } : {}) };
  const answer = await client.request<SendView & ErrorBody & { recipients?: number; summarized?: string[] }>("POST", "/api/sends", body);

  if (answer.status === 401) {
    console.error(`The author token was refused by ${client.baseUrl}. Check HERALD_TOKEN (or AUTHOR_TOKEN in .dev.vars).`);
    return 1;
  }
  if (answer.status >= 400 && answer.status !== 409) {
    const e = answer.body.error;
    console.error(`Refused (${answer.status}): ${e.message}${e.field ? ` [${e.field}]` : ""}`);
    return 1;
  }
  if (values["dry-run"]) {
    const to = answer.body.recipients === undefined ? "" : ` would go to ${answer.body.recipients} recipient(s)`;
    console.log(`Dry run for ${date}: "${answer.body.subject}"${to}. Nothing was sent.`);
    printVariants(answer.body.variants, answer.body.subject);
    if (answer.body.summarized?.length) console.log(`Shown as summaries to fit the size budget: ${answer.body.summarized.join(", ")}`);
    return 0;
  }
  let send: SendView = answer.status === 409 ? answer.body.send! : answer.body;
  if (answer.status === 409) console.log(`${date} already has a send (#${send.id}, ${send.status}); showing its progress.`);
  else console.log(`Send #${send.id} started: "${send.subject}"`);

  const bar = new SingleBar({
    format: "{bar} {percentage}% | sent {sent} · failed {failed} · pending {pending} | {rate}/s | ETA {eta_formatted} | {status}",
    hideCursor: true,
    etaBuffer: 20,
  });
  let detached = false;
  process.once("SIGINT", () => {
    detached = true;
  });
  bar.start(Math.max(1, send.total), 0, values2(send));
  while (!FINAL.has(send.status) && !detached) {
    await new Promise((r) => setTimeout(r, Number(values["poll-ms"])));
    const next = await client.request<SendView>("GET", `/api/sends/${send.id}`);
    if (next.status !== 200) break;
    send = next.body;
    bar.setTotal(Math.max(1, send.total));
    bar.update(send.total - send.pending, values2(send));
  }
  bar.stop();
  if (detached) {
    console.log(`Stopped watching. Send #${send.id} goes on; see GET /api/sends/${send.id}.`);
    return 0;
  }
  console.log(
    `Send #${send.id} ${send.status}${send.reason ? ` (${send.reason})` : ""}: ${send.sent} sent, ${send.failed} failed, ${send.skipped} skipped, ${send.unknown} unknown, ${send.pending} pending of ${send.total}.`,
  );
  printVariants(send.variants, send.subject);
  if (send.unknown > 0) console.log("Unknown: SES never answered for these; they may or may not have arrived, and are not re-sent.");
  if (send.failed > 0) console.log(`To retry the failed: POST /api/sends/${send.id}/retry-failed`);
  return send.status === "done" ? 0 : 1;
}

/**
 * A day of several events goes out as one email per combination followed: say which, to how
 * many, whenever that is not simply the send's own email to everyone.
 */
function printVariants(variants: SendView["variants"] | undefined, subject: string | null | undefined): void {
  if (!variants || variants.length === 0 || (variants.length === 1 && variants[0]!.subject === subject)) return;
  for (const v of variants) console.log(`  ${v.recipients} × ${v.events.join(" + ")}: "${v.subject}"`);
}

function values2(send: SendView) {
  // `waiting` (for SES) and `stalled` say why the bar stands still; the reason says more.
  const status = send.status === "waiting" || send.status === "stalled" ? `${send.status}${send.reason ? `: ${send.reason}` : ""}` : send.status;
  return { sent: send.sent, failed: send.failed, pending: send.pending, rate: send.rate.toFixed(1), status };
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
