// The desk's search by address: what a query may be, the look-up, and the results table.
import { html } from "hono/html";
import type { EventMeta } from "../content/types.ts";
import { describeFollows } from "../content/follows.ts";
import { searchSubscribers } from "../db/subscriber-search.ts";
import type { Subscriber } from "../db/subscribers.ts";
import type { Html } from "../pages/layout.ts";
import { localTime } from "./local-time.ts";
import { STATUS_WORDS } from "./subscriber-counts.ts";
import { UNSUBSCRIBABLE, UNSUBSCRIBE_PATH } from "./subscriber-unsubscribe.ts";

/** Results shown at most; a longer list asks for a narrower search. */
export const SEARCH_LIMIT = 50;
/** An address is at most 254 characters, so a longer query can match nothing. */
export const MAX_QUERY_LENGTH = 254;

export type SearchQuery = { kind: "none" } | { kind: "ok"; text: string } | { kind: "invalid"; text: string; message: string };

/** `?q=`: absent (no search), or part of an address. */
export function readSearchQuery(raw: string | undefined): SearchQuery {
  if (raw === undefined) return { kind: "none" };
  const text = raw.trim();
  if (text === "") return { kind: "invalid", text, message: "Enter part of an address to search for (for example a name or a domain)." };
  if (text.length > MAX_QUERY_LENGTH) return { kind: "invalid", text: text.slice(0, MAX_QUERY_LENGTH), message: `The search is ${text.length} characters long; an address has at most ${MAX_QUERY_LENGTH}, so enter a shorter part of one.` };
  return { kind: "ok", text };
}

export interface SearchResult {
  query: SearchQuery;
  subscribers: Subscriber[];
  /** More matched than are shown. */
  more: boolean;
}

export async function runSearch(db: D1Database, query: SearchQuery): Promise<SearchResult> {
  if (query.kind !== "ok") return { query, subscribers: [], more: false };
  const found = await searchSubscribers(db, query.text, SEARCH_LIMIT + 1);
  return { query, subscribers: found.slice(0, SEARCH_LIMIT), more: found.length > SEARCH_LIMIT };
}

export const eraseLink = (email: string) => `/admin/subscribers/erase?email=${encodeURIComponent(email)}`;

/** `csrf`: the hidden field of the session, for the unsubscribe buttons in the results. */
export function searchSection(result: SearchResult, events: readonly EventMeta[], zone: string, csrf: Html): Html {
  const { query } = result;
  const invalid = query.kind === "invalid";
  return html`<h2 id="search">Find a subscriber</h2>
<form method="get" action="/admin/subscribers#search" class="desk-search" role="search">
<div class="field"><label for="q">Address, or part of one</label>
<input id="q" name="q" type="search" maxlength="${MAX_QUERY_LENGTH}" value="${query.kind === "none" ? "" : query.text}"${invalid ? html` aria-invalid="true" aria-describedby="q-error"` : ""}>
${invalid ? html`<p class="field-error error" id="q-error" role="alert">${query.message}</p>` : ""}</div>
<p><button type="submit">Search</button></p>
</form>
${query.kind === "ok" ? searchResults(result, query.text, events, zone, csrf) : ""}`;
}

function searchResults(result: SearchResult, text: string, events: readonly EventMeta[], zone: string, csrf: Html): Html {
  const { subscribers, more } = result;
  if (subscribers.length === 0) return html`<p role="status">No address contains “${text}”.</p>`;
  const count = subscribers.length === 1 ? "1 address contains" : `${more ? "More than " : ""}${subscribers.length} addresses contain`;
  return html`<p role="status">${count} “${text}”${more ? html`; the first ${SEARCH_LIMIT} are shown. Type more of the address to narrow it down` : ""}.</p>
<div class="table-wrap"><table class="desk search-results">
<thead><tr><th scope="col">Address</th><th scope="col">Status</th><th scope="col">Follows</th><th scope="col">Joined</th><th scope="col">Last change</th><th scope="col"><span class="visually-hidden">Unsubscribe or erase</span></th></tr></thead>
<tbody>
${subscribers.map(
  (s) => html`<tr><td class="address">${s.email}</td><td>${STATUS_WORDS[s.status]}</td><td>${describeFollows(s.follows, events)}</td><td>${localTime(s.createdAt, zone)}</td><td>${localTime(s.updatedAt, zone)}</td>
<td class="row-actions">${UNSUBSCRIBABLE.includes(s.status) ? html`<form method="post" action="${UNSUBSCRIBE_PATH}">${csrf}<input type="hidden" name="email" value="${s.email}"><button type="submit" class="quiet">Unsubscribe<span class="visually-hidden"> ${s.email}</span></button></form> ` : ""}<a href="${eraseLink(s.email)}">Erase<span class="visually-hidden"> ${s.email}</span></a></td></tr>`,
)}
</tbody>
</table></div>`;
}
