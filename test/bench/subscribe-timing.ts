// Does the answer to POST /subscribe tell whether an address is on the list? Requests for
// new, pending, active, unsubscribed, complained and honeypot addresses are interleaved in
// a shuffled order against one locally started Worker (a slow spell of the machine hits
// every kind alike), and each kind's median is compared with the others' spread.
import { spawnSync } from "node:child_process";
import { startLocalWorker } from "../support/local-worker.ts";
import { startSesEmulator } from "../support/ses-endpoints.ts";
import { median } from "./feeds.ts";

const KINDS = ["new", "pending", "active", "unsubscribed", "complained", "honeypot"] as const;
type Kind = (typeof KINDS)[number];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  return s[Math.floor(i)]! + (s[Math.ceil(i)]! - s[Math.floor(i)]!) * (i - Math.floor(i));
};

function seed(stateDir: string, sql: string): void {
  const run = spawnSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "d1", "execute", "DB", "--local", "--persist-to", stateDir, "--command", sql], {
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`seeding failed: ${run.stderr}`);
}

export async function subscribeTimingBench(rounds = 40): Promise<string[]> {
  const ses = await startSesEmulator();
  const worker = await startLocalWorker({ SES_ENDPOINT: ses.url });
  try {
    const run = crypto.randomUUID().slice(0, 6);
    const address = (kind: Kind, i: number) => `${kind}-${i}-${run}@timing.example`;
    const rows: string[] = [];
    for (let i = 0; i < rounds + 5; i++) {
      for (const kind of ["pending", "active", "unsubscribed", "complained"] as const) {
        rows.push(`('${address(kind, i)}', '${kind}', 'bench', 0, 0${kind === "complained" ? ", strftime('%s','now') * 1000" : ", NULL"})`);
      }
    }
    seed(worker.stateDir, `INSERT INTO subscribers (email, status, source, created_at, updated_at, complained_at) VALUES ${rows.join(", ")};`);

    let client = 0;
    const time = async (kind: Kind, i: number): Promise<number> => {
      const body = { email: address(kind, i), ...(kind === "honeypot" ? { website: "http://spam.example" } : {}) };
      const started = performance.now();
      const res = await fetch(`${worker.url}/subscribe`, {
        method: "POST",
        // A client address of its own per request, so the per-client limit never answers instead.
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": `198.18.${Math.floor(client / 250)}.${(client++ % 250) + 1}` },
        body: JSON.stringify(body),
      });
      await res.text();
      const ms = performance.now() - started;
      if (res.status !== 202) throw new Error(`${kind}: ${res.status}`);
      return ms;
    };
    // Warm-up: the first requests pay for the isolate, D1 and the queue starting.
    for (let i = 0; i < 5; i++) for (const kind of KINDS) await time(kind, rounds + i);

    const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    for (let i = 0; i < rounds; i++) {
      const order = [...KINDS].sort(() => Math.random() - 0.5);
      for (const kind of order) times.get(kind)!.push(await time(kind, i));
    }

    const stats = KINDS.map((kind) => {
      const xs = times.get(kind)!;
      return { kind, median: median(xs), q1: quantile(xs, 0.25), q3: quantile(xs, 0.75), iqr: quantile(xs, 0.75) - quantile(xs, 0.25) };
    });
    const worst = { gap: 0, pair: "", allowed: Infinity };
    let met = true;
    for (const a of stats) {
      for (const b of stats) {
        if (a.kind >= b.kind) continue;
        const gap = Math.abs(a.median - b.median);
        const allowed = Math.min(a.iqr, b.iqr);
        if (gap >= allowed) met = false;
        if (gap / allowed > worst.gap / worst.allowed || worst.pair === "") Object.assign(worst, { gap, pair: `${a.kind} / ${b.kind}`, allowed });
      }
    }
    const base = stats.find((s) => s.kind === "new")!.median;
    return [
      `${rounds} requests per kind, interleaved in a shuffled order, each from a client address of its own; time from sending the request to the end of the answer, on 127.0.0.1.`,
      "",
      "| address | median ms | q1 | q3 | IQR | median ÷ new |",
      "|---|---|---|---|---|---|",
      ...stats.map((s) => `| ${s.kind} | ${s.median.toFixed(2)} | ${s.q1.toFixed(2)} | ${s.q3.toFixed(2)} | ${s.iqr.toFixed(2)} | ${(s.median / base).toFixed(2)} |`),
      "",
      met
        ? `Target met: every two medians differ by less than the smaller interquartile range of the two (closest call: ${worst.pair}, ${worst.gap.toFixed(2)} ms against ${worst.allowed.toFixed(2)} ms).`
        : `**Target missed**: ${worst.pair} differ by ${worst.gap.toFixed(2)} ms, more than the smaller IQR (${worst.allowed.toFixed(2)} ms).`,
      "Before the answer every valid request does the same work: the per-client count in D1 and one queue message; what the address's state changes happens in the queue consumer afterwards.",
    ];
  } finally {
    await worker.stop();
    await ses.close();
  }
}
