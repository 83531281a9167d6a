// GET /api/preview/:date: a day's email as HTML, text or .eml, for the author's eyes.
import { isCalendarDate } from "../content/days.ts";
import { dailyMessageHeaders } from "../email/message-headers.ts";
import { fillRecipient, personalise, prepareMessage } from "../email/personalise.ts";
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { useEmailPagePolicy } from "../http/security-headers.ts";
import { NoPostsOfEventsError, renderSendDay } from "../sending/send-posts.ts";
import { parseFollows } from "../content/follows.ts";
import { previewRecipient } from "../subscriptions/subscriber-links.ts";

const FORMATS = ["html", "text", "eml"] as const;

export const authorApi = authorRouter();

authorApi.get("/api/preview/:date", async (c) => {
  const date = c.req.param("date");
  if (!isCalendarDate(date)) throw new ApiError(400, "invalid_date", "date must be a real calendar date written YYYY-MM-DD", "date");
  const format = c.req.query("format") ?? "html";
  if (!(FORMATS as readonly string[]).includes(format)) throw new ApiError(400, "invalid_format", `format must be one of ${FORMATS.join(", ")}`, "format");

  const config = c.get("config");
  const { index, bodies, now } = c.get("deps");
  // ?events=a,b shows the variant a follower of those events gets.
  const events = c.req.queries("events");
  const only = events === undefined ? undefined : parseFollows(events, index.events);
  if (only && !only.ok) throw new ApiError(400, "invalid_events", `events ${only.message}`, "events");
  // What the day's send would carry, so the preview never shows a post another day's send took.
  let day;
  try {
    day = await renderSendDay({ db: c.env.DB, index, config, bodies: bodies(c.env) }, date, now(), { mode: "email" }, only?.follows);
  } catch (err) {
    if (err instanceof NoPostsOfEventsError) throw new ApiError(404, "no_posts", err.message, "events");
    throw err;
  }
  if (!day) throw new ApiError(404, "no_posts", `no published posts for ${date}`, "date");
  const { snapshot } = day;

  const recipient = previewRecipient(config);
  c.header("X-Herald-Subject", encodeURIComponent(snapshot.subject));
  if (snapshot.summarized.length) c.header("X-Herald-Summarized", snapshot.summarized.join(","));
  if (snapshot.overBudget) c.header("X-Herald-Over-Budget", "true");
  if (format === "eml") {
    const raw = personalise(prepareMessage(snapshot, dailyMessageHeaders(config)), recipient);
    return c.body(raw, 200, { "Content-Type": "message/rfc822", "Content-Disposition": `attachment; filename="herald-${date}.eml"` });
  }
  const filled = fillRecipient(snapshot, recipient);
  if (format === "text") return c.text(filled.text);
  useEmailPagePolicy(c);
  return c.html(filled.html);
});
