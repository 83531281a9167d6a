// The author CLI against the locally started Worker.
import { spawn } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { rescueStalledSend } from "../support/queue-rescue.ts";
import { SENDING_TEST_MS } from "../support/send-timeouts.ts";

const base = inject("baseUrl");
const sesUrl = inject("sesUrl");
const stateDir = inject("stateDir");

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/send.ts", ...args, "--poll-ms", "200"], {
      env: { ...process.env, HERALD_URL: base, HERALD_TOKEN: "test-author-token-0001", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run send", () => {
  it("a dry run says who would get what and sends nothing", async () => {
    const { code, stdout } = await runCli(["2015-11-10", "--dry-run"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Dry run for 2015-11-10: "Herald Recaps, Tuesday, November 10, 2015: KubeCon 2015 — Day 2: Stateful apps, secrets and autoscaling \(\+1 more\)" would go to \d+ recipient\(s\)\. Nothing was sent\./);
  });

  it("a small real test send of one variant runs to the end with a progress bar and a summary, and the mail arrives", async () => {
    const to = [`cli-a-${crypto.randomUUID().slice(0, 6)}@example.com`, `cli-b-${crypto.randomUUID().slice(0, 6)}@example.com`];
    const stop = rescueStalledSend(base, stateDir);
    const { code, stdout } = await runCli(["2015-11-10", "--to", to[0]!, "--to", to[1]!, "--events", "kubecon-2015"]).finally(stop);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Send #\d+ started: "\[Test\] KubeCon 2015 — Day 2/);
    expect(stdout).toMatch(/Send #\d+ done: 2 sent, 0 failed, 0 skipped, 0 unknown, 0 pending of 2\./);
    const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
    for (const a of to) expect(store.emails.filter((m) => m.destination.to.includes(a)).map((m) => m.subject)).toEqual(["[Test] KubeCon 2015 — Day 2: Stateful apps, secrets and autoscaling"]);
  }, SENDING_TEST_MS);

  it("explains a refused token, a bad date and a missing date", async () => {
    const denied = await runCli(["2015-11-10", "--dry-run"], { HERALD_TOKEN: "wrong-token-0000000000" });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("The author token was refused");
    const bad = await runCli(["2015-02-30", "--dry-run"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Refused (400): date must be a real calendar date written YYYY-MM-DD [date]");
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: npm run send -- <YYYY-MM-DD>");
  });

  it("says clearly when Herald is not running", async () => {
    const { code, stderr } = await runCli(["2015-11-10", "--dry-run"], { HERALD_URL: "http://127.0.0.1:9" });
    expect(code).toBe(1);
    expect(stderr).toContain("Cannot reach Herald at http://127.0.0.1:9");
  });
});
