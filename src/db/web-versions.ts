// Reads of the web versions daily and manual sends froze (sends.web_html), for /emails.

/**
 * A send whose email may be in someone's inbox: sending, paused or done, and also cancelled
 * or failed, since what went out before the stop links to this web version ("View in
 * browser"). A skipped day never went out and froze nothing.
 */
const WENT_OUT = "status IN ('sending', 'paused', 'done', 'cancelled', 'failed') AND web_html IS NOT NULL";

/** The frozen web version of `date`'s send, if that send went out. */
export async function frozenWebHtml(db: D1Database, date: string): Promise<string | undefined> {
  const row = await db.prepare(`SELECT web_html FROM sends WHERE daily_date = ?1 AND ${WENT_OUT}`).bind(date).first<{ web_html: string }>();
  return row?.web_html;
}

/** The dates whose send went out, newest first, each with the titles of the posts it carried (as sent). */
export async function frozenDays(db: D1Database): Promise<{ date: string; titles: string[] }[]> {
  const { results } = await db
    .prepare(`SELECT daily_date, carried_posts FROM sends WHERE daily_date IS NOT NULL AND ${WENT_OUT} ORDER BY daily_date DESC`)
    .all<{ daily_date: string; carried_posts: string | null }>();
  return results.map((r) => ({ date: r.daily_date, titles: ((r.carried_posts ? JSON.parse(r.carried_posts) : []) as { title: string }[]).map((p) => p.title) }));
}
