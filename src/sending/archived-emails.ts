// The public archive of daily emails (/emails): a day whose send went out is the web version
// that send froze, byte for byte, whatever became of the content or the settings since; any
// other due day is rendered from today's content, as before sends recorded anything.
import { emailDates, type Schedule } from "../content/schedule.ts";
import type { ContentIndex } from "../content/types.ts";
import { frozenDays, frozenWebHtml } from "../db/web-versions.ts";
import type { ArchiveEntry } from "../pages/email-archive-page.ts";

/**
 * Every day of the archive, newest first: the due days, and the days whose send went out (an
 * early send included); a day that went out lists the titles its send carried, as sent.
 */
export async function archiveDays(db: D1Database, index: ContentIndex, schedule: Schedule, now: number): Promise<ArchiveEntry[]> {
  const days = new Map(emailDates(index, schedule, now).map((d) => [d.date, d.posts.map((p) => p.title)]));
  for (const sent of await frozenDays(db)) days.set(sent.date, sent.titles);
  return [...days].map(([date, titles]) => ({ date, titles })).sort((a, b) => b.date.localeCompare(a.date));
}

/** The web version `date`'s send froze, if it went out. */
export async function frozenEmail(db: D1Database, date: string): Promise<string | undefined> {
  return frozenWebHtml(db, date);
}
