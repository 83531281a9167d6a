// The "which events" part of a form: checkboxes named `events`, one per event or series, in
// a fieldset whose legend says what they choose. Shared by the subscribe form and the
// preference page, so both offer the same choices in the same words.
import { html } from "hono/html";
import type { Html } from "./layout.ts";

/** One thing a person can follow, as a form shows it. */
export interface FollowOption {
  /** What the form sends: an event slug or `series:<name>`. */
  value: string;
  label: string;
  /** A short line after the label: dates, "running now", "future editions too". */
  detail?: string;
  checked?: boolean;
}

/** A fieldset of checkboxes; `idPrefix` keeps ids unique when a page holds two of them. */
export function followCheckboxes(legend: string, options: readonly FollowOption[], idPrefix: string, hint?: string): Html {
  if (options.length === 0) return html``;
  const hintId = `${idPrefix}-hint`;
  return html`<fieldset class="follow"${hint ? html` aria-describedby="${hintId}"` : ""}>
<legend>${legend}</legend>
${hint ? html`<p class="muted" id="${hintId}">${hint}</p>` : ""}
${options.map((o, i) => html`<div class="choice"><input type="checkbox" id="${idPrefix}-${i}" name="events" value="${o.value}"${o.checked ? " checked" : ""}> <label for="${idPrefix}-${i}">${o.label}${o.detail ? html` <span class="muted">${o.detail}</span>` : ""}</label></div>`)}
</fieldset>`;
}
