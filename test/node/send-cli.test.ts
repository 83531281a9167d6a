// The author CLI against the locally started Worker.
import { spawn } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { startLocalWorker } from "../support/local-worker.ts";
import { rescueStalledSend } from "../support/queue-rescue.ts";
import { warmUpQueue } from "../support/queue-warm-up.ts";
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

    // --status shows it again, by its id, and ends at once: it is done.
    const id = /Send #(\d+) started/.exec(stdout)![1]!;
    const again = await runCli(["--status", id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Send #${id} (test, 2015-11-10): "[Test] KubeCon 2015 — Day 2`);
    expect(again.stdout).toContain(`Send #${id} done: 2 sent, 0 failed, 0 skipped, 0 unknown, 0 pending of 2.`);
  }, SENDING_TEST_MS);

  it("--status of a send that does not exist says so; --status with a date or no number is a usage error", async () => {
    const none = await runCli(["--status", "987654321"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("There is no send #987654321 at");
    for (const args of [["--status", "abc"], ["2015-11-10", "--status", "1"]]) {
      const bad = await runCli(args);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("npm run send -- --status <send id>");
    }
  });

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

describe("npm run send with delivery times", () => {
  // Its own Worker: recipients who want their mail hours from now would hold up the shared one's sends.
  it("the dry run counts who is due when; the send goes out to the rest, then the CLI stops following with when the last is due, and --status shows it waiting", async () => {
    const worker = await startLocalWorker({ SES_ENDPOINT: sesUrl }, process.cwd(), { logName: "send-cli-scheduled" });
    try {
      await warmUpQueue(worker.url);
      const cli = (args: string[]) => runCli(args, { HERALD_URL: worker.url, TZ: "UTC" });
      // Six hours from now in UTC: far beyond the test, never within the hour the send is made.
      const later = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(11, 16);
      const tag = crypto.randomUUID().slice(0, 6);
      const asap = [0, 1, 2].map((i) => `now-${i}-${tag}@example.com`);
      const scheduled = [0, 1].map((i) => `later-${i}-${tag}@example.com`);
      const csv = ["email,delivery,zone", ...asap.map((a) => `${a},asap,`), ...scheduled.map((a) => `${a},${later},UTC`)].join("\n");
      const imported = await fetch(`${worker.url}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { Authorization: "Bearer test-author-token-0001", "Content-Type": "text/csv" }, body: csv });
      expect(imported.status).toBe(200);

      const dry = await cli(["2015-11-10", "--dry-run"]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain("Due: 3 at once, 2 later at their recipients' own times, per hour:");
      expect(dry.stdout).toMatch(/\n {2}\S.* – .*: 2\n/);

      const stop = rescueStalledSend(worker.url, worker.stateDir);
      const sent = await cli(["2015-11-10"]).finally(stop);
      expect(sent.code, sent.stderr).toBe(0);
      const id = /Send #(\d+) started/.exec(sent.stdout)![1]!;
      expect(sent.stdout).toMatch(new RegExp(`Send #${id} waiting for its recipients' times: 3 sent, 0 failed, 0 skipped, 0 unknown, 0 pending, 2 scheduled \\(next .*${later} UTC\\+00:00\\) of 5\\.`));
      expect(sent.stdout).toContain(`The last is due at`);
      expect(sent.stdout).toContain(`To look again: npm run send -- --status ${id}`);

      const status = await cli(["--status", id]);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(`Send #${id} waiting for its recipients' times: 3 sent`);

      // The three who wanted it at once have it; the two who chose a time do not, yet.
      const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
      const got = (a: string) => store.emails.filter((m) => m.destination.to.includes(a)).length;
      expect(asap.map(got)).toEqual([1, 1, 1]);
      expect(scheduled.map(got)).toEqual([0, 0]);
    } finally {
      await worker.stop();
    }
  }, SENDING_TEST_MS);
});
