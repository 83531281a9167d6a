// The "when" part of a form: a labelled <select> for the delivery time and one for the time
// zone. Selects rather than free text, so a keyboard or a phone picks a valid value and the
// form sends back exactly what the server offered.
import { html } from "hono/html";
import type { Html } from "./layout.ts";

export interface SelectOption {
  /** What the form sends: `asap`, `HH:MM`, or an IANA zone name. */
  value: string;
  label: string;
  selected: boolean;
}

/** One labelled select; an `error` is said beside it and tied to it, for whoever reaches the field by keyboard or reader. */
export function selectField(id: string, name: string, label: string, options: readonly SelectOption[], error?: string): Html {
  const errorId = `${id}-error`;
  return html`<div class="field"><label for="${id}">${label}</label>
<select id="${id}" name="${name}"${error ? html` aria-invalid="true" aria-describedby="${errorId}"` : ""}>${options.map((o) => html`<option value="${o.value}"${o.selected ? " selected" : ""}>${o.label}</option>`)}</select>
${error ? html`<p class="error field-error" id="${errorId}">${error}</p>` : ""}</div>`;
}
