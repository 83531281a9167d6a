// The hub's rows: subscriptions, each topic's last fingerprint, and pushes of changes.

export interface HubSubscription {
  id: number;
  topic: string;
  callback: string;
  secret: string | null;
  leaseSeconds: number;
  expiresAt: number;
}

interface SubscriptionRow {
  id: number;
  topic: string;
  callback: string;
  secret: string | null;
  lease_seconds: number;
  expires_at: number;
}

const toSubscription = (r: SubscriptionRow): HubSubscription => ({
  id: r.id,
  topic: r.topic,
  callback: r.callback,
  secret: r.secret,
  leaseSeconds: r.lease_seconds,
  expiresAt: r.expires_at,
});

export interface NewSubscription {
  topic: string;
  callback: string;
  callbackHost: string;
  secret: string | null;
  leaseSeconds: number;
}

/** Creates the subscription, or renews it (new lease, new secret) if it exists; returns its id. */
export async function upsertSubscription(db: D1Database, s: NewSubscription, now: number): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO websub_subscriptions (topic, callback, callback_host, secret, lease_seconds, expires_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
       ON CONFLICT (topic, callback) DO UPDATE SET
         secret = excluded.secret, lease_seconds = excluded.lease_seconds, expires_at = excluded.expires_at,
         dropped_in_a_row = 0, updated_at = excluded.updated_at
       RETURNING id`,
    )
    .bind(s.topic, s.callback, s.callbackHost, s.secret, s.leaseSeconds, now + s.leaseSeconds * 1000, now)
    .first<{ id: number }>();
  return row!.id;
}

/** Removes the subscription and its pushes not made yet; true if there was one. */
export async function deleteSubscription(db: D1Database, topic: string, callback: string): Promise<boolean> {
  const [, deleted] = await db.batch([
    db.prepare("DELETE FROM websub_pushes WHERE subscription_id IN (SELECT id FROM websub_subscriptions WHERE topic = ?1 AND callback = ?2)").bind(topic, callback),
    db.prepare("DELETE FROM websub_subscriptions WHERE topic = ?1 AND callback = ?2").bind(topic, callback),
  ]);
  return (deleted!.meta.changes ?? 0) > 0;
}

export async function findSubscription(db: D1Database, topic: string, callback: string): Promise<HubSubscription | undefined> {
  const row = await db.prepare("SELECT * FROM websub_subscriptions WHERE topic = ?1 AND callback = ?2").bind(topic, callback).first<SubscriptionRow>();
  return row ? toSubscription(row) : undefined;
}

/** Subscriptions counted for the caps: those of one callback host, and all. Expired leases do not count. */
export async function subscriptionCounts(db: D1Database, callbackHost: string, now: number): Promise<{ host: number; total: number }> {
  const row = await db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM websub_subscriptions WHERE callback_host = ?1 AND expires_at > ?2) AS host,
              (SELECT COUNT(*) FROM websub_subscriptions WHERE expires_at > ?2) AS total`,
    )
    .bind(callbackHost, now)
    .first<{ host: number; total: number }>();
  return row!;
}

/** Leases that ran out, removed with their pushes; returns how many. */
export async function removeExpiredSubscriptions(db: D1Database, now: number): Promise<number> {
  const [, deleted] = await db.batch([
    db.prepare("DELETE FROM websub_pushes WHERE subscription_id IN (SELECT id FROM websub_subscriptions WHERE expires_at <= ?1)").bind(now),
    db.prepare("DELETE FROM websub_subscriptions WHERE expires_at <= ?1").bind(now),
  ]);
  return deleted!.meta.changes ?? 0;
}

/** Every topic's fingerprint and version as last recorded. */
export async function topicStates(db: D1Database): Promise<Map<string, { fingerprint: string; version: number }>> {
  const { results } = await db.prepare("SELECT topic, fingerprint, version FROM websub_topics").all<{ topic: string; fingerprint: string; version: number }>();
  return new Map(results.map((r) => [r.topic, { fingerprint: r.fingerprint, version: r.version }]));
}

/** Records a topic's first fingerprint (version 0), unless another check did first. */
export async function recordTopic(db: D1Database, topic: string, fingerprint: string, now: number): Promise<void> {
  await db.prepare("INSERT OR IGNORE INTO websub_topics (topic, fingerprint, version, changed_at) VALUES (?1, ?2, 0, ?3)").bind(topic, fingerprint, now).run();
}

/**
 * Moves a topic from the fingerprint this check saw to the new one, and makes the pushes of
 * that change to every live subscription of the topic and every external hub, in one batch.
 * Only the check whose compare-and-set wins gets the new version; the pushes are keyed by it,
 * so a second check at the same moment makes none. Returns the new pushes' ids.
 */
export async function recordChange(
  db: D1Database,
  change: { topic: string; from: string; to: string; version: number; hubs: readonly string[] },
  now: number,
): Promise<number[]> {
  const next = change.version + 1;
  const moved = db
    .prepare("UPDATE websub_topics SET fingerprint = ?2, version = ?4, changed_at = ?5 WHERE topic = ?1 AND fingerprint = ?3 AND version = ?4 - 1")
    .bind(change.topic, change.to, change.from, next, now);
  // Each statement below is guarded by the move above having happened (the row now holds `next`).
  const guard = "EXISTS (SELECT 1 FROM websub_topics t WHERE t.topic = ?1 AND t.version = ?2 AND t.changed_at = ?3 AND t.fingerprint = ?4)";
  // A push of an earlier change still waiting would carry the same feed as the new one: it goes.
  const superseded = db
    .prepare(
      `UPDATE websub_pushes SET status = 'superseded', updated_at = ?3
       WHERE topic = ?1 AND status = 'pending' AND version < ?2 AND (claimed_until IS NULL OR claimed_until <= ?3) AND ${guard}`,
    )
    .bind(change.topic, next, now, change.to);
  const toSubscribers = db
    .prepare(
      `INSERT OR IGNORE INTO websub_pushes (target, subscription_id, topic, version, status, next_at, created_at, updated_at)
       SELECT 'sub:' || s.id, s.id, s.topic, ?2, 'pending', ?3, ?3, ?3
       FROM websub_subscriptions s
       WHERE s.topic = ?1 AND s.expires_at > ?3
         AND ${guard}
       RETURNING id`,
    )
    .bind(change.topic, next, now, change.to);
  const toHubs = change.hubs.map((hub) =>
    db
      .prepare(
        `INSERT OR IGNORE INTO websub_pushes (target, subscription_id, topic, version, status, next_at, created_at, updated_at)
         SELECT 'hub:' || ?5, NULL, ?1, ?2, 'pending', ?3, ?3, ?3
         WHERE ${guard}
         RETURNING id`,
      )
      .bind(change.topic, next, now, change.to, hub),
  );
  const [movedResult, , ...inserted] = await db.batch<{ id: number }>([moved, superseded, toSubscribers, ...toHubs]);
  if ((movedResult!.meta.changes ?? 0) === 0) return [];
  return inserted.flatMap((r) => r.results.map((row) => row.id));
}

export interface Push {
  id: number;
  topic: string;
  attempts: number;
  /** The subscription pushed to, or the external hub pinged. */
  to: { kind: "subscription"; subscription: HubSubscription } | { kind: "hub"; hub: string };
}

/**
 * Takes a pending push that is due and not held by another consumer, for `leaseMs`. A push
 * whose subscription is gone is no longer there (its row went with it).
 */
export async function claimPush(db: D1Database, id: number, now: number, leaseMs: number): Promise<Push | undefined> {
  const row = await db
    .prepare(
      `UPDATE websub_pushes SET claimed_until = ?3, attempts = attempts + 1, updated_at = ?2
       WHERE id = ?1 AND status = 'pending' AND next_at <= ?2 AND (claimed_until IS NULL OR claimed_until <= ?2)
       RETURNING id, target, subscription_id, topic, attempts`,
    )
    .bind(id, now, now + leaseMs)
    .first<{ id: number; target: string; subscription_id: number | null; topic: string; attempts: number }>();
  if (!row) return undefined;
  if (row.subscription_id === null) return { id: row.id, topic: row.topic, attempts: row.attempts, to: { kind: "hub", hub: row.target.slice(4) } };
  const sub = await db.prepare("SELECT * FROM websub_subscriptions WHERE id = ?1").bind(row.subscription_id).first<SubscriptionRow>();
  if (!sub) return undefined;
  return { id: row.id, topic: row.topic, attempts: row.attempts, to: { kind: "subscription", subscription: toSubscription(sub) } };
}

/** The push went through: done, and its subscription's run of drops starts again. */
export async function markPushSent(db: D1Database, push: Push, now: number): Promise<void> {
  const statements = [db.prepare("UPDATE websub_pushes SET status = 'sent', claimed_until = NULL, last_error = NULL, updated_at = ?2 WHERE id = ?1").bind(push.id, now)];
  if (push.to.kind === "subscription") statements.push(db.prepare("UPDATE websub_subscriptions SET dropped_in_a_row = 0 WHERE id = ?1").bind(push.to.subscription.id));
  await db.batch(statements);
}

/** The attempt failed; it is tried again at `nextAt`. */
export async function markPushRetry(db: D1Database, id: number, error: string, nextAt: number, now: number): Promise<void> {
  await db.prepare("UPDATE websub_pushes SET claimed_until = NULL, next_at = ?3, last_error = ?2, updated_at = ?4 WHERE id = ?1").bind(id, error, nextAt, now).run();
}

/**
 * The push is given up. A subscription whose pushes were dropped `dropLimit` times in a row
 * is removed (its callback has stopped taking them); returns whether it was.
 */
export async function markPushDropped(db: D1Database, push: Push, error: string, dropLimit: number, now: number): Promise<boolean> {
  const drop = db.prepare("UPDATE websub_pushes SET status = 'dropped', claimed_until = NULL, last_error = ?2, updated_at = ?3 WHERE id = ?1").bind(push.id, error, now);
  if (push.to.kind === "hub") {
    await drop.run();
    return false;
  }
  const id = push.to.subscription.id;
  const [, counted] = await db.batch([
    drop,
    db.prepare("UPDATE websub_subscriptions SET dropped_in_a_row = dropped_in_a_row + 1 WHERE id = ?1 RETURNING dropped_in_a_row").bind(id),
  ]);
  const dropped = (counted!.results[0] as { dropped_in_a_row: number } | undefined)?.dropped_in_a_row ?? 0;
  if (dropped < dropLimit) return false;
  await removeSubscriptionById(db, id);
  return true;
}

/** The callback answered 410 Gone, or ran out of drops: it and its pushes go. */
export async function removeSubscriptionById(db: D1Database, id: number): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM websub_pushes WHERE subscription_id = ?1").bind(id),
    db.prepare("DELETE FROM websub_subscriptions WHERE id = ?1").bind(id),
  ]);
}

/** Pending pushes due before `before` and held by nobody: their queue message may be lost. */
export async function strandedPushIds(db: D1Database, before: number, now: number, limit = 500): Promise<number[]> {
  const { results } = await db
    .prepare("SELECT id FROM websub_pushes WHERE status = 'pending' AND next_at <= ?1 AND (claimed_until IS NULL OR claimed_until <= ?2) ORDER BY next_at LIMIT ?3")
    .bind(before, now, limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Finished pushes, wakes and builds older than `before` are of no further use (a build's row only has to outlive its deploy's first requests). */
export async function pruneFinishedPushes(db: D1Database, before: number): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM websub_pushes WHERE status IN ('sent', 'dropped', 'superseded') AND updated_at < ?1").bind(before),
    db.prepare("DELETE FROM websub_wakes WHERE at < ?1").bind(before),
    db.prepare("DELETE FROM websub_builds WHERE seen_at < ?1").bind(before),
  ]);
}

/** Marks `at` as armed; true if this call was the first to. */
export async function armWake(db: D1Database, at: number): Promise<boolean> {
  const result = await db.prepare("INSERT OR IGNORE INTO websub_wakes (at) VALUES (?1)").bind(at).run();
  return (result.meta.changes ?? 0) > 0;
}

export interface SubscriptionView {
  topic: string;
  callback: string;
  signed: boolean;
  leaseSeconds: number;
  expiresAt: number;
  createdAt: number;
  droppedInARow: number;
  /** Its pushes kept (see PUSH_KEEP_MS), by status. */
  pushes: { pending: number; sent: number; dropped: number; superseded: number };
  lastError: string | null;
}

export async function subscriptionCount(db: D1Database): Promise<number> {
  return (await db.prepare("SELECT COUNT(*) AS n FROM websub_subscriptions").first<{ n: number }>())!.n;
}

/** Every subscription with its pushes' counts, newest first, for the authors. */
export async function subscriptionViews(db: D1Database, limit: number): Promise<SubscriptionView[]> {
  const { results } = await db
    .prepare(
      `SELECT s.topic, s.callback, s.secret IS NOT NULL AS signed, s.lease_seconds, s.expires_at, s.created_at, s.dropped_in_a_row,
              COUNT(CASE WHEN p.status = 'pending' THEN 1 END) AS pending,
              COUNT(CASE WHEN p.status = 'sent' THEN 1 END) AS sent,
              COUNT(CASE WHEN p.status = 'dropped' THEN 1 END) AS dropped,
              COUNT(CASE WHEN p.status = 'superseded' THEN 1 END) AS superseded,
              (SELECT last_error FROM websub_pushes e WHERE e.subscription_id = s.id AND e.last_error IS NOT NULL ORDER BY e.updated_at DESC LIMIT 1) AS last_error
       FROM websub_subscriptions s LEFT JOIN websub_pushes p ON p.subscription_id = s.id
       GROUP BY s.id ORDER BY s.id DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<{ topic: string; callback: string; signed: number; lease_seconds: number; expires_at: number; created_at: number; dropped_in_a_row: number; pending: number; sent: number; dropped: number; superseded: number; last_error: string | null }>();
  return results.map((r) => ({
    topic: r.topic,
    callback: r.callback,
    signed: r.signed === 1,
    leaseSeconds: r.lease_seconds,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    droppedInARow: r.dropped_in_a_row,
    pushes: { pending: r.pending, sent: r.sent, dropped: r.dropped, superseded: r.superseded },
    lastError: r.last_error,
  }));
}

/** Records a content build as seen; true if this call was the first to. */
export async function recordBuild(db: D1Database, buildId: string, now: number): Promise<boolean> {
  const result = await db.prepare("INSERT OR IGNORE INTO websub_builds (build_id, seen_at) VALUES (?1, ?2)").bind(buildId, now).run();
  return (result.meta.changes ?? 0) > 0;
}
