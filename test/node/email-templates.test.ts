import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileEmails } from "../../src/build/compile-emails.ts";

describe("MJML templates", () => {
  it("every template in emails/ passes strict MJML validation and composes the shared partials", async () => {
    const { templates, problems } = await compileEmails("emails");
    expect(problems).toEqual([]);
    expect(Object.keys(templates).sort()).toEqual(["confirm", "daily"]);
    for (const t of Object.values(templates)) {
      // header and footer partials are in both
      expect(t.slots).toEqual(expect.arrayContaining(["site_title", "heading", "reason", "postal_address", "footer_links_html", "preheader"]));
      expect(t.html).not.toContain("mj-include");
    }
    expect(templates.daily!.slots).toEqual(expect.arrayContaining(["toc_html", "posts_html", "web_url"]));
    expect(templates.confirm!.slots).toEqual(expect.arrayContaining(["confirm_url", "email"]));
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
});
