// The desk's Sends pages: the list, one send's live page, its progress as JSON for the page's
// script, and the controls (POST, each 303 back to the send's page with a notice).
import type { Context } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../app-env.ts";
import { deskPage } from "../desk/desk-page.ts";
import { deskRouter } from "../desk/desk-router.ts";
import { isRunning, type DeskAction } from "../desk/send-controls.ts";
import { parseSendId, sendDetail, statusWord } from "../desk/send-detail.ts";
import { sendMinutes } from "../desk/send-minutes-chart.ts";
import { cancelBody, resendUnknownBody, sendBody, sendsListBody } from "../desk/send-page.ts";
import { SEND_PROGRESS_SCRIPT } from "../desk/send-progress-script.ts";
import { sendPageFigures } from "../desk/send-page-figures.ts";
import { ApiError } from "../http/api-error.ts";
import { sendsPage } from "../sending/author-sends.ts";
import { ControlConflict, controlSend, type ControlAction } from "../sending/control-send.ts";
import { resendUnknown } from "../sending/resend-unknown.ts";
import { sendView } from "../sending/send-view.ts";

export const deskSends = deskRouter();

const PAGE_SIZE = 20;
/** How often the page reloads itself while a send runs, for a reader without the script. */
const REFRESH_SECONDS = 5;
const ACTIONS: readonly string[] = ["pause", "resume", "cancel", "retry-failed", "resend-unknown"] satisfies DeskAction[];

const now = (c: Context<AppEnv>) => c.get("deps").now();

deskSends.get("/admin/sends", async (c) => {
  const before = c.req.query("before");
  const beforeId = before === undefined ? undefined : parseSendId(before, "before");
  const { sends, next } = await sendsPage(c.env.DB, PAGE_SIZE, beforeId, now(c));
  return deskPage(c, { title: "Sends", section: "sends", body: sendsListBody(sends, next, beforeId) });
});

deskSends.get("/admin/sends/:id", async (c) => {
  const detail = await sendDetail(c.env.DB, parseSendId(c.req.param("id")), now(c));
  const minutes = await sendMinutes(c.env.DB, detail.view.id, detail.compacted, c.get("config").timezone);
  const running = isRunning(detail.view.status);
  return deskPage(c, {
    title: `Send #${detail.view.id}`,
    section: "sends",
    body: sendBody(c, detail, minutes, c.req.query("done")),
    ...(running ? { script: SEND_PROGRESS_SCRIPT, refreshSeconds: REFRESH_SECONDS } : {}),
  });
});

// The page's figures for its script: the API's view, with the summary line the page shows.
deskSends.get("/admin/sends/:id/progress", async (c) => {
  const detail = await sendDetail(c.env.DB, parseSendId(c.req.param("id")), now(c));
  return c.json(sendPageFigures(detail, c.get("config").timezone));
});

// Cancel asks first; this page changes nothing.
deskSends.get("/admin/sends/:id/cancel", async (c) => {
  const detail = await sendDetail(c.env.DB, parseSendId(c.req.param("id")), now(c));
  const { view } = detail;
  if (!isRunning(view.status) && view.status !== "paused") throw new ApiError(409, "invalid_state", `Send #${view.id} is ${statusWord(view.status).toLowerCase()}: there is nothing left to cancel.`);
  return deskPage(c, { title: `Cancel send #${view.id}?`, section: "sends", body: cancelBody(c, detail) });
});

// Resend-unknown asks first too, with its dry run; this page changes nothing.
deskSends.get("/admin/sends/:id/resend-unknown", async (c) => {
  const id = parseSendId(c.req.param("id"));
  const deps = c.get("deps").sending(c.env, c.get("config"));
  try {
    const outcome = await resendUnknown(deps, id, true);
    if (!outcome) throw new ApiError(404, "not_found", `There is no send #${id}.`, "id");
    const view = await sendView(c.env.DB, outcome.send, deps.now());
    return deskPage(c, { title: `Resend to the unknown of send #${id}?`, section: "sends", body: resendUnknownBody(c, view, outcome) });
  } catch (err) {
    if (err instanceof ControlConflict) throw new ApiError(409, "invalid_state", `Send #${id}: ${err.message}.`);
    throw err;
  }
});

/** Retrying or resending with nobody to retry or resend to would answer a success that did nothing. */
async function refuseNothingToDo(c: Context<AppEnv>, id: number, action: string): Promise<void> {
  if (action !== "retry-failed" && action !== "resend-unknown") return;
  const { view } = await sendDetail(c.env.DB, id, now(c));
  if (action === "retry-failed" && view.failed === 0) throw new ApiError(409, "nothing_to_do", `There are no failed deliveries to retry: send #${id} has none. Nothing was changed.`);
  if (action === "resend-unknown" && view.unknown === 0) throw new ApiError(409, "nothing_to_do", `There are no unknown deliveries to resend: send #${id} has none. Nothing was changed.`);
}

// Only the actions a send has are routes: any other is the desk's 404 for GET and POST alike.
deskSends.post(`/admin/sends/:id/:action{${ACTIONS.join("|")}}`, async (c) => {
  const id = parseSendId(c.req.param("id"));
  const action = c.req.param("action");
  const deps = c.get("deps").sending(c.env, c.get("config"));
  await refuseNothingToDo(c, id, action);
  try {
    const send = action === "resend-unknown" ? (await resendUnknown(deps, id, false))?.send : await controlSend(deps, id, action as ControlAction);
    if (!send) throw new ApiError(404, "not_found", `There is no send #${id}.`, "id");
    return c.redirect(`/admin/sends/${id}?done=${action}`, 303);
  } catch (err) {
    if (!(err instanceof ControlConflict)) throw err;
    const view = await sendView(c.env.DB, err.send, deps.now());
    return deskPage(
      c,
      {
        title: `Send #${id}: not done`,
        section: "sends",
        body: html`<h1>Send #${id}: nothing was changed</h1>
<p class="notice" role="alert">Herald could not ${action.replace("-", " the ")} this send: ${err.message}. It may have changed since the page was shown.</p>
<p><a href="/admin/sends/${id}">Back to send #${id}</a> (now ${statusWord(view.status).toLowerCase()})</p>`,
      },
      409,
    );
  }
});
