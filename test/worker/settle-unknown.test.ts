// SES's Send, Delivery, Bounce and Complaint events settle rows whose fate is not yet known
// (unknown, or still in flight): the events carry the headers Herald handed SES, and
// Herald's Message-ID in them names the row.
// The events are built from the raw MIME the SES endpoint really received, and signed as
// SNS signs them.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { fetchAt } from "./app-at.ts";
import { AT, sentWithLostAnswers } from "./lost-answers.ts";
import { addSubscribers, capturingQueue, clearLedger, config, copies, DAY1, drain, ledger, testDeps } from "./sending-helpers.ts";
import { rawMessagesTo } from "./ses-raw.ts";
import { signedSns, snsFetcher } from "./sns-signing.ts";

beforeEach(clearLedger);
const NOW = Date.parse("2026-11-26T10:00:00Z");
const auth = { Authorization: "Bearer test-author-token-0001" };

/** The header section of a raw message as SES lists it in an event: `{ name, value }`, unfolded. */
function headersOf(raw: string): { name: string; value: string }[] {
  const head = raw.split("\r\n\r\n")[0]!.replace(/\r\n[ \t]+/g, " ");
  return head.split("\r\n").map((line) => ({ name: line.slice(0, line.indexOf(":")), value: line.slice(line.indexOf(":") + 1).trim() }));
}

type Kind = "Send" | "Delivery" | "Bounce" | "Complaint";

/**
 * The event SES publishes for the message Herald handed it for `to` (its first copy), in the
 * documented shape: `eventType` from a configuration set's destination, or `notificationType`
 * (with only commonHeaders) from an identity's notifications.
 */
async function sesEvent(kind: Kind, to: string, opts: { sesMessageId?: string; messageId?: string; style?: "event" | "notification" } = {}) {
  const headers = headersOf((await rawMessagesTo(to))[0]!);
  const messageId = opts.messageId ?? headers.find((h) => h.name === "Message-ID")!.value;
  const withOwnId = headers.map((h) => (h.name === "Message-ID" ? { ...h, value: messageId } : h));
  const sesMessageId = opts.sesMessageId ?? `0100019${crypto.randomUUID()}-000000`;
  const commonHeaders = { from: ["Herald <recaps@example.org>"], to: [to], messageId, subject: headers.find((h) => h.name === "Subject")!.value };
  const mail = { timestamp: new Date(NOW - 120_000).toISOString(), source: "recaps@example.org", messageId: sesMessageId, destination: [to], headersTruncated: false, commonHeaders };
  const detail = {
    Send: { send: {} },
    Delivery: { delivery: { timestamp: new Date(NOW - 90_000).toISOString(), processingTimeMillis: 812, recipients: [to], smtpResponse: "250 2.0.0 OK", reportingMTA: "a8-1.smtp-out.amazonses.com" } },
    Bounce: { bounce: { bounceType: "Permanent", bounceSubType: "General", bouncedRecipients: [{ emailAddress: to }], timestamp: new Date(NOW - 90_000).toISOString(), feedbackId: "f-1" } },
    Complaint: { complaint: { complainedRecipients: [{ emailAddress: to }], timestamp: new Date(NOW - 90_000).toISOString(), feedbackId: "f-2" } },
  }[kind];
  const body = opts.style === "notification" ? { notificationType: kind, mail, ...detail } : { eventType: kind, mail: { ...mail, headers: withOwnId }, ...detail };
  return { sesMessageId, message: await signedSns({ Type: "Notification", Message: JSON.stringify(body) }, NOW) };
}

const post = (message: unknown) =>
  fetchAt(NOW, "/webhooks/ses", { method: "POST", headers: { "Content-Type": "text/plain; charset=UTF-8" }, body: JSON.stringify(message) }, {}, { fetch: snsFetcher() });
const row = async (sendId: number, i: number) => (await ledger(sendId))[i]!;
const messageIdOf = async (id: number) => (await env.DB.prepare("SELECT message_id FROM deliveries WHERE id = ?1").bind(id).first<{ message_id: string | null }>())!.message_id;
const view = async (sendId: number) => (await (await fetchAt(NOW, `/api/sends/${sendId}`, { headers: auth })).json()) as Record<string, unknown>;

describe("settling unknown rows from SES's events", () => {
  it("a signed Send event settles an unknown row to sent, with SES's message id", async () => {
    const { people, send } = await sentWithLostAnswers(3, { taken: [1] });
    const unknown = await row(send.id, 1);
    expect(unknown.status).toBe("unknown");
    expect(await messageIdOf(unknown.id)).toBeNull();
    const { sesMessageId, message } = await sesEvent("Send", people[1]!.email);
    const res = await post(message);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "processed", settled: { sendId: send.id, deliveryId: unknown.id } });
    expect(await row(send.id, 1)).toMatchObject({ status: "sent", error: "settled by SES's Send event, which shows SES took the message" });
    expect(await messageIdOf(unknown.id)).toBe(sesMessageId);
    expect(await view(send.id)).toMatchObject({ status: "done", sent: 3, unknown: 0 });
  });

  it("a Delivery event does too, also as an identity's notification that carries only commonHeaders", async () => {
    const { people, send } = await sentWithLostAnswers(3, { taken: [0, 2] });
    const asEvent = await sesEvent("Delivery", people[0]!.email);
    expect((await post(asEvent.message)).status).toBe(200);
    const asNotification = await sesEvent("Delivery", people[2]!.email, { style: "notification" });
    expect((await post(asNotification.message)).status).toBe(200);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(await messageIdOf((await row(send.id, 0)).id)).toBe(asEvent.sesMessageId);
    expect(await messageIdOf((await row(send.id, 2)).id)).toBe(asNotification.sesMessageId);
  });

  it("an event for a Message-ID Herald does not know, or for a row already sent, changes nothing", async () => {
    const { people, send } = await sentWithLostAnswers(2, { taken: [1] });
    const before = await ledger(send.id);
    const sentMessageId = await messageIdOf(before[0]!.id);
    const events = [
      await sesEvent("Send", people[1]!.email, { messageId: `<herald.s${send.id}.d999999@example.org>` }), // no such row
      await sesEvent("Send", people[1]!.email, { messageId: `<herald.s${send.id + 1}.d${before[1]!.id}@example.org>` }), // the row is of another send
      await sesEvent("Delivery", people[1]!.email, { messageId: "<0100019abc-def@email.amazonses.com>" }), // not Herald's
      await sesEvent("Send", people[0]!.email), // the row is sent already
      await sesEvent("Delivery", people[0]!.email, { style: "notification" }),
    ];
    for (const { message } of events) {
      const res = await post(message);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "processed", settled: null });
    }
    expect(await ledger(send.id)).toEqual(before);
    expect(await messageIdOf(before[0]!.id)).toBe(sentMessageId);
    expect(await messageIdOf(before[1]!.id)).toBeNull();
  });

  it("a bounce for an unknown row proves it was sent: settled, then the bounce applies as always", async () => {
    const { people, send } = await sentWithLostAnswers(2, { taken: [0] });
    const { sesMessageId, message } = await sesEvent("Bounce", people[0]!.email);
    expect((await post(message)).status).toBe(200);
    expect(await row(send.id, 0)).toMatchObject({ status: "sent", error: "bounce (Permanent)" });
    expect(await messageIdOf((await row(send.id, 0)).id)).toBe(sesMessageId);
    const status = await env.DB.prepare("SELECT status FROM subscribers WHERE id = ?1").bind(people[0]!.id).first<{ status: string }>();
    expect(status!.status).toBe("bounced");
  });

  it("a Send event that comes while the call is still in flight settles the row, and the lost answer recorded after it changes nothing", async () => {
    const people = await addSubscribers(2);
    const real = sesMailer(config.ses);
    let sendId = 0;
    let statusDuringCall: string | undefined;
    let sesMessageId: string | undefined;
    // SES takes the message and publishes its Send event; the answer to Herald is lost.
    const mailer: Mailer = {
      async send(m) {
        const answer = await real.send(m);
        // A call held past its slot was not made (it comes back): only a made call loses its answer.
        if (m.to !== people[1]!.email || (!answer.ok && answer.kind === "late")) return answer;
        statusDuringCall = (await row(sendId, 1)).status;
        sesMessageId = answer.ok ? answer.messageId : undefined;
        expect((await post((await sesEvent("Send", m.to, { sesMessageId })).message)).status).toBe(200);
        return { ok: false, kind: "unknown", code: "NetworkingError", message: "injected: the answer never came back" };
      },
    };
    const q = capturingQueue();
    const deps = testDeps(() => AT, { queue: q.queue, mailer });
    const { send } = await startDailySend(deps, DAY1, "daily");
    sendId = send.id;
    await drain(q, deps);
    expect(statusDuringCall).toBe("sending");
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(await messageIdOf((await row(send.id, 1)).id)).toBe(sesMessageId);
    expect(await view(send.id)).toMatchObject({ status: "done", sent: 2, unknown: 0 });
  });

  it("a Send event for a row already queued again by resend-unknown settles it, and the second copy never goes out", async () => {
    const { people, q, deps, send, subject } = await sentWithLostAnswers(2, { taken: [1] });
    await env.DB.prepare("UPDATE sends SET status = 'paused' WHERE id = ?1").bind(send.id).run();
    const resent = await fetchAt(AT, `/api/sends/${send.id}/resend-unknown`, { method: "POST", headers: auth }, {}, { sending: () => deps });
    expect(await resent.json()).toMatchObject({ resend: 1, send: { status: "paused" } });
    expect((await row(send.id, 1)).status).toBe("pending");
    // SES's event for the first copy arrives before the resend goes out.
    expect((await post((await sesEvent("Send", people[1]!.email)).message)).status).toBe(200);
    expect((await row(send.id, 1)).status).toBe("sent");
    expect((await fetchAt(AT, `/api/sends/${send.id}/resume`, { method: "POST", headers: auth }, {}, { sending: () => deps })).status).toBe(200);
    await drain(q, deps);
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual([1, 1]);
    expect(await rawMessagesTo(people[1]!.email)).toHaveLength(1);
  });
});
