// `/emails`: every daily email sent so far, newest first.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import { emailArchiveUrl } from "../content/urls.ts";
import { formatDate } from "./format-date.ts";
import { layout, type Html } from "./layout.ts";
import { subscribeForm } from "./subscribe-form.ts";

/** A day of the archive and the titles of its posts. */
export interface ArchiveEntry {
  date: string;
  titles: string[];
}

export function emailArchivePage(config: Config, dates: ArchiveEntry[]): Html {
  return layout({
    config,
    title: "Email archive",
    description: `Every daily email of ${config.siteTitle}.`,
    canonical: `${config.siteUrl}/emails`,
    body: html`<h1>Email archive</h1>
${dates.length === 0 ? html`<p>No emails have gone out yet.</p>` : ""}
<ul class="posts">
${dates.map(
  (d) => html`<li><a href="${emailArchiveUrl(config, d.date)}">${formatDate(`${d.date}T12:00:00Z`, "UTC")}</a>
<span class="summary">${d.titles.join(" · ")}</span></li>
`,
)}</ul>
${subscribeForm(config)}`,
  });
}
