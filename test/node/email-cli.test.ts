import { spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";

const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "src/cli/email.ts", ...args], { encoding: "utf8" });

describe("npm run email", () => {
  it("writes a day's HTML, text and .eml", async () => {
    const out = await mkdtemp(join(tmpdir(), "herald-email-"));
    const result = run(["2015-11-10", "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    // The day holds two events' posts: the subject names the site and the day.
    const subject = "Herald Recaps, Tuesday, November 10, 2015: KubeCon 2015 — Day 2: Stateful apps, secrets and autoscaling (+1 more)";
    expect(result.stdout).toContain(subject);
    expect(await readFile(join(out, "2015-11-10.html"), "utf8")).toContain("<!doctype html>");
    expect(await readFile(join(out, "2015-11-10.txt"), "utf8")).toContain("Contents\n========");
    const mail = await simpleParser(await readFile(join(out, "2015-11-10.eml")));
    expect(mail.subject).toBe(subject);
  });

  it("explains a bad or empty date and exits non-zero", () => {
    const bad = run(["11/10/2015"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Usage: npm run email -- <YYYY-MM-DD>");
    const empty = run(["2015-11-12"]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain("No published posts for 2015-11-12");
  });
});
