import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fetchAt } from "./app-at.ts";
import { inbox, subscribe, uniqueClient } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const count = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM subscribers").first<{ n: number }>())!.n;

describe("POST /subscribe with bad input", () => {
  it.each([
    ["a missing address", undefined, "email is required"],
    ["an empty address", "  ", "email is required"],
    ["a number", 42, "email is required"],
    ["no @", "reader.example.com", "email is not a valid address"],
    ["no domain dot", "reader@localhost", "email is not a valid address"],
    ["a line break", "reader@example.com\r\nBcc: victim@example.net", "must not contain control characters"],
    ["a header character", "Reader <reader@example.com>", "must not contain spaces or header characters"],
    ["a comma list", "a@example.com,b@example.com", "must not contain spaces or header characters"],
    ["a long local part", `${"a".repeat(65)}@example.com`, "longer than 64 characters"],
    ["a long address", `reader@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(60)}.${"h".repeat(10)}.com`, "longer than 254 characters"],
  ])("answers 400 naming the field for %s, in JSON, and stores and mails nothing", async (_, email, message) => {
    const before = await count();
    const res = await subscribe(T0, email, { json: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error).toMatchObject({ code: "invalid_email", field: "email" });
    expect(body.error.message).toContain(message);
    expect(await count()).toBe(before);
    if (typeof email === "string" && email.includes("@")) expect(await inbox(email.trim())).toHaveLength(0);
  });

  it("answers a form post with the form again, the problem and what was typed, status 400", async () => {
    const res = await subscribe(T0, "not an address");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<p class="error" role="alert"><strong>email must not contain spaces or header characters');
    expect(html).toContain('value="not an address"');
  });

  it.each([
    ["not JSON", "application/json", "{email:", 400, "invalid_json"],
    ["a JSON array", "application/json", '["reader@example.com"]', 400, "invalid_body"],
    ["a JSON string", "application/json", '"reader@example.com"', 400, "invalid_body"],
    ["plain text", "text/plain", "reader@example.com", 415, "unsupported_media_type"],
    ["a huge body", "application/json", JSON.stringify({ email: "a@example.com", pad: "x".repeat(10_000) }), 413, "body_too_large"],
  ])("answers %s with a clear error and changes nothing", async (_, type, body, status, code) => {
    const before = await count();
    // A program asking for JSON; browsers get the form again (html-errors.test.ts).
    const res = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": type, Accept: "application/json", "CF-Connecting-IP": uniqueClient() }, body });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code, field: "body" });
    expect(await count()).toBe(before);
  });

  it("GET /subscribe shows the form", async () => {
    const res = await fetchAt(T0, "/subscribe");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<input id="subscribe-email" type="email" name="email" required');
  });
});
