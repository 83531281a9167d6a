// Sends and delivery rows written straight into the ledger, with the figures and times a
// desk test wants to see on its pages (no queue, no SES).
import { env } from "cloudflare:test";

export interface SeedRow {
  status: "pending" | "claimed" | "sending" | "sent" | "failed" | "skipped" | "unknown";
  updatedAt: number;
}

export async function seedSend(options: { date?: string; status: string; kind?: "daily" | "test"; rows: SeedRow[]; at: number; compacted?: Record<string, number> }): Promise<number> {
  const { date = "2015-11-09", status, kind = "daily", rows, at } = options;
  const send = await env.DB.prepare(
    "INSERT INTO sends (kind, date, daily_date, status, subject, prepared, total, created_at, started_at, updated_at, compacted_counts) VALUES (?1, ?2, ?3, ?4, 'Seeded subject', 1, ?5, ?6, ?6, ?6, ?7) RETURNING id",
  )
    .bind(kind, date, kind === "test" ? null : date, status, rows.length, at, options.compacted ? JSON.stringify(options.compacted) : null)
    .first<{ id: number }>();
  const id = send!.id;
  if (rows.length) {
    await env.DB.batch(rows.map((r, i) => env.DB.prepare("INSERT INTO deliveries (send_id, email, status, updated_at) VALUES (?1, ?2, ?3, ?4)").bind(id, `seed-${id}-${i}@seed.example`, r.status, r.updatedAt)));
  }
  return id;
}

export const rowsOf = (status: SeedRow["status"], count: number, updatedAt: number): SeedRow[] => Array.from({ length: count }, () => ({ status, updatedAt }));
