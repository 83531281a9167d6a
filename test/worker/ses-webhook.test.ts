// SNS notifications, signed here with a locally made certificate served by an injected
// fetcher, as Amazon SNS signs them (see sns-signing.ts).
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { startDailySend } from "../../src/sending/start-send.ts";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, capturingQueue, clearLedger, DAY1, DAY1_DUE, drain, ledger, testDeps } from "./sending-helpers.ts";
import { CERT_URL, signedSns, snsFetcher } from "./sns-signing.ts";

const NOW = Date.parse("2026-11-26T10:00:00Z");

let fetched: string[] = [];
const fetcher = (url: string) => snsFetcher(fetched)(url);
const signed = (fields: Record<string, string>, version: "1" | "2" = "2", keyPem?: string) => signedSns(fields, NOW, version, keyPem);

const bounce = (email: string, bounceType: string, messageId = "ses-" + crypto.randomUUID()) =>
  signed({ Type: "Notification", Message: JSON.stringify({ notificationType: "Bounce", mail: { messageId }, bounce: { bounceType, bouncedRecipients: [{ emailAddress: email }] } }) });
const complaint = (email: string) =>
  signed({ Type: "Notification", Message: JSON.stringify({ notificationType: "Complaint", mail: { messageId: "ses-x" }, complaint: { complainedRecipients: [{ emailAddress: email }] } }) });

const signedBounce = (email: string, fields: Record<string, string>) =>
  signed({ Type: "Notification", Message: JSON.stringify({ notificationType: "Bounce", mail: { messageId: "m" }, bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: email }] } }), ...fields });

const post = (body: unknown, at = NOW) => fetchAt(at, "/webhooks/ses", { method: "POST", headers: { "Content-Type": "text/plain; charset=UTF-8" }, body: typeof body === "string" ? body : JSON.stringify(body) }, {}, { fetch: fetcher });
const statusOf = async (email: string) => (await env.DB.prepare("SELECT status FROM subscribers WHERE email = ?1").bind(email).first<{ status: string }>())?.status;

beforeEach(async () => {
  await clearLedger();
  fetched = [];
});

describe("POST /webhooks/ses", () => {
  it("a permanent bounce marks exactly that subscriber bounced, found by the SES message id", async () => {
    const [victim, bystander] = await addSubscribers(2);
    await env.DB.prepare("INSERT INTO sends (kind, date, status, created_at, updated_at) VALUES ('test', '2015-11-09', 'done', 0, 0)").run();
    const sendId = (await env.DB.prepare("SELECT MAX(id) AS id FROM sends").first<{ id: number }>())!.id;
    await env.DB.prepare("INSERT INTO deliveries (send_id, subscriber_id, email, status, message_id, updated_at) VALUES (?1, ?2, ?3, 'sent', 'ses-123', 0)").bind(sendId, victim!.id, victim!.email).run();
    // The bounce names an address Herald does not know (a forward, say): the message id finds the row.
    const res = await post(await bounce("forwarded-alias@elsewhere.example", "Permanent", "ses-123"));
    expect(res.status).toBe(200);
    expect(await statusOf(victim!.email)).toBe("bounced");
    expect(await statusOf(bystander!.email)).toBe("active");
    expect((await ledger(sendId))[0]!.error).toBe("bounce (Permanent)");
  });

  it("a complaint marks the subscriber complained, not bounced", async () => {
    const [person] = await addSubscribers(1);
    expect((await post(await complaint(person!.email))).status).toBe(200);
    expect(await env.DB.prepare("SELECT status, complained_at, bounced_at FROM subscribers WHERE id = ?1").bind(person!.id).first()).toEqual({ status: "complained", complained_at: NOW, bounced_at: null });
  });

  it("transient bounces are counted, and only the third within a month suppresses", async () => {
    const [person] = await addSubscribers(1);
    for (const expected of ["active", "active", "bounced"]) {
      expect((await post(await bounce(person!.email, "Transient"))).status).toBe(200);
      expect(await statusOf(person!.email)).toBe(expected);
    }
  });

  it("accepts signature versions 1 (SHA-1) and 2 (SHA-256), fetching the certificate once", async () => {
    const [a, b] = await addSubscribers(2);
    const v1 = await signed({ Type: "Notification", Message: JSON.stringify({ notificationType: "Complaint", mail: { messageId: "m" }, complaint: { complainedRecipients: [{ emailAddress: a!.email }] } }) }, "1");
    expect((await post(v1)).status).toBe(200);
    expect((await post(await complaint(b!.email))).status).toBe(200);
    expect(fetched.filter((u) => u === CERT_URL).length).toBeLessThanOrEqual(1); // cached (maybe by an earlier test)
    expect([await statusOf(a!.email), await statusOf(b!.email)]).toEqual(["complained", "complained"]);
  });

  it("a suppressed address is skipped by the next send", async () => {
    const [bounced, fine] = await addSubscribers(2);
    await post(await bounce(bounced!.email, "Permanent"));
    const q = capturingQueue();
    const deps = testDeps(() => DAY1_DUE + 60_000, { queue: q.queue });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await drain(q, deps);
    expect((await ledger(send.id)).map((r) => r.email)).toEqual([fine!.email]);
  });

  it("confirms a subscription only through a SubscribeURL on the signing SNS host", async () => {
    const good = await signed({ Type: "SubscriptionConfirmation", Message: "confirm", Token: "t", SubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t" });
    expect((await post(good)).status).toBe(200);
    expect(fetched).toContain(good.SubscribeURL);
    fetched = [];
    for (const url of ["https://evil.example/?Action=ConfirmSubscription", "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription", "http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription"]) {
      const bad = await signed({ Type: "SubscriptionConfirmation", Message: "confirm", Token: "t", SubscribeURL: url });
      expect((await post(bad)).status).toBe(403);
    }
    expect(fetched.filter((u) => u.includes("ConfirmSubscription"))).toEqual([]);
  });

  describe("refuses, changing nothing", () => {
    const otherKey = async () => {
      const pair = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
      const der = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
      return `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...der))}\n-----END PRIVATE KEY-----`;
    };

    it.each([
      ["a forged signature", async (e: string) => ({ ...(await bounce(e, "Permanent")), Signature: btoa("forged") }), 403],
      ["a message signed by another key", async (e: string) => signed({ Type: "Notification", Message: JSON.stringify({ notificationType: "Bounce", mail: { messageId: "m" }, bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: e }] } }) }, "2", await otherKey()), 403],
      ["a tampered message", async (e: string) => ({ ...(await complaint("someone@example.com")), Message: JSON.stringify({ notificationType: "Bounce", mail: { messageId: "m" }, bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: e }] } }) }), 403],
      ["no signature", async (e: string) => { const { Signature: _, ...rest } = await bounce(e, "Permanent"); return rest; }, 400],
      ["a foreign topic, properly signed", async (e: string) => signedBounce(e, { TopicArn: "arn:aws:sns:us-east-1:999999999999:other" }), 403],
      ["a certificate off SNS", async (e: string) => signedBounce(e, { SigningCertURL: "https://evil.example/cert.pem" }), 403],
      ["a look-alike host", async (e: string) => signedBounce(e, { SigningCertURL: "https://sns.us-east-1.amazonaws.com.evil.example/c.pem" }), 403],
      ["a plain-http certificate", async (e: string) => signedBounce(e, { SigningCertURL: CERT_URL.replace("https", "http") }), 403],
      ["a certificate from another region", async (e: string) => signedBounce(e, { SigningCertURL: "https://sns.eu-west-1.amazonaws.com/c.pem" }), 403],
      ["a certificate URL with a query", async (e: string) => signedBounce(e, { SigningCertURL: `${CERT_URL}?n=1` }), 403],
      ["a MessageId smuggling another field", async (e: string) => signedBounce(e, { MessageId: `${crypto.randomUUID()}\nSubject\nx` }), 400],
      ["a stale timestamp", async (e: string) => signed({ Type: "Notification", Timestamp: new Date(NOW - 2 * 3600_000).toISOString(), Message: JSON.stringify({ notificationType: "Complaint", mail: { messageId: "m" }, complaint: { complainedRecipients: [{ emailAddress: e }] } }) }), 400],
      ["a malformed SES notification", async () => signed({ Type: "Notification", Message: "not json" }), 400],
      ["not JSON at all", async () => "<xml/>", 400],
    ] as const)("%s", async (_, make, status) => {
      const [person] = await addSubscribers(1);
      const res = await post(await make(person!.email));
      expect(res.status).toBe(status);
      expect(await statusOf(person!.email)).toBe("active");
    });

    it("fetches no certificate for a message it refuses on its URL or topic", async () => {
      const [person] = await addSubscribers(1);
      fetched = [];
      for (const fields of [{ SigningCertURL: "https://evil.example/cert.pem" }, { TopicArn: "arn:aws:sns:us-east-1:999999999999:other" }] as Record<string, string>[]) {
        expect((await post(await signedBounce(person!.email, fields))).status).toBe(403);
      }
      expect(fetched).toEqual([]);
    });

    it("a replayed message", async () => {
      const [person] = await addSubscribers(1);
      const message = await bounce(person!.email, "Transient");
      expect((await post(message)).status).toBe(200);
      expect((await post(message)).status).toBe(409);
      expect(await env.DB.prepare("SELECT transient_bounces FROM subscribers WHERE id = ?1").bind(person!.id).first()).toEqual({ transient_bounces: 1 });
    });
  });
});
