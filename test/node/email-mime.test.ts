// The daily email's MIME, read back by an independent parser (nodemailer's mailparser).
import { simpleParser } from "mailparser";
import { describe, expect, inject, it } from "vitest";
import { diskBodyStore } from "../../src/build/disk-body-store.ts";
import { dailyPosts } from "../../src/email/daily-posts.ts";
import { personalise, prepareMessage } from "../../src/email/personalise.ts";
import { renderDailyEmail } from "../../src/email/render-daily.ts";
import { MimeError } from "../../src/email/mime.ts";
import { renderWelcome } from "../../src/email/render-welcome.ts";
import { catchUpDays } from "../../src/content/catch-up.ts";
import { contentIndex } from "../../src/generated/content-index.ts";

const base = inject("baseUrl");
const AWKWARD_TITLE = `Hallway track: <kubectl> & "quotes" — 'apostrophes', 🚢 emoji, コンテナ & Ελληνικά`;
const settings = { siteUrl: "https://recaps.example.org", siteTitle: "Herald Recaps", postalAddress: "1 Sample Street", timezone: "America/Los_Angeles" };
const headers = { from: { name: "Herald Recaps", address: "recaps@example.org" }, listId: { name: "Herald Recaps", id: "daily.example.org" }, oneClickUnsubscribe: true };

async function sampleSnapshot(date = "2015-11-11") {
  const posts = await dailyPosts(contentIndex, diskBodyStore(".herald/assets"), date, { sendAt: "19:00", timezone: settings.timezone }, Date.now());
  return renderDailyEmail(settings, date, posts, { mode: "email" });
}

describe("the daily email as MIME", () => {
  it.each(["2015-11-09", "2015-11-10", "2015-11-11"])("%s parses back with its parts and headers", async (date) => {
    const res = await fetch(`${base}/api/preview/${date}?format=eml`, { headers: { Authorization: "Bearer test-author-token-0001" } });
    const raw = await res.text();
    const mail = await simpleParser(raw);
    expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    // text/plain first, text/html last (RFC 2046: the last part is the preferred one)
    expect(raw.indexOf("Content-Type: text/plain; charset=utf-8")).toBeLessThan(raw.indexOf("Content-Type: text/html; charset=utf-8"));
    expect(raw.indexOf("Content-Type: text/html")).toBeGreaterThan(0);
    expect(mail.from?.value).toEqual([{ name: "Herald", address: "recaps@example.org" }]);
    expect(mail.to).toMatchObject({ value: [{ address: "preview@example.invalid" }] });
    // 2015-11-10 holds two events' posts: its subject names the site.
    expect(mail.subject).toMatch(date === "2015-11-10" ? /^Herald Recaps, Tuesday, November 10, 2015: KubeCon 2015 — Day 2/ : /^KubeCon 2015 — Day \d/);
    expect(mail.date).toBeInstanceOf(Date);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@example\.org>$/);
    const list = mail.headers.get("list") as { id: { id: string }; unsubscribe: { url: string }; "unsubscribe-post": { name: string } };
    expect(list.id.id).toBe("daily.example.org");
    expect(list.unsubscribe.url).toMatch(new RegExp(`^${base}/unsubscribe\\?token=`));
    expect(list["unsubscribe-post"].name).toBe("List-Unsubscribe=One-Click");
    // The same URL is in the body and the header.
    expect(mail.text).toContain(`Unsubscribe: ${list.unsubscribe.url}`);
    expect(mail.html).toContain(`href="${list.unsubscribe.url}"`);
    const [head, ...body] = raw.split("\r\n\r\n");
    for (const line of head!.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
    for (const line of body.join("\r\n").split("\r\n")) expect(line.length).toBeLessThanOrEqual(76); // quoted-printable
  });

  it("keeps the awkward post intact in the subject, text and HTML", async () => {
    const snapshot = await sampleSnapshot();
    const mail = await simpleParser(personalise(prepareMessage(snapshot, headers), { address: "reader@example.com", unsubscribeUrl: "https://recaps.example.org/unsubscribe?token=a.b.c" }));
    expect(mail.subject).toBe(`KubeCon 2015 — Day 3: ${AWKWARD_TITLE} (+1 more)`);
    expect(mail.text).toContain(`1. Hallway track: <kubectl> & "quotes" — 'apostrophes', 🚢 emoji, コンテナ &\n   Ελληνικά`);
    expect(mail.html).toContain("Hallway track: &lt;kubectl&gt; &amp; &quot;quotes&quot;");
    expect(mail.html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it("lets no value from content or subscribers inject a header or break the structure", async () => {
    const snapshot = { ...(await sampleSnapshot()), subject: "Hello\r\nBcc: victim@example.net\r\n\r\nbody" };
    const prepared = prepareMessage(snapshot, { ...headers, from: { name: 'Herald "Recaps"\r\nBcc: x@example.net', address: "recaps@example.org" } });
    const raw = personalise(prepared, { address: "reader@example.com", unsubscribeUrl: "https://recaps.example.org/unsubscribe?token=a" });
    const mail = await simpleParser(raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.subject).toBe("Hello Bcc: victim@example.net body");
    expect(mail.from?.value[0]?.address).toBe("recaps@example.org");
    for (const bad of ["reader@example.com\r\nBcc: x@example.net", "reader@example.com>, x@example.net", ""]) {
      expect(() => personalise(prepared, { address: bad, unsubscribeUrl: "https://recaps.example.org/u" })).toThrow(MimeError);
    }
    for (const bad of ["https://x.example/u\r\nBcc: x@example.net", "javascript:alert(1)", "https://x.example/u>,<https://evil.example"]) {
      expect(() => personalise(prepared, { address: "reader@example.com", unsubscribeUrl: bad })).toThrow(MimeError);
    }
  });

  it("personalises 10,000 recipients from one snapshot, each with their own unsubscribe URL in body and header", async () => {
    const snapshot = await sampleSnapshot();
    const prepared = prepareMessage(snapshot, headers);
    const messages: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      messages.push(personalise(prepared, { address: `reader${i}@example.com`, unsubscribeUrl: `https://recaps.example.org/unsubscribe?token=t${i}` }));
    }
    expect(new Set(messages.map((m) => /Message-ID: (.*)/.exec(m)![1])).size).toBe(10_000);
    for (const i of [0, 1, 4_999, 9_999]) {
      const mail = await simpleParser(messages[i]!);
      const url = `https://recaps.example.org/unsubscribe?token=t${i}`;
      expect((mail.headers.get("list") as { unsubscribe: { url: string } }).unsubscribe.url).toBe(url);
      expect(mail.text).toContain(`Unsubscribe: ${url}`);
      expect(mail.text!.replace(/\s+/g, " ")).toContain(`because reader${i}@example.com subscribed`);
      expect(mail.html).toContain(`href="${url}"`);
      expect(mail.text).not.toMatch(/\[\[herald-/);
      expect(mail.html).not.toMatch(/\[\[herald-/);
    }
  });
});

describe("the welcome email as MIME", () => {
  // KubeCon's last evening: every day is out, day 3 with the awkward post.
  const kubecon = contentIndex.events.find((e) => e.slug === "kubecon-2015")!;
  const days = catchUpDays(contentIndex, kubecon, { sendAt: "19:00", timezone: settings.timezone }, Date.parse("2015-11-11T20:00:00-08:00"));
  const to = {
    email: "reader@example.com",
    unsubscribeUrl: "https://recaps.example.org/unsubscribe?token=u.v.w",
    preferencesUrl: "https://recaps.example.org/preferences?token=p.q.r",
  };

  it("parses back with both parts, one-click unsubscribe, the preference link and every day so far", async () => {
    const raw = personalise(prepareMessage(renderWelcome(settings, kubecon, days, to), headers), { address: to.email, unsubscribeUrl: to.unsubscribeUrl });
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe("Catch up on KubeCon 2015: the days so far");
    expect(raw.indexOf("Content-Type: text/plain; charset=utf-8")).toBeLessThan(raw.indexOf("Content-Type: text/html; charset=utf-8"));
    const list = mail.headers.get("list") as { id: { id: string }; unsubscribe: { url: string }; "unsubscribe-post": { name: string } };
    expect(list.id.id).toBe("daily.example.org");
    expect(list.unsubscribe.url).toBe(to.unsubscribeUrl);
    expect(list["unsubscribe-post"].name).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(`Unsubscribe: ${to.unsubscribeUrl}`);
    expect(mail.text).toContain(`Manage your subscription: ${to.preferencesUrl}`);
    expect(mail.html).toContain(`href="${to.unsubscribeUrl}"`);
    expect(mail.html).toContain(`href="${to.preferencesUrl}"`);
    for (const day of ["Day 1 · Monday, November 9", "Day 2 · Tuesday, November 10", "Day 3 · Wednesday, November 11"]) {
      expect(mail.text).toContain(day);
      expect(mail.html).toContain(day);
    }
    for (const slug of ["kubecon-2015-day-1", "kubecon-2015-day-2", "kubecon-2015-day-3", "hallway-track-escaping"]) {
      expect(mail.html).toContain(`href="https://recaps.example.org/posts/${slug}"`);
    }
    const [head, ...body] = raw.split("\r\n\r\n");
    for (const line of head!.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
    for (const line of body.join("\r\n").split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
  });

  it("keeps the awkward post's title and summary intact in text and escaped in HTML", async () => {
    const mail = await simpleParser(personalise(prepareMessage(renderWelcome(settings, kubecon, days, to), headers), { address: to.email, unsubscribeUrl: to.unsubscribeUrl }));
    expect(mail.text!.replace(/\s+/g, " ")).toContain(`${AWKWARD_TITLE} Sample post for escaping tests: <tags>, ampersands & "double quotes" from the hallway.`);
    expect(mail.html).toContain("Hallway track: &lt;kubectl&gt; &amp; &quot;quotes&quot;");
    expect(mail.html).toContain("&lt;tags&gt;, ampersands &amp; &quot;double quotes&quot;");
    expect(mail.html).not.toMatch(/<script|onerror|javascript:|<tags>/i);
  });
});
