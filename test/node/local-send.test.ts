// The whole path on a locally started Worker (wrangler dev: local D1, the queue, the
// limiter) and the local SES endpoint: subscribe, confirm, trigger the day's send, read
// the mail in the inbox.
import { simpleParser } from "mailparser";
import { describe, expect, inject, it } from "vitest";
import { rescueStalledSend } from "../support/queue-rescue.ts";
import { SEND_CONDITION_MS, SENDING_TEST_MS } from "../support/send-timeouts.ts";
import { mailFor as mailTo } from "../support/local-inbox.ts";

const base = inject("baseUrl");
const sesUrl = inject("sesUrl");
const stateDir = inject("stateDir");
const auth = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" };

const mailFor = (address: string) => mailTo(sesUrl, address);

describe("a local send, end to end", () => {
  it("subscribe, confirm, trigger the day's send, and the email is in the local inbox", async () => {
    const email = `local-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const res = await fetch(`${base}/subscribe`, { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": "192.0.2.77" }, body: JSON.stringify({ email }) });
    expect(res.status).toBe(202);
    await expect.poll(async () => (await mailFor(email)).length, { timeout: SEND_CONDITION_MS }).toBe(1);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/confirm\?token=[A-Za-z0-9._%-]+)/.exec((await mailFor(email))[0]!.body.text)![1]!;
    expect((await fetch(link, { method: "POST" })).status).toBe(200);

    const send = await fetch(`${base}/api/sends`, { method: "POST", headers: auth, body: JSON.stringify({ date: "2015-11-11" }) });
    expect([202, 409]).toContain(send.status); // 409 if another run of this suite already sent the day
    const { id } = send.status === 202 ? ((await send.json()) as { id: number }) : ((await send.json()) as { send: { id: number } }).send;
    const stop = rescueStalledSend(base, stateDir, 10_000, id);
    await expect
      .poll(async () => ((await (await fetch(`${base}/api/sends/${id}`, { headers: auth })).json()) as { status: string }).status, { timeout: SEND_CONDITION_MS })
      .toBe("done")
      .finally(stop);

    const daily = (await mailFor(email)).filter((m) => m.subject.startsWith("KubeCon 2015 — Day 3"));
    expect(daily).toHaveLength(1);
    expect(daily[0]!.body.text).toContain("Hallway track:");
    expect(daily[0]!.body.html).toMatch(/unsubscribe\?token=/);
  }, SENDING_TEST_MS);
});
