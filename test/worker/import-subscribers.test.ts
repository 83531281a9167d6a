// The import as a domain function: rows sorted into added, duplicate and broken, and the
// confirmations handed to the queue — without the route around it.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { importProgress, importSubscribers, MAX_IMPORT_ROWS } from "../../src/admin/import-subscribers.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { ApiError } from "../../src/http/api-error.ts";

const AT = Date.parse("2026-11-26T10:00:00Z");

function deps() {
  const queued: number[][] = [];
  return { queued, deps: { db: env.DB, enqueue: async (ids: number[]) => void queued.push(ids), events: contentIndex.events } };
}

describe("importSubscribers", () => {
  it("adds new addresses as pending, queues one confirmation each, and counts them under the import's id", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const { queued, deps: d } = deps();
    const report = await importSubscribers(d, `email\na-${tag}@example.com\nb-${tag}@example.com\nA-${tag}@EXAMPLE.com\nnot an address\n`, false, AT);
    expect(report).toMatchObject({ imported: 2, status: "pending", confirmationsQueued: 2 });
    expect(report.duplicates).toEqual([{ row: 4, email: `A-${tag}@example.com`, reason: "same as the row on line 2" }]);
    expect(report.errors.map((e) => e.row)).toEqual([5]);
    expect(queued.flat()).toHaveLength(2);
    expect(await importProgress(env.DB, report.importId!)).toEqual({ pending: 2, sending: 0, sent: 0, failed: 0, skipped: 0 });
  });

  it("with consent asserted adds active subscribers and queues nothing", async () => {
    const { queued, deps: d } = deps();
    const report = await importSubscribers(d, `email\nc-${crypto.randomUUID().slice(0, 8)}@example.com\n`, true, AT);
    expect(report).toMatchObject({ imported: 1, status: "active", importId: null, confirmationsQueued: 0 });
    expect(queued.flat()).toEqual([]);
  });

  it.each([
    ["no email column", "name\nx\n", "missing_column"],
    ["an unclosed quote", 'email\n"a@example.com\n', "invalid_csv"],
    ["too many rows", `email\n${"x@example.com\n".repeat(MAX_IMPORT_ROWS + 1)}`, "too_many_rows"],
  ])("refuses %s with an ApiError, adding nobody", async (_name, csv, code) => {
    const { queued, deps: d } = deps();
    await expect(importSubscribers(d, csv, false, AT)).rejects.toSatisfy((e) => e instanceof ApiError && e.code === code);
    expect(queued).toEqual([]);
  });

  it("an id that sent nothing has no progress", async () => {
    expect(await importProgress(env.DB, "import-1-00000000")).toBeUndefined();
  });
});
