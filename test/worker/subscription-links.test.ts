import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/config.ts";
import { signToken } from "../../src/tokens/signed-token.ts";
import { fetchAt } from "./app-at.ts";
import { config, subscriberRow, uniqueAddress } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const DAY = 86_400_000;

async function pendingSubscriber() {
  const email = uniqueAddress();
  const row = await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at) VALUES (?1, 'pending', 'test', ?2, ?2) RETURNING *")
    .bind(email, T0)
    .first<{ id: number }>();
  return { email, id: row!.id };
}

async function activeSubscriber() {
  const s = await pendingSubscriber();
  await env.DB.prepare("UPDATE subscribers SET status = 'active', consent_at = ?2 WHERE id = ?1").bind(s.id, T0).run();
  return s;
}

const confirmToken = (id: number, keys = config.signingKeys, expiresAt = Math.floor(T0 / 1000) + 7 * 86400) =>
  signToken(keys, { purpose: "confirm", subject: String(id), expiresAt });
const unsubscribeToken = (id: number, keys = config.signingKeys) => signToken(keys, { purpose: "unsubscribe", subject: String(id) });

/** Each way a token can be wrong, made from a genuine one. */
async function badTokens(good: string, id: number, purpose: "confirm" | "unsubscribe") {
  const [kid, payload, sig] = good.split(".") as [string, string, string];
  const otherPayload = btoa(JSON.stringify({ p: purpose, s: String(id + 1) })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const otherSecret = parseConfig({ ...env, SIGNING_SECRET: "k2:an-attacker-guessed-secret" } as never).signingKeys;
  // Same bytes, other spelling: the last character's spare bits flipped.
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const twin = `${kid}.${payload}.${sig.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(sig.at(-1)!) ^ 1]}`;
  return {
    twin,
    forged: signToken(otherSecret, { purpose, subject: String(id) }),
    tampered: `${kid}.${otherPayload}.${sig}`,
    truncated: `${kid}.${payload}.${sig.slice(0, -4)}`,
    "unknown key": `k9.${payload}.${sig}`,
    "wrong purpose": purpose === "confirm" ? await unsubscribeToken(id) : await confirmToken(id),
    malformed: "not-a-token",
    empty: "",
  };
}

describe("confirm links", () => {
  it("refuses every forged, tampered or misused token on GET and POST, changing nothing", async () => {
    const { email, id } = await pendingSubscriber();
    for (const [name, token] of Object.entries(await badTokens(await confirmToken(id), id, "confirm"))) {
      for (const method of ["GET", "POST"]) {
        const res = await fetchAt(T0, `/confirm?token=${encodeURIComponent(token)}`, { method });
        expect(res.status, `${name} ${method}`).toBe(400);
        const html = await res.text();
        expect(html, name).toContain("This confirmation link is not valid");
        expect(html).toContain('<form class="subscribe"'); // offers to subscribe again
      }
    }
    expect(await subscriberRow(email)).toMatchObject({ status: "pending", consent_at: null, updated_at: T0 });
  });

  it("refuses an expired confirmation link and offers a fresh one", async () => {
    const { email, id } = await pendingSubscriber();
    const token = await confirmToken(id);
    expect((await fetchAt(T0 + 6 * DAY, `/confirm?token=${token}`)).status).toBe(200);
    const late = await fetchAt(T0 + 8 * DAY, `/confirm?token=${token}`, { method: "POST" });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("This confirmation link has expired.");
    expect(await subscriberRow(email)).toMatchObject({ status: "pending" });
  });

  it("confirming clears an earlier bounce or complaint", async () => {
    for (const status of ["bounced", "complained"]) {
      const { email, id } = await pendingSubscriber();
      await env.DB.prepare(`UPDATE subscribers SET status = ?2, ${status}_at = ?3 WHERE id = ?1`).bind(id, status, T0).run();
      await fetchAt(T0 + 1000, `/confirm?token=${await confirmToken(id)}`, { method: "POST" });
      expect(await subscriberRow(email)).toMatchObject({ status: "active", bounced_at: null, complained_at: null });
    }
  });
});

describe("unsubscribe links", () => {
  it("refuses every forged, tampered or misused token on GET and POST, changing nothing", async () => {
    const { email, id } = await activeSubscriber();
    for (const [name, token] of Object.entries(await badTokens(await unsubscribeToken(id), id, "unsubscribe"))) {
      for (const init of [{ method: "GET" }, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }]) {
        const res = await fetchAt(T0, `/unsubscribe?token=${encodeURIComponent(token)}`, init);
        expect(res.status, `${name} ${init.method}`).toBe(400);
        expect(await res.text()).toContain("This unsubscribe link is not valid");
      }
    }
    expect(await subscriberRow(email)).toMatchObject({ status: "active", unsubscribed_at: null });
  });

  it("never expire, and old links keep working after the signing key is rotated", async () => {
    const { email, id } = await activeSubscriber();
    // Signed when only k1 existed; the settings now sign with k2 and still accept k1.
    const oldKeys = parseConfig({ ...env, SIGNING_SECRET: "k1:test-signing-secret-old" } as never).signingKeys;
    const oldToken = await unsubscribeToken(id, oldKeys);
    expect(oldToken.startsWith("k1.")).toBe(true);
    expect(config.signingKeys[0]!.id).toBe("k2");
    const years = T0 + 5 * 365 * DAY;
    expect((await fetchAt(years, `/unsubscribe?token=${oldToken}`)).status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "active" });
    expect((await fetchAt(years, `/unsubscribe?token=${oldToken}`, { method: "POST" })).status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "unsubscribed", unsubscribed_at: years });
  });

  it("old confirmation links also survive a rotation; a retired key's do not", async () => {
    const { email, id } = await pendingSubscriber();
    const oldKeys = parseConfig({ ...env, SIGNING_SECRET: "k1:test-signing-secret-old" } as never).signingKeys;
    const retired = parseConfig({ ...env, SIGNING_SECRET: "k0:test-signing-secret-retired" } as never).signingKeys;
    expect((await fetchAt(T0, `/confirm?token=${await confirmToken(id, retired)}`, { method: "POST" })).status).toBe(400);
    expect(await subscriberRow(email)).toMatchObject({ status: "pending" });
    expect((await fetchAt(T0, `/confirm?token=${await confirmToken(id, oldKeys)}`, { method: "POST" })).status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "active" });
  });

  it("does not turn a bounce or complaint into an unsubscribe", async () => {
    const { email, id } = await activeSubscriber();
    await env.DB.prepare("UPDATE subscribers SET status = 'complained', complained_at = ?2 WHERE id = ?1").bind(id, T0).run();
    expect((await fetchAt(T0 + 1000, `/unsubscribe?token=${await unsubscribeToken(id)}`, { method: "POST" })).status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "complained", unsubscribed_at: null });
  });
});
