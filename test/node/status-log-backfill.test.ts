// Migration 0016 on a list that already exists: the log it starts from is the history the
// subscriber rows still tell (created, confirmed, the way out each took), run by SQLite
// itself (node:sqlite) on the real migration files.
import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { expect, it } from "vitest";

const DIR = new URL("../../src/db/migrations/", import.meta.url);

it("backfills the status log from the subscriber rows", () => {
  const db = new DatabaseSync(":memory:");
  const files = readdirSync(DIR).filter((f) => f.endsWith(".sql")).sort();
  const log = files.indexOf("0016_subscriber_status_log.sql");
  expect(log).toBeGreaterThan(0);
  for (const f of files.slice(0, log)) db.exec(readFileSync(new URL(f, DIR), "utf8"));
  const add = db.prepare(
    "INSERT INTO subscribers (email, status, source, created_at, updated_at, consent_at, unsubscribed_at, bounced_at, complained_at) VALUES (?, ?, 'form', ?, ?, ?, ?, ?, ?)",
  );
  add.run("pending@example.com", "pending", 100, 100, null, null, null, null);
  add.run("confirmed@example.com", "active", 100, 200, 200, null, null, null);
  add.run("imported@example.com", "active", 300, 300, 300, null, null, null);
  add.run("left@example.com", "unsubscribed", 100, 500, 200, 500, null, null);
  add.run("bounced@example.com", "bounced", 100, 600, 200, null, 600, null);
  add.run("complained@example.com", "complained", 100, 700, 200, null, null, 700);
  for (const f of files.slice(log)) db.exec(readFileSync(new URL(f, DIR), "utf8"));

  const rows = db.prepare("SELECT s.email, l.status, l.at FROM subscriber_status_log l JOIN subscribers s ON s.id = l.subscriber_id ORDER BY s.id, l.at, l.id").all();
  const byEmail = (email: string) => rows.filter((r) => r.email === email).map((r) => [r.status, r.at]);
  expect(byEmail("pending@example.com")).toEqual([["pending", 100]]);
  expect(byEmail("confirmed@example.com")).toEqual([["pending", 100], ["active", 200]]);
  expect(byEmail("imported@example.com")).toEqual([["active", 300]]);
  expect(byEmail("left@example.com")).toEqual([["pending", 100], ["active", 200], ["unsubscribed", 500]]);
  expect(byEmail("bounced@example.com")).toEqual([["pending", 100], ["active", 200], ["bounced", 600]]);
  expect(byEmail("complained@example.com")).toEqual([["pending", 100], ["active", 200], ["complained", 700]]);
});
