// A send records the posts it carried, so changing SEND_AT or TIMEZONE between two days
// neither mails a post twice nor never: played with the scheduled job, an injected clock,
// the real queue consumer's code, D1 and the local SES endpoint.
import { env } from "cloudflare:test";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/config.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { createSend, PostsTakenError } from "../../src/db/sends.ts";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { NoPostsError, startDailySend } from "../../src/sending/start-send.ts";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, capturingQueue, clearLedger, config, drain, testDeps, waitForStatus } from "./sending-helpers.ts";
import { inbox } from "./subscription-helpers.ts";

beforeEach(clearLedger);
// Other files read the archive and the preview: leave them no send of odd settings.
afterAll(clearLedger);

const SLUGS = contentIndex.posts.map((p) => p.slug);
type Settings = Partial<Pick<Config, "sendAt" | "timezone">>;

/** Runs the scheduled job at `iso` with these settings, as the cron would, and plays the queue until it is empty. */
async function jobAt(iso: string, settings: Settings) {
  const at = Date.parse(iso);
  const q = capturingQueue();
  const deps = testDeps(() => at, { queue: q.queue, config: { ...config, ...settings } });
  await runDailyJob(deps, at);
  await drain(q, deps);
}

/** How many of `address`'s mails carry each sample post (a post's own URL on a line of its own heads it in the text). */
async function copiesOfEachPost(address: string) {
  const mails = await inbox(address);
  return Object.fromEntries(SLUGS.map((slug) => [slug, mails.filter((m) => m.body.text.split(/\r?\n/).includes(`${config.siteUrl}/posts/${slug}`)).length]));
}

async function everySendDone() {
  const { results } = await env.DB.prepare("SELECT id FROM sends WHERE status = 'sending'").all<{ id: number }>();
  for (const { id } of results) await waitForStatus(id, ["done"]);
}

const ONCE_EACH = Object.fromEntries(SLUGS.map((slug) => [slug, 1]));
const LA = "America/Los_Angeles";

// Sample posts (Pacific): Day 1 2015-11-09 18:30, Day 2 2015-11-10 18:30, the hallway post
// 2015-11-11 16:10, Day 3 2015-11-11 17:45.
describe("changing SEND_AT or TIMEZONE between days", () => {
  it.each([
    // 11-09 at 19:00 takes Day 1; 18:00 from 11-10 on puts Day 1 in 11-10's window too.
    ["SEND_AT earlier (19:00 → 18:00)", [["2015-11-09T19:00:00-08:00", { sendAt: "19:00" }], ["2015-11-10T18:00:00-08:00", { sendAt: "18:00" }], ["2015-11-11T18:00:00-08:00", { sendAt: "18:00" }]]],
    // 11-10 at 18:00 takes Day 1 only; 19:00 from 11-11 on starts 11-11's window after Day 2.
    ["SEND_AT later (18:00 → 19:00)", [["2015-11-10T18:00:00-08:00", { sendAt: "18:00" }], ["2015-11-11T19:00:00-08:00", { sendAt: "19:00" }]]],
    // 11-09 at 19:00 Pacific takes Day 1; 19:00 New York puts Day 1 in 11-10's window too.
    ["TIMEZONE east (Los Angeles → New York)", [["2015-11-09T19:00:00-08:00", { timezone: LA }], ["2015-11-10T19:00:00-05:00", { timezone: "America/New_York" }], ["2015-11-11T19:00:00-05:00", { timezone: "America/New_York" }], ["2015-11-12T19:00:00-05:00", { timezone: "America/New_York" }]]],
    // 11-10 at 19:00 New York takes Day 1; back to Pacific, 11-11's window starts after Day 2.
    ["TIMEZONE west (New York → Los Angeles)", [["2015-11-10T19:00:00-05:00", { timezone: "America/New_York" }], ["2015-11-11T19:00:00-08:00", { timezone: LA }]]],
  ] as [string, [string, Settings][]][])("%s: every post goes out in exactly one daily email", async (_name, runs) => {
    const [reader] = await addSubscribers(1);
    for (const [at, settings] of runs) await jobAt(at, settings);
    await everySendDone();
    expect(await copiesOfEachPost(reader!.email)).toEqual(ONCE_EACH);
    // And the record says so: each post in exactly one daily send.
    const { results } = await env.DB.prepare(
      "SELECT json_extract(c.value, '$.slug') AS slug, COUNT(*) AS sends FROM sends s, json_each(s.carried_posts) c WHERE s.daily_date IS NOT NULL GROUP BY slug ORDER BY slug",
    ).all<{ slug: string; sends: number }>();
    expect(Object.fromEntries(results.map((r) => [r.slug, r.sends]))).toEqual(ONCE_EACH);
  });

  it("records what a send carried and where it cut off", async () => {
    await jobAt("2015-11-09T19:00:00-08:00", {});
    const row = await env.DB.prepare("SELECT carried_posts, cut_off_at FROM sends WHERE daily_date = '2015-11-09'").first<{ carried_posts: string; cut_off_at: number }>();
    expect(JSON.parse(row!.carried_posts)).toEqual([{ slug: "kubecon-2015-day-1", title: contentIndex.posts.find((p) => p.slug === "kubecon-2015-day-1")!.title }]);
    expect(row!.cut_off_at).toBe(Date.parse("2015-11-09T19:00:00-08:00"));
  });

  it("a skipped day records the posts it skipped, and no later day sends them", async () => {
    const [reader] = await addSubscribers(1);
    // First run seven hours late (SEND_LATENESS_HOURS is 6): 11-09 is skipped.
    await jobAt("2015-11-10T02:00:00-08:00", {});
    // Then SEND_AT moves earlier, which puts Day 1 in 11-10's window.
    await jobAt("2015-11-10T18:00:00-08:00", { sendAt: "18:00" });
    await jobAt("2015-11-11T18:00:00-08:00", { sendAt: "18:00" });
    await everySendDone();
    expect(await env.DB.prepare("SELECT status FROM sends WHERE daily_date = '2015-11-09'").first()).toEqual({ status: "skipped" });
    expect(await copiesOfEachPost(reader!.email)).toEqual({ ...ONCE_EACH, "kubecon-2015-day-1": 0 });
  });

  it("the preview and the dry run show what the real send would carry", async () => {
    const auth = { Authorization: "Bearer test-author-token-0001" };
    await jobAt("2015-11-09T19:00:00-08:00", { sendAt: "19:00" });
    const at = "2015-11-10T18:30:00-08:00";
    // With SEND_AT at 18:00, 11-10's window holds only Day 1, which 11-09's send carried.
    expect((await fetchAt(at, "/api/preview/2015-11-10", { headers: auth }, { SEND_AT: "18:00" })).status).toBe(404);
    const dryRun = await fetchAt(at, "/api/sends", { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ date: "2015-11-10", dryRun: true }) }, { SEND_AT: "18:00" });
    expect(dryRun.status).toBe(404);
    // With SEND_AT at 20:00, 11-10 carries Day 2 (and the meetup's post) and nothing of 11-09's.
    const later = await fetchAt("2015-11-10T20:00:00-08:00", "/api/sends", { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ date: "2015-11-10", dryRun: true }) }, { SEND_AT: "20:00" });
    expect(await later.json()).toMatchObject({ posts: ["kubecon-2015-day-2", "container-night-sf-2015"] });
  });

  it("a send made before these records (no carried posts, no cut-off) leaves the next day as it was", async () => {
    await env.DB.prepare("INSERT INTO sends (kind, date, daily_date, status, created_at, updated_at) VALUES ('daily', '2015-11-09', '2015-11-09', 'done', 0, 0)").run();
    const q = capturingQueue();
    const at = Date.parse("2015-11-10T18:00:00-08:00");
    // With SEND_AT at 18:00, 11-10's window holds Day 1: nothing says the old send carried it.
    await runDailyJob(testDeps(() => at, { queue: q.queue, config: { ...config, sendAt: "18:00" } }), at);
    const row = await env.DB.prepare("SELECT carried_posts FROM sends WHERE daily_date = '2015-11-10'").first<{ carried_posts: string }>();
    expect(JSON.parse(row!.carried_posts).map((p: { slug: string }) => p.slug)).toEqual(["kubecon-2015-day-1"]);
  });

  it("refuses, in the statement that creates it, a send with a post another daily send carried", async () => {
    const day1 = { slug: "kubecon-2015-day-1", title: "Day 1" };
    await createSend(env.DB, { kind: "daily", date: "2015-11-09", status: "done", takesDailySlot: true, carried: { posts: [day1], cutOffMs: 0 } }, 0);
    await expect(createSend(env.DB, { kind: "manual", date: "2015-11-10", status: "sending", takesDailySlot: true, carried: { posts: [day1], cutOffMs: 0 } }, 0)).rejects.toThrow(PostsTakenError);
    expect(await env.DB.prepare("SELECT daily_date FROM sends ORDER BY id").all().then((r) => r.results)).toEqual([{ daily_date: "2015-11-09" }]);
  });

  it("chooses again when another send takes a post between choosing and recording", async () => {
    const at = Date.parse("2015-11-09T19:00:00-08:00");
    const deps = testDeps(() => at, { queue: capturingQueue().queue });
    let raced = false;
    // The fault: while 11-09's email renders, a send of 11-10 records Day 1 as its own.
    const bodies = {
      get: async (path: string) => {
        if (!raced) {
          raced = true;
          await env.DB.prepare(`INSERT INTO sends (kind, date, daily_date, status, carried_posts, cut_off_at, created_at, updated_at) VALUES ('manual', '2015-11-10', '2015-11-10', 'done', '[{"slug":"kubecon-2015-day-1","title":"Day 1"}]', ?1, ?1, ?1)`).bind(at).run();
        }
        return deps.bodies.get(path);
      },
    };
    // Day 1 was 11-09's only post: chosen again, 11-09 has nothing left to carry.
    await expect(startDailySend({ ...deps, bodies }, "2015-11-09", "manual")).rejects.toThrow(NoPostsError);
    expect(await env.DB.prepare("SELECT daily_date FROM sends ORDER BY id").all().then((r) => r.results)).toEqual([{ daily_date: "2015-11-10" }]);
  });
});
