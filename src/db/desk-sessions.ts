// The desk's session rows (migration 0017). Ids are stored as their hashes.

export interface DeskSessionRow {
  idHash: string;
  tokenHash: string;
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

export async function insertDeskSession(db: D1Database, row: DeskSessionRow): Promise<void> {
  // Expired rows of anyone go as a new session opens: the table holds live sessions only.
  await db.batch([
    db.prepare("DELETE FROM desk_sessions WHERE expires_at <= ?1").bind(row.createdAt),
    db
      .prepare("INSERT INTO desk_sessions (id_hash, token_hash, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(row.idHash, row.tokenHash, row.csrf, row.createdAt, row.expiresAt),
  ]);
}

export async function findDeskSession(db: D1Database, idHash: string): Promise<DeskSessionRow | undefined> {
  const row = await db
    .prepare("SELECT id_hash AS idHash, token_hash AS tokenHash, csrf, created_at AS createdAt, expires_at AS expiresAt FROM desk_sessions WHERE id_hash = ?1")
    .bind(idHash)
    .first<DeskSessionRow>();
  return row ?? undefined;
}

export async function deleteDeskSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare("DELETE FROM desk_sessions WHERE id_hash = ?1").bind(idHash).run();
}
