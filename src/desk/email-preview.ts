// The day's email as the desk shows it: the same render as the author API's preview (what
// the day's send would carry, for a sample recipient), as HTML for the framed preview and
// text for the page; `events` picks a variant.
import { parseFollows } from "../content/follows.ts";
import { fillRecipient } from "../email/personalise.ts";
import { ApiError } from "../http/api-error.ts";
import { NoPostsOfEventsError, renderSendDay, type DayDeps } from "../sending/send-posts.ts";
import { previewRecipient } from "../subscriptions/subscriber-links.ts";

export interface DeskPreview {
  subject: string;
  html: string;
  text: string;
}

/** The email of `date` (of the variant `events` follow), or undefined when it carries no post. */
export async function deskPreview(deps: DayDeps, date: string, now: number, events?: string[]): Promise<DeskPreview | undefined> {
  const only = events === undefined || events.length === 0 ? undefined : parseFollows(events, deps.index.events);
  if (only && !only.ok) throw new ApiError(400, "invalid_events", `The events field ${only.message}.`, "events");
  try {
    const day = await renderSendDay(deps, date, now, { mode: "email" }, only?.follows);
    if (!day) return undefined;
    return { subject: day.snapshot.subject, ...fillRecipient(day.snapshot, previewRecipient(deps.config)) };
  } catch (err) {
    if (err instanceof NoPostsOfEventsError) throw new ApiError(404, "no_posts", err.message, "events");
    throw err;
  }
}

/**
 * The email for the desk's sandboxed frame: its links open as new tabs. Left to navigate the
 * frame itself they would load a page that refuses to be framed (frame-ancestors 'none').
 */
export function framedCopy(emailHtml: string): string {
  const base = '<base target="_blank">';
  const head = /<head(?:\s[^>]*)?>/i.exec(emailHtml);
  if (!head) return `${base}${emailHtml}`;
  const at = head.index + head[0].length;
  return `${emailHtml.slice(0, at)}${base}${emailHtml.slice(at)}`;
}
