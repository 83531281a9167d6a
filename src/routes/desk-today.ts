// The desk's first page. (A placeholder until the Today page lands.)
import { html } from "hono/html";
import { deskRouter } from "../desk/desk-router.ts";
import { deskPage } from "../desk/desk-page.ts";

export const deskToday = deskRouter();

deskToday.get("/admin", (c) => deskPage(c, { title: "Today", section: "today", body: html`<h1>Today</h1>` }));
