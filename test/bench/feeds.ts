// Feed serving on the locally started Worker: requests per second and p99 latency of each
// feed, and of its 304 path, against a trivial route of the same Worker, in the same run.
import autocannon from "autocannon";

export interface LoadResult {
  path: string;
  rps: number;
  p99: number;
}

export async function load(url: string, path: string, headers: Record<string, string> = {}, seconds = 5): Promise<LoadResult> {
  const result = await autocannon({ url: `${url}${path}`, connections: 20, duration: seconds, headers });
  if (result.non2xx > 0 && !headers["if-none-match"]) throw new Error(`${path}: ${result.non2xx} non-2xx answers`);
  return { path, rps: result.requests.average, p99: result.latency.p99 };
}

/** The middle value (the upper one of two); NaN for none. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Each feed is measured in five rounds of baseline, feed, 304, 3 s each, and the ratios
 * taken round by round: a slow spell of the machine then hits a feed and its baseline alike.
 */
export async function feedBench(url: string, rounds = 5, seconds = 3): Promise<string[]> {
  await load(url, "/healthz", {}, 2); // warm-up
  const rows: string[] = [];
  const bases: LoadResult[] = [];
  const misses: string[] = [];
  for (const path of ["/rss.xml", "/atom.xml", "/feed.json"]) {
    const etag = (await fetch(`${url}${path}`)).headers.get("etag")!;
    await load(url, path, {}, 1); // warm-up
    const runs: { base: LoadResult; full: LoadResult; cached: LoadResult }[] = [];
    for (let r = 0; r < rounds; r++) {
      const base = await load(url, "/healthz", {}, seconds);
      const full = await load(url, path, {}, seconds);
      const cached = await load(url, path, { "if-none-match": etag }, seconds);
      runs.push({ base, full, cached });
      bases.push(base);
    }
    const fullRatio = median(runs.map((x) => x.full.rps / x.base.rps));
    const cachedRatio = median(runs.map((x) => x.cached.rps / x.base.rps));
    rows.push(`| ${path} | ${median(runs.map((x) => x.full.rps)).toFixed(0)} | ${median(runs.map((x) => x.full.p99))} | ${fullRatio.toFixed(2)} | ≥ 0.80 |`);
    rows.push(`| ${path} (304) | ${median(runs.map((x) => x.cached.rps)).toFixed(0)} | ${median(runs.map((x) => x.cached.p99))} | ${cachedRatio.toFixed(2)} | ≥ 0.90 |`);
    if (fullRatio < 0.8) misses.push(path);
    if (cachedRatio < 0.9) misses.push(`${path} (304)`);
  }
  return [
    `Medians of ${rounds} rounds per feed; each round measures /healthz, the feed and its 304 back to back, ${seconds} s each, and the ratio is taken within the round.`,
    "",
    "| route | req/s | p99 ms | ratio to /healthz | target |",
    "|---|---|---|---|---|",
    `| /healthz (baseline) | ${median(bases.map((b) => b.rps)).toFixed(0)} | ${median(bases.map((b) => b.p99))} | 1.00 | |`,
    ...rows,
    "",
    misses.length === 0
      ? "Targets met: every feed at least 0.8 of the trivial route's throughput, every 304 at least 0.9."
      : `**Target missed** by ${misses.join(", ")}.`,
    "Under `wrangler dev` the local proxy in front of workerd bounds every route alike, so these ratios say what a feed adds to a trivial route of the same Worker; they are not a figure for Cloudflare's edge.",
  ];
}
