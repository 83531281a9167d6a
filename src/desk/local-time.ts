// An instant as the desk shows it: words in the site's zone, and the exact time for machines.
import { html } from "hono/html";
import { formatDateTime } from "../pages/format-date.ts";
import type { Html } from "../pages/layout.ts";

export function localTime(ms: number, zone: string): Html {
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${formatDateTime(iso, zone)}</time>`;
}
