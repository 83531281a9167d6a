import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/config.ts";
import { prepareMessage, personalise } from "../../src/email/personalise.ts";
import { sesMailer, classifySesError } from "../../src/mail/ses-mailer.ts";

const config = readConfig(env);
const snapshot = {
  date: "2015-11-09",
  subject: `Mailer test ${crypto.randomUUID()} — «ok» & <fine>`,
  preheader: "",
  html: "<p>Hello &amp; welcome</p>",
  text: "Hello & welcome\n",
  postSlugs: [],
  summarized: [],
};
const message = (to: string) => ({
  raw: personalise(prepareMessage(snapshot, { from: config.from, oneClickUnsubscribe: true }), {
    address: to,
    unsubscribeUrl: "http://127.0.0.1:8787/unsubscribe?token=t",
  }),
  from: config.from.address,
  to,
});

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text: string; html: string };
}

describe("the SES mailer inside the Worker", () => {
  it("delivers a raw message to the local SES endpoint with its subject, text and HTML", async () => {
    const outcome = await sesMailer(config.ses).send(message("reader@example.com"));
    expect(outcome).toEqual({ ok: true, messageId: expect.any(String) });
    const store = (await (await fetch(`${config.ses.endpoint}/store`)).json()) as { emails: StoredMail[] };
    const mail = store.emails.find((m) => m.subject === snapshot.subject);
    expect(mail, JSON.stringify(store.emails.map((m) => m.subject))).toBeDefined();
    expect(mail!.destination.to).toEqual(["reader@example.com"]);
    expect(mail!.body.text.trim()).toBe("Hello & welcome");
    expect(mail!.body.html).toContain("<p>Hello &amp; welcome</p>");
  });

  it.each([
    ["throttle", "throttled", "Throttling"],
    ["quota", "account", "DailyQuotaExceeded"],
    ["reject", "rejected", "MessageRejected"],
    ["unverified", "account", "MessageRejected"],
    ["toobig", "account", "InvalidParameterValue"],
    ["paused", "account", "AccountSendingPausedException"],
    ["badkey", "account", "InvalidClientTokenId"],
    ["outage", "unknown", "ServiceUnavailable"],
  ])("recognises %s answers from SES as %s", async (local, kind, code) => {
    const faulty = sesMailer({ ...config.ses, endpoint: (env as unknown as { FAULTY_SES_ENDPOINT: string }).FAULTY_SES_ENDPOINT });
    const outcome = await faulty.send(message(`${local}@example.com`));
    expect(outcome).toMatchObject({ ok: false, kind, code });
  });

  it("calls a connection lost after the request went out unknown: neither sent nor safe to retry", async () => {
    const faulty = sesMailer({ ...config.ses, endpoint: (env as unknown as { FAULTY_SES_ENDPOINT: string }).FAULTY_SES_ENDPOINT });
    expect(await faulty.send(message("drop@example.com"))).toMatchObject({ ok: false, kind: "unknown" });
    expect(classifySesError(new TypeError("fetch failed")).kind).toBe("unknown");
  });
});
