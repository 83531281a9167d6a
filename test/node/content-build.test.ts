import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../src/build/build-content.ts";
import { contentDir, EVENT_YAML, postFile } from "../support/content-fixture.ts";

async function build(files: Record<string, string>) {
  const dir = await contentDir({ "events/sample-conf.yaml": EVENT_YAML, ...files });
  const out = join(dir, "..", `${dir.split("/").pop()}-out`);
  const result = await buildContent({ contentDir: dir, assetsDir: join(out, "assets"), indexFile: join(out, "index.ts") });
  return { ...result, dir, out };
}

describe("content build", () => {
  it("compiles valid posts into an index and body assets, leaving drafts out", async () => {
    const { problems, index, out, drafts } = await build({
      "posts/day-one.md": postFile({ title: "Day one" }),
      "posts/2026/day-two.md": postFile({ title: "Day two", day: 2, date: "2026-03-03T18:00:00+01:00" }),
      "posts/unfinished.md": postFile({ title: "Unfinished", draft: true }),
    });
    expect(problems).toEqual([]);
    expect(drafts).toBe(1);
    expect(index!.posts.map((p) => p.slug)).toEqual(["day-two", "day-one"]);
    expect(index!.posts[1]!.toc).toEqual([{ id: "first", text: "First" }, { id: "second", text: "Second" }]);
    const bodies = await readdir(join(out, "assets", "_bodies"));
    expect(bodies).toHaveLength(2);
    expect(bodies.some((f) => f.startsWith("unfinished"))).toBe(false);
    expect(await readFile(join(out, "index.ts"), "utf8")).not.toContain("Unfinished");
  });

  it.each([
    ["a missing title", { "posts/a.md": postFile({}) }, "posts/a.md", "title", "is required"],
    ["an unparseable date", { "posts/a.md": postFile({ title: "A", date: "next tuesday" }) }, "posts/a.md", "date", "must be a date-time with an offset"],
    ["a date without seconds", { "posts/a.md": postFile({ title: "A", date: "2026-03-02T18:00+01:00" }) }, "posts/a.md", "date", "must be a date-time with an offset"],
    ["a date without offset", { "posts/a.md": postFile({ title: "A", date: "2026-03-02T18:00:00" }) }, "posts/a.md", "date", "must be a date-time with an offset"],
    ["an impossible date", { "posts/a.md": postFile({ title: "A", date: "2026-02-31T18:00:00Z" }) }, "posts/a.md", "date", "is not a real date-time"],
    ["an unknown event", { "posts/a.md": postFile({ title: "A", event: "other-conf" }) }, "posts/a.md", "event", 'unknown event "other-conf"'],
    ["a bad tag", { "posts/a.md": postFile({ title: "A", tags: "[Good Tag]" }) }, "posts/a.md", "tags.0", "must be lower-case letters"],
    ["a day past the event", { "posts/a.md": postFile({ title: "A", day: 3 }) }, "posts/a.md", "day", "past the event's last day"],
    ["an unknown key", { "posts/a.md": postFile({ title: "A", extra: "titel: typo" }) }, "posts/a.md", "(front matter)", "titel"],
    ["no front matter", { "posts/a.md": "# Just text\n" }, "posts/a.md", "(front matter)", "must start with YAML front matter"],
    ["a missing image", { "posts/a.md": postFile({ title: "A", body: "![x](/images/nope.png)" }) }, "posts/a.md", "(body)", "image /images/nope.png is not in content/images"],
    ["an image without alt text", { "posts/a.md": postFile({ title: "A", body: "![](/images/a.svg)", }), "images/a.svg": "<svg/>" }, "posts/a.md", "(body)", "image /images/a.svg needs alt text"],
    ["a bad file name", { "posts/Day One.md": postFile({ title: "A" }) }, "posts/Day One.md", "slug (file name)", "must be lower-case"],
  ])("fails on %s, naming the file, the field and the problem", async (_, files, file, field, message) => {
    const { problems, index } = await build(files);
    expect(index).toBeUndefined();
    const problem = problems.find((p) => p.file.endsWith(file) && p.field === field);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.message).toContain(message);
  });

  it("fails on a duplicate slug across folders, naming both files", async () => {
    const { problems } = await build({
      "posts/2026/recap.md": postFile({ title: "A" }),
      "posts/2027/recap.md": postFile({ title: "B" }),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toMatch(/posts\/2027\/recap\.md$/);
    expect(problems[0]!.message).toMatch(/duplicate slug "recap", also used by .*posts\/2026\/recap\.md/);
  });

  it("fails on two files for one event", async () => {
    const { problems } = await build({ "events/sample-conf.yml": EVENT_YAML });
    expect(problems.map((p) => p.message)).toEqual(['duplicate event "sample-conf"']);
  });

  it("fails on a broken event file", async () => {
    const { problems } = await build({ "events/sample-conf.yaml": "title: X\ntimezone: Nowhere/Land\nstart: 2026-03-05\nend: 2026-03-02\nurl: ftp://x\n" });
    expect(problems.map((p) => p.field).sort()).toEqual(["end", "timezone", "url"]);
  });

  it("the build command exits non-zero and prints file: field: problem", async () => {
    const dir = await contentDir({ "events/sample-conf.yaml": EVENT_YAML, "posts/broken.md": postFile({ title: "A", date: "soon" }) });
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/build/cli.ts"], {
      env: { ...process.env, HERALD_CONTENT_DIR: dir },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Content build failed: 1 problem(s)");
    expect(run.stderr).toMatch(/posts\/broken\.md: date: must be a date-time with an offset/);
  });
});
