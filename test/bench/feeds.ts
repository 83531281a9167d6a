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

export async function feedBench(url: string): Promise<string[]> {
  const lines: string[] = [];
  const misses: string[] = [];
  await load(url, "/healthz", {}, 2); // warm-up
  const base = await load(url, "/healthz");
  lines.push("| route | req/s | p99 ms | ratio to /healthz | target |", "|---|---|---|---|---|");
  lines.push(`| /healthz (baseline) | ${base.rps.toFixed(0)} | ${base.p99} | 1.00 | |`);
  for (const path of ["/rss.xml", "/atom.xml", "/feed.json"]) {
    const etag = (await fetch(`${url}${path}`)).headers.get("etag")!;
    const full = await load(url, path);
    const cached = await load(url, path, { "if-none-match": etag });
    lines.push(`| ${path} | ${full.rps.toFixed(0)} | ${full.p99} | ${(full.rps / base.rps).toFixed(2)} | ≥ 0.80 |`);
    lines.push(`| ${path} (304) | ${cached.rps.toFixed(0)} | ${cached.p99} | ${(cached.rps / base.rps).toFixed(2)} | ≥ 0.90 |`);
    if (full.rps / base.rps < 0.8) misses.push(path);
    if (cached.rps / base.rps < 0.9) misses.push(`${path} (304)`);
  }
  lines.push(
    "",
    misses.length === 0
      ? "Targets met: every feed at least 0.8 of the trivial route's throughput, every 304 at least 0.9."
      : `**Target missed** by ${misses.join(", ")}.`,
    "Under `wrangler dev` the local proxy in front of workerd bounds every route alike, so these ratios say what a feed adds to a trivial route of the same Worker; they are not a figure for Cloudflare's edge.",
  );
  return lines;
}
