// What `npm run send` says about a send with rows waiting for their recipients' times, from
// answers shaped like the API's, read in pinned zones (the terminal's own does not matter).
import { describe, expect, it } from "vitest";
import { instantLabel } from "../../src/cli/instant-label.ts";
import { barStatus, dueLines, finishedRows, onlyScheduledLeft, summaryLine, waitingSentence, type WatchedSend } from "../../src/cli/send-lines.ts";

const NOW = Date.parse("2026-12-01T14:00:00Z");

function send(over: Partial<WatchedSend> = {}): WatchedSend {
  return {
    id: 7, kind: "daily", date: "2026-12-01", status: "sending", reason: null, subject: "Day 1",
    total: 3_530, sent: 10, failed: 0, skipped: 0, unknown: 0, erased: 0, pending: 120, inFlight: 0, stalledSince: null, rate: 14,
    createdAt: "2026-12-01T13:59:00.000Z", startedAt: "2026-12-01T13:59:00.000Z", finishedAt: null, events: null, variants: [],
    scheduled: 3_400, nextDueAt: "2026-12-02T06:00:00.000Z", lastDueAt: "2026-12-02T13:30:00.000Z",
    ...over,
  };
}

describe("instantLabel", () => {
  it.each([
    ["2026-12-01T18:00:00Z", "Europe/Berlin", "19:00 UTC+01:00"],
    ["2026-12-02T06:00:00Z", "Europe/Berlin", "Wed 2 Dec 07:00 UTC+01:00"],
    // 14:00Z is already 19:45 on 1 Dec in Kathmandu, so 01:00Z the next day is 2 Dec there.
    ["2026-12-01T17:00:00Z", "Asia/Kathmandu", "22:45 UTC+05:45"],
    ["2026-12-02T01:00:00Z", "Asia/Kathmandu", "Wed 2 Dec 06:45 UTC+05:45"],
    ["2026-12-01T23:00:00Z", "Asia/Tokyo", "Wed 2 Dec 08:00 UTC+09:00"],
    ["2026-12-02T06:00:00Z", "America/St_Johns", "Wed 2 Dec 02:30 UTC-03:30"],
    ["2026-12-01T23:59:00Z", "UTC", "23:59 UTC+00:00"],
  ])("%s in %s reads %s (the day only when it is not today there)", (iso, zone, label) => {
    expect(instantLabel(iso, NOW, zone)).toBe(label);
  });
});

describe("the summary and the bar", () => {
  it("counts the scheduled rows apart from the pending ones, with the next due time", () => {
    expect(summaryLine(send(), NOW, "Europe/Berlin")).toBe("Send #7 sending: 10 sent, 0 failed, 0 skipped, 0 unknown, 120 pending, 3,400 scheduled (next Wed 2 Dec 07:00 UTC+01:00) of 3,530.");
    expect(finishedRows(send())).toBe(10);
    expect(onlyScheduledLeft(send())).toBe(false);
  });

  it("says nothing of scheduling when nothing is scheduled, or the server is from before delivery times", () => {
    const done = send({ status: "done", total: 2, sent: 2, pending: 0, scheduled: 0, nextDueAt: null, lastDueAt: null });
    expect(summaryLine(done, NOW)).toBe("Send #7 done: 2 sent, 0 failed, 0 skipped, 0 unknown, 0 pending of 2.");
    const { scheduled: _s, nextDueAt: _n, lastDueAt: _l, ...older } = done;
    expect(summaryLine(older, NOW)).toBe("Send #7 done: 2 sent, 0 failed, 0 skipped, 0 unknown, 0 pending of 2.");
    expect(finishedRows({ ...older, status: "sending", pending: 1 })).toBe(1);
  });

  it("a send with only scheduled rows open is waiting for its recipients' times, not stuck, even if shown as stalled", () => {
    for (const status of ["sending", "stalled"] as const) {
      const waiting = send({ status, reason: status === "stalled" ? "no row moved for 10 minutes" : null, sent: 130, pending: 0 });
      expect(onlyScheduledLeft(waiting)).toBe(true);
      expect(summaryLine(waiting, NOW, "Europe/Berlin")).toBe("Send #7 waiting for its recipients' times: 130 sent, 0 failed, 0 skipped, 0 unknown, 0 pending, 3,400 scheduled (next Wed 2 Dec 07:00 UTC+01:00) of 3,530.");
      expect(barStatus(waiting, NOW, "Europe/Berlin")).toBe("waiting for recipients' times (next Wed 2 Dec 07:00 UTC+01:00)");
      expect(waitingSentence(waiting, NOW, "Europe/Berlin")).toBe(
        "Everything due so far has gone out; the 3,400 left go out by themselves at their recipients' times. The last is due at Wed 2 Dec 14:30 UTC+01:00. To look again: npm run send -- --status 7 (add --follow to watch it to the end).",
      );
    }
    // Rows in flight or due, or a pause, are not "only waiting".
    expect(onlyScheduledLeft(send({ pending: 0, inFlight: 3 }))).toBe(false);
    expect(onlyScheduledLeft(send({ pending: 0, status: "paused" }))).toBe(false);
    expect(onlyScheduledLeft(send({ pending: 0, status: "waiting" }))).toBe(false);
  });
});

describe("the dry run's due times", () => {
  it("lists the hours that hold anyone, after the count due at once", () => {
    const hour = (i: number, count: number) => ({ from: new Date(NOW + i * 3_600_000).toISOString(), to: new Date(NOW + (i + 1) * 3_600_000).toISOString(), count });
    expect(dueLines({ atOnce: 3_334, hours: [hour(0, 1_200), hour(1, 0), hour(2, 2)] }, NOW, "UTC")).toEqual([
      "Due: 3,334 at once, 1,202 later at their recipients' own times, per hour:",
      "  14:00 UTC+00:00 – 15:00 UTC+00:00: 1,200",
      "  16:00 UTC+00:00 – 17:00 UTC+00:00: 2",
    ]);
    expect(dueLines({ atOnce: 5, hours: [] }, NOW)).toEqual(["Due: all 5 at once."]);
    expect(dueLines(undefined, NOW)).toEqual([]);
  });
});
