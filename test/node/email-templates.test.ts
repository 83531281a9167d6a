import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileEmails } from "../../src/build/compile-emails.ts";
import { isAbsoluteUrl, resourceUrls } from "../../src/build/resource-urls.ts";

describe("MJML templates", () => {
  it("every template in emails/ passes strict MJML validation and composes the shared partials", async () => {
    const { templates, problems } = await compileEmails("emails");
    expect(problems).toEqual([]);
    expect(Object.keys(templates).sort()).toEqual(["confirm", "daily", "welcome"]);
    for (const t of Object.values(templates)) {
      // header and footer partials are in every one
      expect(t.slots).toEqual(expect.arrayContaining(["site_title", "heading", "reason", "postal_address", "footer_links_html", "preheader"]));
      expect(t.html).not.toContain("mj-include");
    }
    expect(templates.daily!.slots).toEqual(expect.arrayContaining(["toc_html", "posts_html", "web_url"]));
    expect(templates.confirm!.slots).toEqual(expect.arrayContaining(["confirm_url", "email"]));
    expect(templates.welcome!.slots).toEqual(expect.arrayContaining(["intro", "days_html", "event_url", "event_title"]));
  });

  it("a template that breaks MJML's rules fails the build with its file and the rule", async () => {
    const dir = await mkdtemp(join(tmpdir(), "herald-emails-"));
    await cp("emails", dir, { recursive: true });
    await writeFile(join(dir, "broken.mjml"), '<mjml><mj-body><mj-section><mj-text>not in a column</mj-text></mj-section></mj-body></mjml>');
    const { problems } = await compileEmails(dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.file).toBe("emails/broken.mjml");
    expect(problems[0]!.message).toMatch(/mj-text.*mj-section|not allowed/i);
  });

  it("links no web font and loads nothing from another site, though the font stack names Roboto", async () => {
    const { templates } = await compileEmails("emails");
    for (const t of Object.values(templates)) {
      expect(t.html).toContain("Roboto");
      expect(t.html).not.toMatch(/fonts\.googleapis|@import|<link\b/i);
      expect(resourceUrls(t.html).filter(isAbsoluteUrl)).toEqual([]);
    }
  });

  it.each([
    ["a web font", '<mj-head><mj-font name="Lato" href="https://fonts.googleapis.com/css?family=Lato" /></mj-head>', "https://fonts.googleapis.com/css?family=Lato"],
    ["an image from another site", "", "https://tracker.example.net/pixel.gif"],
  ])("a template that loads %s fails the build, naming the file and the URL", async (_, head, url) => {
    const dir = await mkdtemp(join(tmpdir(), "herald-emails-"));
    await writeFile(
      join(dir, "remote.mjml"),
      `<mjml>${head}<mj-body><mj-section><mj-column><mj-text font-family="Lato, sans-serif">Hi</mj-text>${head ? "" : `<mj-image src="${url}" alt="x" />`}</mj-column></mj-section></mj-body></mjml>`,
    );
    const { problems } = await compileEmails(dir);
    // MJML links a web font twice, as <link> and as @import: each is reported.
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toEqual({ file: "emails/remote.mjml", message: expect.stringContaining(`loads ${url}`) });
  });
});
