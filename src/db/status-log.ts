// The subscriber status log (migration 0016, written by triggers) read as changes of the
// active count: +1 when someone becomes active, −1 when an active subscriber leaves.

/** Quarter hours: every zone's midnight falls on one, so a bucket lies within one local day. */
export const BUCKET_MS = 15 * 60_000;

export interface ActiveChanges {
  /** Active subscribers at `from`. */
  atStart: number;
  /** Net changes in [from, to], per quarter hour that had any (bucket = its start, epoch ms). */
  buckets: { start: number; delta: number }[];
}

export async function activeChanges(db: D1Database, from: number, to: number): Promise<ActiveChanges> {
  const { results } = await db
    .prepare(
      `WITH changes AS (
         SELECT at,
                (status = 'active') - (COALESCE(LAG(status) OVER (PARTITION BY subscriber_id ORDER BY at, id), '') = 'active') AS delta
         FROM subscriber_status_log WHERE at <= ?2
       )
       SELECT CASE WHEN at < ?1 THEN NULL ELSE (at / ?3) * ?3 END AS start, SUM(delta) AS delta
       FROM changes GROUP BY start HAVING SUM(delta) <> 0 ORDER BY start`,
    )
    .bind(from, to, BUCKET_MS)
    .all<{ start: number | null; delta: number }>();
  const atStart = results.find((r) => r.start === null)?.delta ?? 0;
  return { atStart, buckets: results.filter((r) => r.start !== null).map((r) => ({ start: r.start!, delta: r.delta })) };
}
