// Confirmations, import confirmations and alerts go through the queue and the one limiter,
// and what SES does not take is retried, not lost.
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { Mailer } from "../../src/mail/ses-mailer.ts";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { createSend } from "../../src/db/sends.ts";
import { alertAuthors } from "../../src/sending/alerts.ts";
import type { SendMessage } from "../../src/sending/sending-deps.ts";
import { playingSendingDeps } from "./app-at.ts";
import { addSubscribers, clearLedger, config, DAY1_DUE } from "./sending-helpers.ts";
import { confirmLinkIn, inbox, uniqueAddress, uniqueClient, type StoredMail } from "./subscription-helpers.ts";

const AUTH = { Authorization: "Bearer test-author-token-0001" };
const ORIGIN = "http://127.0.0.1:8787";

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeEach(clearLedger);

describe("through the real queue", () => {
  it("a subscribe request's confirmation arrives after the answer, and its link confirms", { timeout: 120_000 }, async () => {
    const email = uniqueAddress();
    const res = await exports.default.fetch(`${ORIGIN}/subscribe`, { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueClient() }, body: JSON.stringify({ email }) });
    expect(res.status).toBe(202);
    const [mail] = await until<StoredMail[]>("the confirmation is in the inbox", async () => ((await inbox(email)).length ? inbox(email) : undefined));
    const confirmed = await exports.default.fetch(`${ORIGIN}${confirmLinkIn(mail!)}`, { method: "POST" });
    expect(confirmed.status).toBe(200);
    expect(await env.DB.prepare("SELECT status FROM subscribers WHERE email = ?1").bind(email).first()).toEqual({ status: "active" });
  });

  // 1,200 SES calls through the queue: CPU-bound in workerd, so several times slower on a
  // loaded 2-core machine (with the node tests running beside it) than alone; the waits say so.
  it("an import of 1,200 pending addresses mails every one of them once, counted by what SES took", { timeout: 300_000 }, async () => {
    const domain = `import-${crypto.randomUUID().slice(0, 8)}.example`;
    const emails = Array.from({ length: 1_200 }, (_, i) => `row${i}@${domain}`);
    const res = await exports.default.fetch(`${ORIGIN}/api/subscribers/import`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/csv" }, body: `email\n${emails.join("\n")}\n` });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { imported: number; importId: string; confirmationsQueued: number };
    expect(report).toMatchObject({ imported: 1_200, confirmationsQueued: 1_200 });
    const counts = await until("every confirmation was taken by SES", async () => {
      const view = (await (await exports.default.fetch(`${ORIGIN}/api/imports/${report.importId}`, { headers: AUTH })).json()) as { confirmations: Record<string, number> };
      return view.confirmations.sent === 1_200 ? view.confirmations : undefined;
    }, 240_000);
    expect(counts).toEqual({ pending: 0, sending: 0, sent: 1_200, failed: 0, skipped: 0 });
    const store = (await (await fetch(`${config.ses.endpoint}/store`)).json()) as { emails: StoredMail[] };
    const perAddress = new Map<string, number>();
    for (const m of store.emails) for (const to of m.destination.to) if (to.endsWith(`@${domain}`)) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(perAddress.size).toBe(1_200);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("alerts", () => {
  const AT = DAY1_DUE + 60_000;
  const refusingAlerts = (real: Mailer): Mailer => ({
    send: async (m) => (m.to === config.alertTo ? { ok: false, kind: "account", code: "AccountSendingPausedException", message: "injected: sending paused" } : real.send(m)),
  });

  async function skippedDayAlert(deps: ReturnType<typeof playingSendingDeps>) {
    await runDailyJob(deps, DAY1_DUE + 7 * 3_600_000); // too late: the day is skipped, and the authors alerted
    const alerts = (await (await exports.default.fetch(`${ORIGIN}/api/alerts?limit=5`, { headers: AUTH })).json()) as { alerts: { id: number; sendId: number; cause: string; state: string; attempts: number; error: string | null; sentAt: string | null }[] };
    return alerts.alerts.find((a) => a.cause === "skipped")!;
  }

  it("an alert SES does not take is retried by the scheduled job, and the API shows its state", async () => {
    await addSubscribers(1);
    const site = { ...config, siteTitle: `Herald ${crypto.randomUUID().slice(0, 8)}` };
    const late = DAY1_DUE + 7 * 3_600_000;
    const refusing = playingSendingDeps(env, site, () => late, { mailer: refusingAlerts(playingSendingDeps(env, site, () => late).mailer) });
    const alert = await skippedDayAlert(refusing);
    expect(alert).toMatchObject({ state: "pending", attempts: 1, sentAt: null });
    expect(alert.error).toContain("AccountSendingPausedException");
    const mails = async () => (await inbox(config.alertTo!)).filter((m) => m.subject.startsWith(`[${site.siteTitle}]`));
    expect(await mails()).toHaveLength(0);

    // The account is back; the next runs of the scheduled job send it, once.
    for (const at of [late + 11 * 60_000, late + 26 * 60_000]) await runDailyJob(playingSendingDeps(env, site, () => at), at);
    expect(await mails()).toHaveLength(1);
    const after = (await (await exports.default.fetch(`${ORIGIN}/api/alerts?limit=5`, { headers: AUTH })).json()) as { alerts: { id: number; state: string; attempts: number; sentAt: string | null }[] };
    expect(after.alerts.find((a) => a.id === alert.id)).toMatchObject({ state: "sent", attempts: 2, sentAt: new Date(late + 11 * 60_000).toISOString() });
  });

  it("an alert SES refuses for a whole day is recorded as failed", async () => {
    const site = { ...config, siteTitle: `Herald ${crypto.randomUUID().slice(0, 8)}` };
    const late = DAY1_DUE + 7 * 3_600_000;
    const always = (at: number) => playingSendingDeps(env, site, () => at, { mailer: refusingAlerts(playingSendingDeps(env, site, () => at).mailer) });
    const alert = await skippedDayAlert(always(late));
    for (const at of [late + 3_600_000, late + 25 * 3_600_000]) await runDailyJob(always(at), at);
    const after = (await (await exports.default.fetch(`${ORIGIN}/api/alerts?limit=5`, { headers: AUTH })).json()) as { alerts: { id: number; state: string; error: string }[] };
    const final = after.alerts.find((a) => a.id === alert.id)!;
    expect(final.state).toBe("failed");
    expect(final.error).toContain("within a day");
  });

  it("GET /api/alerts needs the author token and checks its parameters", async () => {
    expect((await exports.default.fetch(`${ORIGIN}/api/alerts`)).status).toBe(401);
    const bad = await exports.default.fetch(`${ORIGIN}/api/alerts?limit=0`, { headers: AUTH });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "limit" } });
  });

  it("an alert is a message on the queue, never a direct SES call", async () => {
    const { send } = await createSend(env.DB, { kind: "daily", date: "2015-11-20", status: "skipped", reason: "skipped: a test", takesDailySlot: true }, AT);
    const queued: { body: SendMessage }[] = [];
    const called: string[] = [];
    const deps = { ...playingSendingDeps(env, config, () => AT), queue: { sendBatch: async (b: { body: SendMessage }[]) => void queued.push(...b) }, mailer: { send: async (m: { to: string }) => (called.push(m.to), { ok: true as const, messageId: "x" }) } };
    await alertAuthors(deps, send, "skipped", "The daily email was not sent.");
    expect(queued.map((m) => m.body.type)).toEqual(["notices"]);
    expect(called).toEqual([]);
  });
});
