// What the Today page is about: which date's email comes next, the other dates an author may
// pick, whether the date's daily send exists, and what sending it would do (the API's dry run).
import { dailySendsOf, type DailySendOf } from "../db/daily-sends.ts";
import { dateOf, dueAt, emailDates, isDue, postsOfDay } from "../content/schedule.ts";
import { ApiError } from "../http/api-error.ts";
import { requestSend } from "../sending/author-sends.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";

/** Dates listed as links on the page: the newest ones; ?date= reaches any other. */
const LISTED_DATES = 30;

export interface DatedEmail {
  date: string;
  /** Its daily (or manual) send, if one was made. */
  send: DailySendOf | undefined;
}

export interface DryRun {
  subject: string;
  recipients: number;
  /** Of those, how many would be mailed at once; the rest wait for their own delivery time. */
  atOnce: number;
  variants: { events: string[]; subject: string; recipients: number }[];
}

export interface TodayPlan {
  date: string;
  dueMs: number;
  due: boolean;
  /** SEND_LATENESS_HOURS when the date, unsent, is due longer ago than that: the daily job would skip it. */
  tooLateHours: number | undefined;
  send: DailySendOf | undefined;
  /** What a send made now would do; undefined when the day has no posts. */
  dryRun: DryRun | undefined;
  /** Why there is no dry run, in a sentence. */
  noPosts: string | undefined;
  dates: DatedEmail[];
}

/**
 * The dates with an email, newest first: the coming one (posts published, not due yet) and
 * every date already due.
 */
export async function datedEmails(deps: SendingDeps, now: number): Promise<DatedEmail[]> {
  const coming = dateOf(now, deps.config);
  const dates = emailDates(deps.index, deps.config, now).map((d) => d.date);
  if (!isDue(coming, deps.config, now) && postsOfDay(deps.index, coming, deps.config, now).length > 0) dates.unshift(coming);
  const listed = dates.slice(0, LISTED_DATES);
  const sends = await dailySendsOf(deps.db, listed);
  return listed.map((date) => ({ date, send: sends.get(date) }));
}

/** The next email: the newest date with posts whose daily send has not been made, else the newest. */
export function nextDate(dates: readonly DatedEmail[]): string | undefined {
  return (dates.find((d) => d.send === undefined) ?? dates[0])?.date;
}

export async function todayPlan(deps: SendingDeps, asked: string | undefined): Promise<TodayPlan | undefined> {
  const now = deps.now();
  const dates = await datedEmails(deps, now);
  const date = asked ?? nextDate(dates);
  if (date === undefined) return undefined;
  const send = dates.find((d) => d.date === date)?.send ?? (await dailySendsOf(deps.db, [date])).get(date);
  let dryRun: DryRun | undefined;
  let noPosts: string | undefined;
  try {
    const answer = (await requestSend(deps, { date, dryRun: true })).body as Omit<DryRun, "atOnce"> & { due?: { atOnce: number } };
    const recipients = answer.recipients ?? 0;
    dryRun = { subject: answer.subject, recipients, atOnce: answer.due?.atOnce ?? recipients, variants: answer.variants ?? [] };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "no_posts")) throw err;
    noPosts = `${date} has no published posts that its email would carry, so there is nothing to send.`;
  }
  const dueMs = dueAt(date, deps.config);
  const late = send === undefined && now - dueMs > deps.config.sendLatenessHours * 3_600_000;
  return { date, dueMs, due: isDue(date, deps.config, now), tooLateHours: late ? deps.config.sendLatenessHours : undefined, send, dryRun, noPosts, dates };
}
