// An instant as the desk shows it in a page: the desk's words for it in the site's zone
// (desk-time.ts, the same on every desk page), and the exact time for machines.
import { html } from "hono/html";
import type { Html } from "../pages/layout.ts";
import { longTime } from "./desk-time.ts";

export function localTime(ms: number, zone: string): Html {
  return html`<time datetime="${new Date(ms).toISOString()}">${longTime(ms, zone)}</time>`;
}
