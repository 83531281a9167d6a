// The Worker bundle holds the index, not the archive: post bodies stay in static assets.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

describe("wrangler deploy --dry-run", () => {
  it("bundles a Worker well inside the size limit, without post bodies", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "herald-bundle-"));
    const run = spawnSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "deploy", "--dry-run", "--outdir", outdir], {
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const bundle = await readFile(join(outdir, "index.js"), "utf8");
    // Cloudflare's limit is 3 MiB gzip on the free plan; stay far below it.
    expect(gzipSync(bundle).length).toBeLessThan(512 * 1024);
    expect(bundle).toContain("KubeCon 2015"); // the index is bundled…
    expect(bundle).not.toContain("Brendan Burns"); // …the bodies are not
    expect(bundle).not.toMatch(/mjml-core|mjml-parser-xml|mjml2html/); // MJML runs at build time only
    expect(bundle).toContain("SendRawEmailCommand"); // the mailer runs inside the Worker
    expect(bundle).not.toContain("new DOMParser"); // the SES SDK's XML parser is the DOM-free one
  }, 60_000);
});
