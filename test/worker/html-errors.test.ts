// A person's browser gets a page for every error an HTML route produces; programs that
// send JSON or ask for it keep the JSON error shape.
import { describe, expect, it } from "vitest";
import { signToken } from "../../src/tokens/signed-token.ts";
import { AFTER_ALL, fetchAt } from "./app-at.ts";
import { config, inbox, subscribe, subscriberRow, uniqueAddress, uniqueClient } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T13:00:00Z"); // the start of a rate-limit window
const FORM = "application/x-www-form-urlencoded";
const SUBSCRIBE_FORM = '<form class="subscribe" method="post"';

async function page(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
  return res.text();
}

async function jsonError(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;
}

/** A D1 that fails every statement: the fault a page must survive saying so. */
const failingDb = { prepare: () => { throw new Error("injected D1 failure"); } } as unknown as D1Database;

describe("a subscribe form post that goes wrong gets the form again with a sentence", () => {
  it("429: too many from one network, with Retry-After, and nothing stored or mailed", async () => {
    const client = uniqueClient();
    for (let i = 0; i < 10; i++) expect((await subscribe(T0 + i * 1000, uniqueAddress(), { client })).status).toBe(202);
    const email = uniqueAddress();
    const res = await subscribe(T0 + 60_000, email, { client });
    const html = await page(res, 429);
    expect(res.headers.get("retry-after")).toBe("540");
    expect(html).toContain(SUBSCRIBE_FORM);
    expect(html).toContain('<p class="error" role="alert"><strong>Too many requests have come from your network in the last few minutes. Please try again in 9 minutes.</strong></p>');
    expect(await subscriberRow(email)).toBeNull();
    expect(await inbox(email)).toHaveLength(0);
  });

  it.each([
    ["413, a body over 4 KB", FORM, `email=a%40example.com&pad=${"x".repeat(5000)}`, 413, "That was more than this form takes."],
    ["415, a body that is not a form", "text/plain", "email=a@example.com", 415, "Your browser sent the form in a way we could not read."],
    ["400, an address that is not one", FORM, "email=not+an+address", 400, "email must not contain spaces or header characters"],
  ])("%s", async (_, type, body, status, sentence) => {
    const res = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": type, "CF-Connecting-IP": uniqueClient() }, body });
    const html = await page(res, status);
    expect(html).toContain(SUBSCRIBE_FORM);
    expect(html).toContain(`<p class="error" role="alert"><strong>${sentence}`);
    expect(html).not.toContain('"error":');
  });

  it("the same errors answer JSON to a JSON body or to Accept: application/json", async () => {
    const big = `email=a%40example.com&pad=${"x".repeat(5000)}`;
    const asked = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": FORM, Accept: "application/json", "CF-Connecting-IP": uniqueClient() }, body: big });
    expect(await jsonError(asked, 413)).toEqual({ code: "body_too_large", message: "the request body must be at most 4096 bytes", field: "body" });
    const sent = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueClient() }, body: JSON.stringify({ email: "a@example.com", pad: "x".repeat(5000) }) });
    expect((await jsonError(sent, 413)).code).toBe("body_too_large");
    const invalid = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": FORM, Accept: "application/json", "CF-Connecting-IP": uniqueClient() }, body: "email=nope" });
    expect(await jsonError(invalid, 400)).toMatchObject({ code: "invalid_email", field: "email" });
  });

  it("a failure on our side is a page too, not a stack trace or JSON", async () => {
    const res = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": FORM, "CF-Connecting-IP": uniqueClient() }, body: "email=a%40example.com" }, { DB: failingDb });
    const html = await page(res, 500);
    expect(html).toContain(SUBSCRIBE_FORM);
    expect(html).toContain("Something went wrong on our side. Please try again in a few minutes.");
    expect(html).not.toContain("injected");
  });
});

describe("confirm and unsubscribe form posts that fail on our side show their button again", () => {
  it.each([
    ["confirm", signToken(config.signingKeys, { purpose: "confirm", subject: "1", expiresAt: Math.floor(T0 / 1000) + 3600 }), "Confirm my subscription"],
    ["unsubscribe", signToken(config.signingKeys, { purpose: "unsubscribe", subject: "1" }), "Unsubscribe"],
  ])("/%s", async (path, token, button) => {
    const init = { method: "POST", headers: { "Content-Type": FORM }, body: "List-Unsubscribe=One-Click" };
    const res = await fetchAt(T0, `/${path}?token=${token}`, init, { DB: failingDb });
    const html = await page(res, 500);
    expect(html).toContain(`<form method="post" action="${config.siteUrl}/${path}?token=${token}">`);
    expect(html).toContain(`<button type="submit">${button}</button>`);
    expect(html).toContain('<p class="error" role="alert"><strong>Something went wrong on our side.');
    const asked = await fetchAt(T0, `/${path}?token=${token}`, { ...init, headers: { ...init.headers, Accept: "application/json" } }, { DB: failingDb });
    expect((await jsonError(asked, 500)).code).toBe("internal");
  });
});

describe("site pages that fail on our side", () => {
  it.each(["/posts/kubecon-2015-day-1", "/emails/2015-11-09"])("%s answers an HTML page saying so", async (path) => {
    const broken = { bodies: () => ({ get: () => Promise.reject(new Error("injected missing body")) }) };
    const html = await page(await fetchAt(AFTER_ALL, path, undefined, {}, broken), 500);
    expect(html).toContain("<h1>Something went wrong</h1>");
    expect(html).not.toContain("injected");
  });
});
