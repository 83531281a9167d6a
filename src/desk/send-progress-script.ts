// The send page's one script: while the send runs, it asks GET /admin/sends/:id/progress every
// 2 s and writes the figures, the scheduled line and the controls' labels and lines into the
// page (the summary line is the live region, so a screen reader hears one sentence, not every
// number). When the status or the set of controls changes it loads the page again, without
// the query, so a notice such as "Resumed" does not outlive what it announced. A sign-in page
// instead of JSON means the session ended: it says so and stops. Runs under the page's nonce;
// no eval, no inline handlers. Without it, the page refreshes itself while the send runs.
export const POLL_MS = 2000;

export const SESSION_ENDED = "Your desk session has ended, so this page no longer updates. Sign in again to follow the send.";

export const SEND_PROGRESS_SCRIPT = `(() => {
  const root = document.querySelector("[data-progress-url]");
  if (!root) return;
  const url = root.getAttribute("data-progress-url");
  const status = root.getAttribute("data-status");
  const actions = root.getAttribute("data-actions");
  if (root.getAttribute("data-running") !== "true") return;
  // A form sent from the page (pause, resume…) leads to the next page: no reload may overtake it.
  let leaving = false;
  document.addEventListener("submit", () => { leaving = true; });
  const number = (n) => typeof n === "number" ? n.toLocaleString("en-US") : String(n);
  const say = (text) => {
    const summary = document.getElementById("send-summary");
    if (summary && summary.textContent !== text) summary.textContent = text;
  };
  const show = (view) => {
    for (const el of document.querySelectorAll("[data-field]")) {
      const value = view[el.getAttribute("data-field")];
      if (value !== undefined && value !== null) el.textContent = number(value);
    }
    const scheduled = document.getElementById("send-scheduled");
    if (scheduled) scheduled.hidden = !view.scheduledNote;
    for (const [action, control] of Object.entries(view.controls || {})) {
      const label = document.querySelector('[data-label-of="' + action + '"]');
      if (label && label.textContent !== control.label) label.textContent = control.label;
      const what = document.getElementById("what-" + action);
      if (what && what.textContent !== control.what) what.textContent = control.what;
    }
    const bar = document.getElementById("send-progress");
    if (bar) { bar.max = Math.max(1, view.total); bar.value = view.handled; }
    say(view.summary);
  };
  const tick = async () => {
    if (leaving) return;
    try {
      const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
      const type = res.headers.get("content-type") || "";
      // Without a session the desk answers the sign-in page (through a redirect), not JSON.
      if (res.redirected || !type.includes("application/json")) { say(${JSON.stringify(SESSION_ENDED)}); return; }
      if (res.ok) {
        const view = await res.json();
        if (leaving) return;
        show(view);
        if (view.status !== status || view.actions.join(" ") !== actions) { location.replace(location.pathname); return; }
      }
    } catch (err) {
      // A lost answer is tried again on the next tick.
    }
    setTimeout(tick, ${POLL_MS});
  };
  setTimeout(tick, ${POLL_MS});
})();`;
