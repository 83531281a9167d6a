// A send's variants: one rendered email per distinct set of the day's events its recipients
// follow (sending/variant-rule.ts). Variant 0 is the whole day, whose email is the send's own
// snapshot (sends.snapshot); the others carry theirs here.
import type { EmailSnapshot } from "../email/snapshot.ts";
import { sendSnapshot } from "./sends.ts";

export interface SendVariant {
  variant: number;
  events: string[];
  subject: string;
  /** Ledger rows given this variant, counted as they are made. */
  recipients: number;
}

export async function listVariants(db: D1Database, sendId: number): Promise<SendVariant[]> {
  const { results } = await db
    .prepare("SELECT variant, events, subject, recipients FROM send_variants WHERE send_id = ?1 ORDER BY variant")
    .bind(sendId)
    .all<{ variant: number; events: string; subject: string; recipients: number }>();
  return results.map((r) => ({ variant: r.variant, events: JSON.parse(r.events) as string[], subject: r.subject, recipients: r.recipients }));
}

/**
 * Records a variant and returns its number: 0 for the whole day (no snapshot: its email is the send's),
 * else the next free number. Two steps rendering the same variant at once agree on one row.
 */
export async function insertVariant(db: D1Database, sendId: number, variant: { events: readonly string[]; subject: string; snapshot: EmailSnapshot | null }, now: number): Promise<number> {
  const events = JSON.stringify([...variant.events].sort());
  const whole = variant.snapshot === null;
  const stored = variant.snapshot && JSON.stringify({ html: variant.snapshot.html, text: variant.snapshot.text, markers: variant.snapshot.markers });
  for (let attempt = 0; attempt < 5; attempt++) {
    await db
      .prepare(
        `INSERT INTO send_variants (send_id, variant, events, subject, snapshot, created_at)
         SELECT ?1, CASE WHEN ?5 = 1 THEN 0 ELSE COALESCE(MAX(variant), 0) + 1 END, ?2, ?3, ?4, ?6 FROM send_variants WHERE send_id = ?1
         ON CONFLICT DO NOTHING`,
      )
      .bind(sendId, events, variant.subject, stored, whole ? 1 : 0, now)
      .run();
    // Ours, or the one a racing step made first; none when another variant took the number: again.
    const row = await db.prepare("SELECT variant FROM send_variants WHERE send_id = ?1 AND events = ?2").bind(sendId, events).first<{ variant: number }>();
    if (row) return row.variant;
  }
  throw new Error(`could not record a variant of send ${sendId}`);
}

/** The email a variant's messages are made from; variant 0 is the send's own snapshot. */
export async function variantSnapshot(db: D1Database, sendId: number, variant: number): Promise<EmailSnapshot | undefined> {
  if (variant === 0) return sendSnapshot(db, sendId);
  const row = await db
    .prepare("SELECT s.date, v.subject, v.snapshot FROM send_variants v JOIN sends s ON s.id = v.send_id WHERE v.send_id = ?1 AND v.variant = ?2")
    .bind(sendId, variant)
    .first<{ date: string; subject: string; snapshot: string | null }>();
  if (!row?.snapshot) return undefined;
  const stored = JSON.parse(row.snapshot) as Pick<EmailSnapshot, "html" | "text" | "markers">;
  return { date: row.date, subject: row.subject, preheader: "", postSlugs: [], summarized: [], ...stored };
}
