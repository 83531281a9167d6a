// Sends and delivery rows written straight into the ledger, with the figures and times a
// desk test wants to see on its pages (no queue, no SES).
import { env } from "cloudflare:test";

export interface SeedRow {
  status: "pending" | "claimed" | "sending" | "sent" | "failed" | "skipped" | "unknown";
  updatedAt: number;
  /** A pending row waiting for its recipient's own delivery time. */
  dueAt?: number;
}

export async function seedSend(options: { date?: string; status: string; kind?: "daily" | "manual" | "test"; rows: SeedRow[]; at: number; compacted?: Record<string, number>; prepared?: boolean }): Promise<number> {
  const { date = "2015-11-09", status, kind = "daily", rows, at, prepared = true } = options;
  const send = await env.DB.prepare(
    "INSERT INTO sends (kind, date, daily_date, status, subject, prepared, total, created_at, started_at, updated_at, compacted_counts) VALUES (?1, ?2, ?3, ?4, 'Seeded subject', ?8, ?5, ?6, ?6, ?6, ?7) RETURNING id",
  )
    .bind(kind, date, kind === "test" ? null : date, status, rows.length, at, options.compacted ? JSON.stringify(options.compacted) : null, prepared ? 1 : 0)
    .first<{ id: number }>();
  const id = send!.id;
  if (rows.length) {
    await env.DB.batch(rows.map((r, i) => env.DB.prepare("INSERT INTO deliveries (send_id, email, status, updated_at, due_at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(id, seedAddress(id, i), r.status, r.updatedAt, r.dueAt ?? null)));
  }
  return id;
}

/** The address of a seeded send's `index`th row. */
export const seedAddress = (sendId: number, index: number) => `seed-${sendId}-${index}@seed.example`;

export const rowsOf = (status: SeedRow["status"], count: number, updatedAt: number, dueAt?: number): SeedRow[] => Array.from({ length: count }, () => ({ status, updatedAt, ...(dueAt === undefined ? {} : { dueAt }) }));
