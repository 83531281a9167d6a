// "Never left" against "answer lost", inside workerd: the mailer calls a failure "unsent" only
// when the runtime never took the whole request body, and "unknown" whenever SES may have it.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/config.ts";
import { prepareMessage, personalise } from "../../src/email/personalise.ts";
import { sesMailer } from "../../src/mail/ses-mailer.ts";
import type { ReceivedRequest } from "../support/ses-endpoints.ts";

const config = readConfig(env);
const endpoints = env as unknown as Record<"FAULTY_SES_ENDPOINT" | "REFUSED_SES_ENDPOINT" | "HANG_UP_SES_ENDPOINT" | "RESTARTABLE_SES_ENDPOINT" | "RESTARTABLE_SES_CONTROL", string>;
const mailerAt = (endpoint: string) => sesMailer({ ...config.ses, endpoint });

const snapshot = (subject: string) => ({ date: "2015-11-09", subject, preheader: "", html: "<p>Hello</p>", text: "Hello\n", postSlugs: [], summarized: [] });
function message(to: string, subject = `Unsent test ${crypto.randomUUID()}`) {
  const raw = personalise(prepareMessage(snapshot(subject), { from: config.from, oneClickUnsubscribe: true }), { address: to, unsubscribeUrl: "http://127.0.0.1:8787/unsubscribe?token=t" });
  return { raw, from: config.from.address, to };
}
const fresh = (local: string) => `${local}-${crypto.randomUUID().slice(0, 8)}@example.com`;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function received(to: string): Promise<ReceivedRequest | null> {
  const res = await fetch(`${endpoints.FAULTY_SES_ENDPOINT}/__received?to=${encodeURIComponent(to)}`);
  return res.status === 404 ? null : ((await res.json()) as ReceivedRequest);
}

describe("telling a request that never left from an answer that was lost", () => {
  it("calls a refused connection unsent: the request never reached SES", async () => {
    const outcome = await mailerAt(endpoints.REFUSED_SES_ENDPOINT).send(message(fresh("refused")));
    expect(outcome).toMatchObject({ ok: false, kind: "unsent", code: "RequestNotSent" });
    // The runtime's own words are kept for the row's error.
    expect(outcome.ok === false && outcome.message).toContain("Network connection lost");
  });

  it("calls a name that does not resolve unsent", async () => {
    // .invalid never resolves (RFC 6761); workerd answers "internal error" for it.
    expect(await mailerAt("http://herald-no-such-host.invalid:8005").send(message(fresh("dns")))).toMatchObject({ ok: false, kind: "unsent", code: "RequestNotSent" });
  });

  it("calls a failed TLS handshake unsent: HTTPS to an endpoint that speaks plain HTTP", async () => {
    const https = endpoints.FAULTY_SES_ENDPOINT.replace(/^http:/, "https:");
    const to = fresh("tls");
    expect(await mailerAt(https).send(message(to))).toMatchObject({ ok: false, kind: "unsent", code: "RequestNotSent" });
    expect(await received(to)).toBeNull();
  });

  it("calls a connection dropped after the whole request arrived unknown, not unsent", async () => {
    const to = `drop@${crypto.randomUUID().slice(0, 8)}.example`;
    const outcome = await mailerAt(endpoints.FAULTY_SES_ENDPOINT).send(message(to));
    expect(outcome).toMatchObject({ ok: false, kind: "unknown" });
    // The stand-in did read the whole request before hanging up.
    expect(await received(to)).not.toBeNull();
  });

  it("never calls a connection reset before the body was read sent; unsent only if the body never fully left", async () => {
    // Whether workerd handed the whole (small) body to the kernel before the reset came back
    // is a race: both answers are honest, because neither claims SES had the message.
    for (let i = 0; i < 5; i++) {
      const outcome = await mailerAt(endpoints.HANG_UP_SES_ENDPOINT).send(message(fresh("hangup")));
      expect(outcome.ok).toBe(false);
      expect(["unsent", "unknown"]).toContain(outcome.ok ? "sent" : outcome.kind);
    }
  });

  it("calls a 5xx answer unknown: SES had the whole request", async () => {
    expect(await mailerAt(endpoints.FAULTY_SES_ENDPOINT).send(message("outage@example.com"))).toMatchObject({ ok: false, kind: "unknown", code: "ServiceUnavailable" });
  });

  it("still delivers: the message arrives with the same bytes, in a fixed-length request whose signed length is the real one", async () => {
    const to = fresh("reader");
    const subject = `Unsent test ${crypto.randomUUID()}`;
    const sent = message(to, subject);
    expect(await mailerAt(endpoints.FAULTY_SES_ENDPOINT).send(sent)).toEqual({ ok: true, messageId: expect.any(String) });
    const seen = await received(to);
    expect(seen).toMatchObject({ transferEncoding: null, contentLength: String(seen?.bodyBytes), rawSha256: await sha256(sent.raw) });
    // SigV4 signed Content-Length before the handler split the body: it must still be true.
    expect(seen?.signedHeaders).toContain("content-length");
    const store = (await (await fetch(`${config.ses.endpoint}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
    expect(store.emails.find((m) => m.subject === subject)?.destination.to).toEqual([to]);
  });
});

describe("a kept-alive connection that dies", () => {
  const control = async (action: "stop" | "start" | "reset") => {
    const res = await fetch(`${endpoints.RESTARTABLE_SES_CONTROL}/${action}`, { method: "POST" });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reset: number }).reset;
  };

  it("after a first call succeeded and the endpoint died, the next call is unsent: workerd drops the reset connection and its new one is refused", async () => {
    const mailer = mailerAt(endpoints.RESTARTABLE_SES_ENDPOINT);
    expect(await mailer.send(message(fresh("before-kill")))).toMatchObject({ ok: true });
    // The first call's connection was still open (kept alive) when the endpoint died.
    expect(await control("stop")).toBeGreaterThanOrEqual(1);
    try {
      expect(await mailer.send(message(fresh("after-kill")))).toMatchObject({ ok: false, kind: "unsent" });
    } finally {
      await control("start");
    }
    expect(await mailer.send(message(fresh("after-restart")))).toMatchObject({ ok: true });
  });

  it("a kept-alive connection reset while idle is not reused: the next call goes out on a new one", async () => {
    const mailer = mailerAt(endpoints.RESTARTABLE_SES_ENDPOINT);
    expect(await mailer.send(message(fresh("before-reset")))).toMatchObject({ ok: true });
    expect(await control("reset")).toBeGreaterThanOrEqual(1);
    expect(await mailer.send(message(fresh("after-reset")))).toMatchObject({ ok: true });
  });
});
