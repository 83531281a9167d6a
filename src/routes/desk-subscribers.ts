// The desk's Subscribers page: counts, the chart of active subscribers, search, the CSV
// export and import, and erase after a confirmation. Each route reads its input and calls
// src/admin/ (the functions the author API uses) or src/desk/.
import { html } from "hono/html";
import { importSubscribers } from "../admin/import-subscribers.ts";
import { eraseSubscriber, STATUSES, subscriberCsv, subscriberStats, type SubscriberStatus } from "../admin/subscriber-list.ts";
import { activeChart, activeHistory } from "../desk/active-chart.ts";
import { csrfField, deskPage } from "../desk/desk-page.ts";
import { deskRouter } from "../desk/desk-router.ts";
import { subscriberCounts } from "../desk/subscriber-counts.ts";
import { emailParam, ERASE_PATH, eraseConfirmation, erasedNotice, subscriberToErase } from "../desk/subscriber-erase.ts";
import { IMPORT_PATH, importBodyLimit, importForm, importReport, listError, readImportForm } from "../desk/subscriber-import.ts";
import { readSearchQuery, runSearch, searchSection } from "../desk/subscriber-search.ts";
import { unsubscribeByAddress, unsubscribedNotice, UNSUBSCRIBE_PATH } from "../desk/subscriber-unsubscribe.ts";
import { ApiError } from "../http/api-error.ts";
import { readFields } from "../http/read-fields.ts";
import { enqueueNotices } from "../sending/enqueue.ts";

export const deskSubscribers = deskRouter();

const PAGE = "/admin/subscribers";

deskSubscribers.get(PAGE, async (c) => {
  const db = c.env.DB;
  const { index, now } = c.get("deps");
  const zone = c.get("config").timezone;
  const notice = erasedNotice(c.req.query("erased")) ?? unsubscribedNotice(c.req.query("unsubscribed"));
  const [stats, history, search] = await Promise.all([
    subscriberStats(db, index.events),
    activeHistory(db, now(), zone),
    runSearch(db, readSearchQuery(c.req.query("q"))),
  ]);
  const body = html`<h1>Subscribers</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
${subscriberCounts(stats)}
${searchSection(search, index.events, zone, csrfField(c))}
${activeChart(history, zone)}
<h2 id="export">Export</h2>
<p>The list as CSV (the same file as <code>GET /api/subscribers.csv</code>): <a href="${PAGE}.csv" download>everyone</a>,
or only ${STATUSES.map((s, i) => html`${i ? (i === STATUSES.length - 1 ? " or " : ", ") : ""}<a href="${PAGE}.csv?status=${s}" download>${s}</a>`)}.</p>
${importForm(c)}`;
  return deskPage(c, { title: "Subscribers", section: "subscribers", body }, search.query.kind === "invalid" ? 400 : 200);
});

function statusParam(value: string | undefined): SubscriberStatus | undefined {
  if (value === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(value)) throw new ApiError(400, "invalid_status", `The status must be one of ${STATUSES.join(", ")}.`, "status");
  return value as SubscriberStatus;
}

deskSubscribers.get(`${PAGE}.csv`, (c) => {
  const status = statusParam(c.req.query("status"));
  // Named for what it holds and when, so two exports do not overwrite each other in Downloads.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: c.get("config").timezone }).format(c.get("deps").now());
  const name = `subscribers-${status ?? "all"}-${day}.csv`;
  return c.body(subscriberCsv(c.env.DB, status), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" });
});

// The form lives on the subscribers page; a GET here (a reload of the report) goes there.
deskSubscribers.get(IMPORT_PATH, (c) => c.redirect(`${PAGE}#import`, 303));

deskSubscribers.post(
  IMPORT_PATH,
  importBodyLimit(),
  async (c) => {
    const input = await readImportForm(c);
    const sending = c.get("deps").sending(c.env, c.get("config"));
    const deps = { db: c.env.DB, enqueue: (ids: number[]) => enqueueNotices(sending, ids), events: c.get("deps").index.events };
    const report = await importSubscribers(deps, input.csv, input.asserted, c.get("deps").now()).catch((err: unknown) => {
      throw listError(err, input);
    });
    return deskPage(c, { title: "Import report", section: "subscribers", body: importReport(report) });
  },
);

deskSubscribers.get(ERASE_PATH, async (c) => {
  const subscriber = await subscriberToErase(c.env.DB, emailParam(c.req.query("email")));
  const body = eraseConfirmation(c, subscriber, c.get("deps").index.events, c.get("config").timezone);
  return deskPage(c, { title: `Erase ${subscriber.email}?`, section: "subscribers", body });
});

deskSubscribers.post(UNSUBSCRIBE_PATH, async (c) => {
  const email = emailParam((await readFields(c)).email, "unsubscribe");
  await unsubscribeByAddress(c.env.DB, email, c.get("deps").now());
  // Back to the same search, which now shows them as unsubscribed.
  return c.redirect(`${PAGE}?unsubscribed=1&q=${encodeURIComponent(email)}#search`, 303);
});

deskSubscribers.post(ERASE_PATH, async (c) => {
  const email = emailParam((await readFields(c)).email);
  if (!(await eraseSubscriber(c.env.DB, email, c.get("deps").now()))) throw new ApiError(404, "not_found", `No subscriber has the address ${email}: it may have been erased already. Nothing was changed.`, "email");
  return c.redirect(`${PAGE}?erased=1`, 303);
});
