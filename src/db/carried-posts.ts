// Reads of what daily and manual sends carried (sends.carried_posts, cut_off_at), for the
// rule in content/send-posts.ts. A send made before these columns existed has them NULL and
// counts as carrying nothing known.
import type { PreviousSend } from "../content/send-posts.ts";

/** The daily or manual send with the latest date before `date`, if it recorded its cut-off. */
export async function previousSend(db: D1Database, date: string): Promise<PreviousSend | undefined> {
  const row = await db
    .prepare("SELECT daily_date, cut_off_at FROM sends WHERE daily_date < ?1 ORDER BY daily_date DESC LIMIT 1")
    .bind(date)
    .first<{ daily_date: string; cut_off_at: number | null }>();
  // The latest earlier send is the one that counts: an older one's cut-off says nothing about
  // what a send without a record took after it.
  return row && row.cut_off_at !== null ? { date: row.daily_date, cutOffMs: row.cut_off_at } : undefined;
}

/** Which of `slugs` a daily or manual send of another date than `date` carried. */
export async function carriedAmong(db: D1Database, date: string, slugs: readonly string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT DISTINCT json_extract(c.value, '$.slug') AS slug FROM sends s, json_each(s.carried_posts) c
       WHERE s.daily_date IS NOT NULL AND s.daily_date <> ?1 AND json_extract(c.value, '$.slug') IN (SELECT value FROM json_each(?2))`,
    )
    .bind(date, JSON.stringify(slugs))
    .all<{ slug: string }>();
  return new Set(results.map((r) => r.slug));
}

/** The slugs of the posts a daily or manual send carries, oldest first; empty for others. */
export async function carriedSlugs(db: D1Database, id: number): Promise<string[]> {
  const row = await db.prepare("SELECT carried_posts FROM sends WHERE id = ?1").bind(id).first<{ carried_posts: string | null }>();
  return row?.carried_posts ? (JSON.parse(row.carried_posts) as { slug: string }[]).map((p) => p.slug) : [];
}
