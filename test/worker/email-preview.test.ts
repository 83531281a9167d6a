import { describe, expect, it } from "vitest";
import { resourceUrls } from "../../src/build/resource-urls.ts";
import { AFTER_ALL, fetchAt, ORIGIN } from "./app-at.ts";

const TOKEN = "test-author-token-0001";
const auth = (token = TOKEN) => ({ headers: { Authorization: `Bearer ${token}` } });
const preview = (path: string, init: RequestInit = auth()) => fetchAt(AFTER_ALL, `/api/preview/${path}`, init);
const SAMPLE_DAYS = ["2015-11-09", "2015-11-10", "2015-11-11"];

describe("GET /api/preview/:date", () => {
  it("refuses a missing or wrong token with 401 and renders nothing", async () => {
    for (const init of [{}, auth("wrong-token-0000000000"), { headers: { Authorization: TOKEN } }, { headers: { Authorization: "Basic dGVzdDp0ZXN0" } }]) {
      const res = await preview("2015-11-09", init);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="herald"');
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe("unauthorized");
      expect(JSON.stringify(body)).not.toContain("KubeCon");
    }
  });

  it("accepts every token in AUTHOR_TOKEN, so a token can be rotated", async () => {
    expect((await preview("2015-11-09", auth("test-author-token-0002"))).status).toBe(200);
  });

  it.each([
    ["2015-13-01", "date"],
    ["yesterday", "date"],
    ["2015-11-09?format=pdf", "format"],
  ])("answers 400 naming the field for %s", async (path, field) => {
    const res = await preview(path);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
  });

  it("answers 404 for a date without posts", async () => {
    const res = await preview("2015-11-12");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "no_posts", message: "no published posts for 2015-11-12", field: "date" } });
  });

  it.each(SAMPLE_DAYS)("renders %s under Gmail's clipping size with its heading, contents, web link, address and unsubscribe link", async (date) => {
    const res = await preview(date);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(new TextEncoder().encode(html).length).toBeLessThan(102 * 1024);
    const day = SAMPLE_DAYS.indexOf(date) + 1;
    // 2015-11-10 holds a second event's post too: the heading names both.
    expect(html).toMatch(new RegExp(`KubeCon 2015 — Day ${day}( · [^<]+)?</div>`));
    expect(html).toMatch(new RegExp(`href="${ORIGIN}/preferences\\?token=k2\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"`));
    expect(html).toContain(`href="${ORIGIN}/emails/${date}"`);
    expect(html).toContain("Herald Recaps, 1 Sample Street, Springfield");
    expect(html).toMatch(new RegExp(`href="${ORIGIN}/unsubscribe\\?token=k2\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"`));
    expect(html).toContain("preview@example.invalid");
    expect(html).not.toMatch(/\[\[[a-z_-]+/); // no slot or marker left
    expect(html).not.toMatch(/<img (?![^>]*alt="[^"]+")/); // every image has alt text
  });

  it("shows the Day 1 diagram as a PNG at twice its size, with width, height and alt, and loads nothing from another site", async () => {
    for (const html of [await (await preview("2015-11-09")).text(), await (await fetchAt(AFTER_ALL, "/emails/2015-11-09")).text()]) {
      const images = [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
      expect(images).toEqual([
        `<img style="max-width:100%;height:auto;border:0;" src="${ORIGIN}/images/rolling-update.2x.png" width="360" height="150" alt="Diagram of a rolling update" />`,
      ]);
      const fetched = resourceUrls(html);
      expect(fetched.length).toBeGreaterThan(0);
      for (const url of fetched) {
        expect(url.startsWith(`${ORIGIN}/`), url).toBe(true);
        expect(url).not.toMatch(/\.svg\b/i);
      }
      // Any other absolute URL is a link the reader may follow, or the XHTML namespace.
      const links = new Set([...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => m[1]));
      for (const found of html.match(/https?:\/\/[^\s"'<>)]+/g)!) {
        const url = found.replace(/[.,;:]+$/, ""); // the end of a sentence
        if (url !== ORIGIN && !url.startsWith(`${ORIGIN}/`)) expect(links.has(url) || url === "http://www.w3.org/1999/xhtml", url).toBe(true);
      }
    }
  });

  it("links each post and its sections from the table of contents", async () => {
    const html = await (await preview("2015-11-09")).text();
    expect(html).toContain(`<a href="${ORIGIN}/posts/kubecon-2015-day-1" style="color:#1f5fbf;font-weight:600;">`);
    expect(html).toContain(`href="${ORIGIN}/posts/kubecon-2015-day-1#release-day-and-the-opening-keynote"`);
  });

  it("escapes the awkward post in the HTML and keeps its hostile markup out", async () => {
    const html = await (await preview("2015-11-11")).text();
    const escaped = "Hallway track: &lt;kubectl&gt; &amp; &quot;quotes&quot; — &#39;apostrophes&#39;, 🚢 emoji, コンテナ &amp; Ελληνικά";
    expect(html).toContain(`<title>KubeCon 2015 — Day 3: ${escaped} (+1 more)</title>`);
    expect(html).toContain(`>${escaped}</a></h2>`);
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it("renders the plain text from the content: headings, contents, numbered links, wrapped lines", async () => {
    const res = await preview("2015-11-09?format=text");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=UTF-8");
    const text = await res.text();
    expect(text).toContain("Contents\n========");
    expect(text).toContain("1. KubeCon 2015 — Day 1: Kubernetes 1.1, a live upgrade and federation\n   plans");
    expect(text).toContain("Release day and the opening keynote\n-----------------------------------");
    expect(text).toMatch(/Day 2 \[1\]/);
    expect(text).toContain(`Links\n=====\n\n[1] ${ORIGIN}/posts/kubecon-2015-day-2`);
    expect(text).toContain("[Image: Diagram of a rolling update]");
    expect(text).not.toMatch(/<[a-z]/i);
    // Lines wrap at 72 characters; only a line ending in one long URL may run over.
    for (const line of text.split("\n")) if (!/https?:\/\/\S+$/.test(line)) expect(line.length, line).toBeLessThanOrEqual(72);
  });

  it("keeps the awkward post's text intact in the plain text", async () => {
    const text = await (await preview("2015-11-11?format=text")).text();
    expect(text).toContain(`1. Hallway track: <kubectl> & "quotes" — 'apostrophes', 🚢 emoji, コンテナ &\n   Ελληνικά`);
    expect(text).toContain("    apiVersion: v1  # replace <name> & <image> before applying");
    expect(text).not.toContain("alert(");
  });

  it("answers ?format=eml with a whole message", async () => {
    const res = await preview("2015-11-09?format=eml");
    expect(res.headers.get("content-type")).toBe("message/rfc822");
    const eml = await res.text();
    expect(eml).toContain("To: preview@example.invalid\r\n");
    expect(eml).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
  });
});

describe("the public email archive", () => {
  it("lists the days whose email is due, newest first", async () => {
    const html = await (await fetchAt(AFTER_ALL, "/emails")).text();
    const days = [...html.matchAll(/href="http:\/\/127\.0\.0\.1:8787\/emails\/(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]);
    expect(days).toEqual(["2015-11-11", "2015-11-10", "2015-11-09"]);
    const early = await (await fetchAt("2015-11-10T20:00:00-08:00", "/emails")).text();
    expect(early).toContain("/emails/2015-11-10");
    expect(early).not.toContain("/emails/2015-11-11");
  });

  it("serves a day's web version without anyone's address or unsubscribe link", async () => {
    const res = await fetchAt(AFTER_ALL, "/emails/2015-11-11");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("KubeCon 2015 — Day 3");
    expect(html).not.toMatch(/unsubscribe\?token|example\.invalid|\[\[herald/);
    expect(html).toContain(`href="${ORIGIN}/subscribe"`);
  });

  it("answers 404 for days not yet due, without posts, or not dates", async () => {
    expect((await fetchAt("2015-11-11T18:59:00-08:00", "/emails/2015-11-11")).status).toBe(404);
    expect((await fetchAt(AFTER_ALL, "/emails/2015-11-12")).status).toBe(404);
    expect((await fetchAt(AFTER_ALL, "/emails/latest")).status).toBe(404);
  });
});

describe("the Content-Security-Policy of each kind of page", () => {
  const policy = async (path: string, init?: RequestInit) => {
    const header = (await fetchAt(AFTER_ALL, path, init)).headers.get("content-security-policy")!;
    return Object.fromEntries(header.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));
  };

  it.each(["/emails/2015-11-09", "/api/preview/2015-11-09"])("%s lets the email's own inline styles apply, and nothing else", async (path) => {
    const csp = await policy(path, path.startsWith("/api/") ? auth() : undefined);
    expect(csp["style-src"]).toEqual(["'unsafe-inline'"]);
    expect(csp["default-src"]).toEqual(["'none'"]); // so no script, font, frame or connection
    expect(csp["script-src"]).toBeUndefined();
    expect(csp["img-src"]).toEqual(["'self'", ORIGIN]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  });

  it.each(["/", "/posts/kubecon-2015-day-1", "/emails", "/subscribe", "/no/such/page"])("%s keeps the strict policy: styles from /style.css only", async (path) => {
    const csp = await policy(path);
    expect(csp["style-src"]).toEqual(["'self'"]);
    expect(csp["default-src"]).toEqual(["'none'"]);
    // Nothing from another site: every source is this origin or SITE_URL's.
    for (const [directive, sources] of Object.entries(csp)) {
      for (const source of sources) expect(["'self'", "'none'", ORIGIN], `${directive} ${source}`).toContain(source);
    }
  });
});
