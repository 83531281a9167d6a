// The list's counts as the desk shows them: by status, and the active followers of each event
// (subscriberStats, the figures /api/stats answers).
import { html } from "hono/html";
import type { subscriberStats } from "../admin/subscriber-list.ts";
import { STATUSES } from "../admin/subscriber-list.ts";
import type { Html } from "../pages/layout.ts";

export type SubscriberStats = Awaited<ReturnType<typeof subscriberStats>>;

/** What each status means, in a few words. */
export const STATUS_WORDS: Record<(typeof STATUSES)[number], string> = {
  pending: "waiting to confirm",
  active: "active",
  unsubscribed: "unsubscribed",
  bounced: "bounced",
  complained: "complained",
};

export function subscriberCounts(stats: SubscriberStats): Html {
  const { subscribers, followers } = stats;
  return html`<h2 id="counts">Counts</h2>
<ul class="counts">
${STATUSES.map((s) => html`<li><span class="n">${subscribers[s].toLocaleString("en-US")}</span> <span class="label">${STATUS_WORDS[s]}</span></li>`)}
<li><span class="n">${subscribers.total.toLocaleString("en-US")}</span> <span class="label">on the list in all</span></li>
</ul>
${followers.events.length
  ? html`<div class="table-wrap"><table class="desk">
<caption>Active subscribers who get each event's posts (following everything, the event, or its series)</caption>
<thead><tr><th scope="col">Event</th><th scope="col" class="num">Followers</th></tr></thead>
<tbody>
${followers.events.map((e) => html`<tr><td>${e.title}</td><td class="num">${e.followers.toLocaleString("en-US")}</td></tr>`)}
</tbody>
</table></div>
<p>${followers.everything.toLocaleString("en-US")} of the active follow everything, events added later included.</p>`
  : ""}`;
}
