// Turnstile on the subscribe form: off by default; with both keys set, a request needs a
// token Cloudflare's siteverify accepts before anything is queued.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/config.ts";
import type { SendMessage } from "../../src/sending/sending-deps.ts";
import { fetchAt, realSendingDeps } from "./app-at.ts";
import { uniqueAddress, uniqueClient } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const KEYS = { TURNSTILE_SITE_KEY: "0x4AAAAAAATestSiteKey", TURNSTILE_SECRET_KEY: "0x4AAAAAAATestSecretKey" } as Partial<Env>;

function harness(answer: (body: URLSearchParams) => Response | Promise<Response>) {
  const queued: SendMessage[] = [];
  const verified: URLSearchParams[] = [];
  const deps = {
    fetch: async (url: string, init?: RequestInit) => {
      expect(url).toBe("https://challenges.cloudflare.com/turnstile/v0/siteverify");
      const body = new URLSearchParams(String(init?.body));
      verified.push(body);
      return answer(body);
    },
    sending: (e: Env, c: Parameters<typeof realSendingDeps>[1]) => ({ ...realSendingDeps(e, c, () => T0), queue: { sendBatch: async (b: { body: SendMessage }[]) => void queued.push(...b.map((m) => m.body)) } }),
  };
  const post = (fields: Record<string, string>, vars: Partial<Env> = KEYS) =>
    fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": "198.51.100.20" }, body: new URLSearchParams(fields).toString() }, vars, deps);
  return { queued, verified, post };
}

describe("Turnstile on the subscribe form", () => {
  it("is off unless its keys are set: no widget, no siteverify call", async () => {
    const { queued, verified, post } = harness(() => Response.json({ success: false }));
    expect(await (await fetchAt(T0, "/subscribe")).text()).not.toContain("cf-turnstile");
    expect((await post({ email: uniqueAddress() }, {})).status).toBe(202);
    expect(verified).toHaveLength(0);
    expect(queued).toHaveLength(1);
  });

  it("with its keys set, the form carries the widget and a request without a passed check gets the form again, queuing nothing", async () => {
    const { queued, verified, post } = harness(() => Response.json({ success: false, "error-codes": ["invalid-input-response"] }));
    const form = await (await fetchAt(T0, "/subscribe", undefined, KEYS)).text();
    expect(form).toContain('<div class="cf-turnstile" data-sitekey="0x4AAAAAAATestSiteKey">');
    for (const fields of [{ email: uniqueAddress() }, { email: uniqueAddress(), "cf-turnstile-response": "forged-token" }] as Record<string, string>[]) {
      const res = await post(fields);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain("not a robot");
    }
    expect(verified).toHaveLength(1); // a missing token is refused without asking Cloudflare
    expect(queued).toHaveLength(0);
  });

  it("with its keys set, site pages let the widget's script and frame in, and nothing else from elsewhere", async () => {
    const on = (await fetchAt(T0, "/subscribe", undefined, KEYS)).headers.get("content-security-policy")!;
    expect(on).toContain("script-src https://challenges.cloudflare.com");
    expect(on).toContain("frame-src https://challenges.cloudflare.com");
    const off = (await fetchAt(T0, "/subscribe")).headers.get("content-security-policy")!;
    expect(off).not.toContain("challenges.cloudflare.com");
    expect(off).not.toContain("script-src");
  });

  it("a token siteverify accepts goes through; the secret, token and client address are what is checked", async () => {
    const { queued, verified, post } = harness(() => Response.json({ success: true }));
    expect((await post({ email: uniqueAddress(), "cf-turnstile-response": "good-token" })).status).toBe(202);
    expect(Object.fromEntries(verified[0]!)).toEqual({ secret: "0x4AAAAAAATestSecretKey", response: "good-token", remoteip: "198.51.100.20" });
    expect(queued.map((m) => m.type)).toEqual(["subscribe"]);
  });

  it("siteverify unreachable: the request is refused, not let through", async () => {
    const { queued, post } = harness(() => Promise.reject(new Error("network down")));
    expect((await post({ email: uniqueAddress(), "cf-turnstile-response": "good-token" })).status).toBe(400);
    expect(queued).toHaveLength(0);
  });

  it("JSON requests get the JSON error naming the field", async () => {
    const res = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueClient() }, body: JSON.stringify({ email: uniqueAddress() }) }, KEYS);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "challenge_failed", field: "cf-turnstile-response" } });
  });

  it("only one of the two keys is a configuration error naming the missing one", () => {
    expect(() => parseConfig({ ...env, TURNSTILE_SITE_KEY: "0x4AAAAAAATestSiteKey" })).toThrow(/TURNSTILE_SECRET_KEY is not set/);
    expect(() => parseConfig({ ...env, TURNSTILE_SECRET_KEY: "0x4AAAAAAATestSecretKey" })).toThrow(/TURNSTILE_SITE_KEY is not set/);
  });
});
