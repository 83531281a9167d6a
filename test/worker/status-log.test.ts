// The subscriber status log (groundwork for the authors' chart of active subscribers per
// day): every way a status changes is logged by the database itself, an erase removes the
// address's log, and the per-day counts follow from the log.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { activePerDay, recentDays } from "../../src/content/active-per-day.ts";
import { markBounced, markComplained } from "../../src/db/bounces.ts";
import { activeChanges } from "../../src/db/status-log.ts";
import { confirmSubscriber, ensureSubscriber, eraseAddress, insertSubscribers, unsubscribeSubscriber } from "../../src/db/subscribers.ts";

const ZONE = "America/Los_Angeles";
/** Days of a year no other test writes in, so the counts here are this file's alone. */
const at = (local: string) => Date.parse(`2031-03-${local}-07:00`);

async function logOf(id: number) {
  return (await env.DB.prepare("SELECT status, at FROM subscriber_status_log WHERE subscriber_id = ?1 ORDER BY at, id").bind(id).all<{ status: string; at: number }>()).results;
}

describe("the status log", () => {
  it("holds each change: subscribed, confirmed, left, came back, bounced", async () => {
    const email = `log-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { id } = await ensureSubscriber(env.DB, email, "form", at("01T09:00:00"));
    await confirmSubscriber(env.DB, id, "link", at("01T09:00:00"), at("01T09:05:00"));
    await unsubscribeSubscriber(env.DB, id, at("02T10:00:00"));
    await confirmSubscriber(env.DB, id, "link", at("03T08:00:00"), at("03T08:01:00"));
    await markBounced(env.DB, id, at("04T12:00:00"), []);
    expect(await logOf(id)).toEqual([
      { status: "pending", at: at("01T09:00:00") },
      { status: "active", at: at("01T09:05:00") },
      { status: "unsubscribed", at: at("02T10:00:00") },
      { status: "active", at: at("03T08:01:00") },
      { status: "bounced", at: at("04T12:00:00") },
    ]);
  });

  it("logs an import with consent as active at once, a complaint, and nothing for a change that is not one", async () => {
    const email = `log-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await insertSubscribers(env.DB, [{ email, follows: null }], "active", "import", at("05T09:00:00"));
    const { id } = await ensureSubscriber(env.DB, email, "form", at("05T10:00:00")); // already there: no change
    await markComplained(env.DB, id, at("06T09:00:00"));
    await markComplained(env.DB, id, at("06T10:00:00")); // complained already
    expect(await logOf(id)).toEqual([
      { status: "active", at: at("05T09:00:00") },
      { status: "complained", at: at("06T09:00:00") },
    ]);
  });

  it("loses the address's log when it is erased", async () => {
    const email = `log-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { id } = await ensureSubscriber(env.DB, email, "form", at("07T09:00:00"));
    await confirmSubscriber(env.DB, id, "link", at("07T09:00:00"), at("07T09:01:00"));
    expect((await logOf(id)).length).toBe(2);
    await eraseAddress(env.DB, email, at("08T09:00:00"), []);
    expect(await logOf(id)).toEqual([]);
  });
});

describe("active subscribers per day", () => {
  it("counts the active at the end of each local day, from the log", async () => {
    const now = at("20T12:00:00");
    const { dates, from } = recentDays(now, 5, ZONE);
    expect(dates).toEqual(["2031-03-16", "2031-03-17", "2031-03-18", "2031-03-19", "2031-03-20"]);
    const before = await activeChanges(env.DB, from, now);
    const baseline = activePerDay(dates, before.atStart, before.buckets, ZONE);

    const people = await Promise.all([0, 1, 2].map(async () => (await ensureSubscriber(env.DB, `day-${crypto.randomUUID().slice(0, 8)}@example.com`, "form", at("16T08:00:00"))).id));
    // Two confirm on the 16th (one at 23:50 local: still the 16th), one on the 18th.
    await confirmSubscriber(env.DB, people[0]!, "link", 0, at("16T09:00:00"));
    await confirmSubscriber(env.DB, people[1]!, "link", 0, at("16T23:50:00"));
    await confirmSubscriber(env.DB, people[2]!, "link", 0, at("18T00:10:00"));
    // One leaves on the 19th and comes back the same day: still active at its end.
    await unsubscribeSubscriber(env.DB, people[0]!, at("19T07:00:00"));
    await confirmSubscriber(env.DB, people[0]!, "link", at("19T07:00:00"), at("19T08:00:00"));
    // One bounces on the 20th.
    await markBounced(env.DB, people[1]!, at("20T06:00:00"), []);

    const after = await activeChanges(env.DB, from, now);
    const counts = activePerDay(dates, after.atStart, after.buckets, ZONE);
    expect(counts.map((c, i) => c.active - baseline[i]!.active)).toEqual([2, 2, 3, 3, 2]);
    expect(counts.map((c) => c.date)).toEqual(dates);
  });
});
