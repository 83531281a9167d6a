// The posts a date's send carries, from the sends' own record (db/carried-posts.ts) by the
// rule in content/send-posts.ts. The real send, a test send, the dry run and the preview
// all ask here, so what an author looks at is what the day's send would carry.
import { candidatesOfSend, postsOfSend, type SendPosts } from "../content/send-posts.ts";
import { carriedAmong, previousSend } from "../db/carried-posts.ts";
import { renderPosts } from "../email/render-day.ts";
import type { RenderOptions } from "../email/render-daily.ts";
import type { EmailSnapshot } from "../email/snapshot.ts";
import type { SendingDeps } from "./sending-deps.ts";

export type DayDeps = Pick<SendingDeps, "db" | "index" | "config" | "bodies">;

export async function postsForSend(deps: Omit<DayDeps, "bodies">, date: string, now: number): Promise<SendPosts> {
  const previous = await previousSend(deps.db, date);
  // Only the candidates' slugs are looked up, so the read stays small however long the record grows.
  const candidates = candidatesOfSend(deps.index, date, deps.config, now, previous);
  const carried = await carriedAmong(deps.db, date, candidates.posts.map((p) => p.slug));
  return postsOfSend(deps.index, date, deps.config, now, { previous, carried });
}

/** The email of `date` as its send would carry it, and that choice; undefined when it would carry no post. */
export async function renderSendDay(deps: DayDeps, date: string, now: number, options: RenderOptions): Promise<{ snapshot: EmailSnapshot; chosen: SendPosts } | undefined> {
  const chosen = await postsForSend(deps, date, now);
  const snapshot = await renderPosts(deps.config, deps.index, deps.bodies, date, chosen.posts, options);
  return snapshot ? { snapshot, chosen } : undefined;
}
