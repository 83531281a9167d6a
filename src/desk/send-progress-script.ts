// The send page's one script: while the send runs, it asks GET /admin/sends/:id/progress every
// 2 s and writes the figures into the page (the summary line is the live region, so a screen
// reader hears one sentence, not every number). When the status changes it reloads the page,
// whose buttons and chart depend on it. Runs under the page's nonce; no eval, no inline handlers.
// Without it, the page refreshes itself while the send runs (deskPage's refreshSeconds).
export const POLL_MS = 2000;

export const SEND_PROGRESS_SCRIPT = `(() => {
  const root = document.querySelector("[data-progress-url]");
  if (!root) return;
  const url = root.getAttribute("data-progress-url");
  const status = root.getAttribute("data-status");
  if (root.getAttribute("data-running") !== "true") return;
  const number = (n) => typeof n === "number" ? n.toLocaleString("en-US") : String(n);
  const show = (view) => {
    for (const el of document.querySelectorAll("[data-field]")) {
      const value = view[el.getAttribute("data-field")];
      if (value !== undefined && value !== null) el.textContent = number(value);
    }
    const bar = document.getElementById("send-progress");
    if (bar) { bar.max = Math.max(1, view.total); bar.value = view.handled; }
    const summary = document.getElementById("send-summary");
    if (summary && summary.textContent !== view.summary) summary.textContent = view.summary;
  };
  const tick = async () => {
    try {
      const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
      if (res.ok) {
        const view = await res.json();
        show(view);
        if (view.status !== status) { location.reload(); return; }
      }
    } catch (err) {
      // A lost answer is tried again on the next tick.
    }
    setTimeout(tick, ${POLL_MS});
  };
  setTimeout(tick, ${POLL_MS});
})();`;
