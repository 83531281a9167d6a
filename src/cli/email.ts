// `npm run email -- <date> [--out dir]`: renders a day's email to HTML, text and .eml
// files for a local look, from the built content and the local settings.
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { diskBodyStore } from "../build/disk-body-store.ts";
import { isCalendarDate } from "../content/days.ts";
import { dailyMessageHeaders } from "../email/message-headers.ts";
import { fillRecipient, personalise, prepareMessage } from "../email/personalise.ts";
import { renderDay } from "../email/render-day.ts";
import { contentIndex } from "../generated/content-index.ts";
import { previewRecipient } from "../subscriptions/subscriber-links.ts";
import { localConfig } from "./local-config.ts";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: "string", default: "out/emails" } } });
const date = positionals[0];
if (!date || !isCalendarDate(date)) {
  console.error("Usage: npm run email -- <YYYY-MM-DD> [--out dir]");
  process.exit(2);
}
const config = localConfig();
const snapshot = await renderDay(config, contentIndex, diskBodyStore(".herald/assets"), date, Date.now(), { mode: "email" });
if (!snapshot) {
  console.error(`No published posts for ${date} (window ending ${date} ${config.sendAt} ${config.timezone}).`);
  process.exit(1);
}
const recipient = previewRecipient(config);
const filled = fillRecipient(snapshot, recipient);
const dir = resolve(values.out);
await mkdir(dir, { recursive: true });
const files = {
  [`${date}.html`]: filled.html,
  [`${date}.txt`]: filled.text,
  [`${date}.eml`]: personalise(prepareMessage(snapshot, dailyMessageHeaders(config)), recipient),
};
for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
console.log(`${snapshot.subject}\n${Object.keys(files).map((f) => `  ${join(dir, f)}`).join("\n")}`);
if (snapshot.summarized.length) console.log(`Shown as summaries to stay under the size budget: ${snapshot.summarized.join(", ")}`);
if (snapshot.overBudget) console.warn("Warning: the HTML is over the size budget even with every post as a summary; Gmail may clip it.");
