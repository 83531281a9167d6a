// The page for an error that has no page of its own to show again: what went wrong, and the way on.
import { html } from "hono/html";
import type { Config } from "../config/config.ts";
import { siteHomeUrl } from "../content/urls.ts";
import { layout, type Html } from "./layout.ts";

export function errorPage(config: Config, path: string, sentence: string): Html {
  return layout({
    config,
    title: "Something went wrong",
    description: sentence,
    canonical: `${config.siteUrl}${path}`,
    body: html`<h1>Something went wrong</h1>
<p role="alert">${sentence}</p>
<p><a href="${siteHomeUrl(config)}">Go to the home page</a></p>`,
  });
}
