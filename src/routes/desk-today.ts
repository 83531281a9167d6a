// The desk's Today page (GET /admin): the next email, its preview, a test send and the
// day's send by hand, behind a confirmation. Also the framed preview it shows.
import type { Context } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../app-env.ts";
import { isCalendarDate } from "../content/days.ts";
import { formField } from "../desk/desk-guard.ts";
import { deskPage } from "../desk/desk-page.ts";
import { deskRouter } from "../desk/desk-router.ts";
import { deskPreview, framedCopy } from "../desk/email-preview.ts";
import { testAddresses } from "../desk/test-addresses.ts";
import { sendNowBody, todayBody, type RefusedTestSend } from "../desk/today-page.ts";
import { todayPlan } from "../desk/today-plan.ts";
import { ApiError } from "../http/api-error.ts";
import { useFramedEmailPolicy } from "../http/security-headers.ts";
import { requestSend, type SendRequest } from "../sending/author-sends.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import type { SendView } from "../sending/send-view.ts";

export const deskToday = deskRouter();

function checkedDate(value: string | undefined, required = false): string | undefined {
  if (value === undefined && !required) return undefined;
  if (value === undefined || !isCalendarDate(value)) throw new ApiError(400, "invalid_date", "The date must be a real calendar date written YYYY-MM-DD, such as 2015-11-09.", "date");
  return value;
}

const sendingOf = (c: Context<AppEnv>) => c.get("deps").sending(c.env, c.get("config"));

/** requestSend, with the desk's own sentence for a date without posts rather than the API's terse one. */
async function deskSend(deps: SendingDeps, input: SendRequest): ReturnType<typeof requestSend> {
  try {
    return await requestSend(deps, input);
  } catch (err) {
    if (err instanceof ApiError && err.code === "no_posts" && err.field === "date") throw new ApiError(404, "no_posts", `${input.date} has no published posts, so there is no email to send.`, "date");
    throw err;
  }
}

/** Today for a date (the next one when none is given); with a refused test send, its form filled in again. */
async function todayPage(c: Context<AppEnv>, date: string | undefined, events: string[], refused?: RefusedTestSend) {
  const deps = sendingOf(c);
  const plan = await todayPlan(deps, date);
  if (!plan) return deskPage(c, { title: "Today", section: "today", body: html`<h1>Today</h1><p class="notice" role="status">No post is published yet, so there is no email to send.</p>` });
  const preview = plan.dryRun ? await deskPreview(deps, plan.date, deps.now(), events) : undefined;
  // No email, so no form to fill in again: the refusal is the page.
  if (refused && !preview) throw new ApiError(400, "invalid_request", refused.error, "to");
  const title = `${refused ? "Test not sent: " : "Today: "}the ${plan.date} email`;
  return deskPage(c, { title, section: "today", body: todayBody(c, plan, preview, events, refused) }, refused ? 400 : 200);
}

deskToday.get("/admin", (c) => todayPage(c, checkedDate(c.req.query("date")), c.req.queries("events") ?? []));

// The email itself, for the Today page's sandboxed frame (and to open on its own).
deskToday.get("/admin/preview/:date", async (c) => {
  const date = checkedDate(c.req.param("date"), true)!;
  const deps = sendingOf(c);
  const preview = await deskPreview(deps, date, deps.now(), c.req.queries("events"));
  if (!preview) throw new ApiError(404, "no_posts", `${date} has no published posts, so it has no email to preview.`, "date");
  useFramedEmailPolicy(c);
  return c.html(framedCopy(preview.html));
});

/** How much of a refused address list the form gets back (twenty addresses fit many times over). */
const TYPED_SHOWN = 10_000;

// A refused address list comes back on the Today page with what was typed, not as a bare error page.
deskToday.post("/admin/test-send", async (c) => {
  const date = checkedDate(await formField(c, "date"), true)!;
  const typed = (await formField(c, "to")) ?? "";
  const body = await c.req.parseBody({ all: true });
  const events = ([] as unknown[]).concat(body["events"] ?? []).filter((e): e is string => typeof e === "string");
  let to: string[];
  try {
    to = testAddresses(typed);
  } catch (err) {
    if (err instanceof ApiError && err.field === "to") return todayPage(c, date, events, { to: typed.slice(0, TYPED_SHOWN), error: err.message });
    throw err;
  }
  const answer = await deskSend(sendingOf(c), { date, to, ...(events.length ? { events } : {}) });
  return c.redirect(`/admin/sends/${(answer.body as SendView).id}?done=test`, 303);
});

// The confirmation step: a dry run, nothing changes.
deskToday.get("/admin/send-now", async (c) => {
  const plan = (await todayPlan(sendingOf(c), checkedDate(c.req.query("date"), true)))!;
  return deskPage(c, { title: `Send the ${plan.date} email`, section: "today", body: sendNowBody(c, plan) }, plan.dryRun || plan.send ? 200 : 404);
});

// The confirmed send. A second press (a double click, a resubmitted form) finds the date's
// send already made: requestSend refuses it, and the page says where that send is.
deskToday.post("/admin/send-now", async (c) => {
  const date = checkedDate(await formField(c, "date"), true)!;
  try {
    const answer = await deskSend(sendingOf(c), { date });
    return c.redirect(`/admin/sends/${(answer.body as SendView).id}?done=started`, 303);
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "send_exists")) throw err;
    const send = (err.details?.["send"] as SendView | undefined)!;
    return deskPage(
      c,
      {
        title: `The ${date} email is already sent`,
        section: "today",
        body: html`<h1>The ${date} email already has its send</h1>
<p class="notice" role="alert">Nothing new was sent: a date is sent once, and the ${date} email went out (or is going out) as <a href="/admin/sends/${send.id}">send #${send.id}</a>, which is ${send.status}.</p>`,
      },
      409,
    );
  }
});
