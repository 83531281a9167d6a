// One full render of a sample day against personalising 100,000 recipients from its
// snapshot (token signing and MIME encoding included), measured in the same process.
import { diskBodyStore } from "../../src/build/disk-body-store.ts";
import { unsubscribeUrl } from "../../src/content/urls.ts";
import { dailyPosts } from "../../src/email/daily-posts.ts";
import { personalise, prepareMessage } from "../../src/email/personalise.ts";
import { renderDailyEmail } from "../../src/email/render-daily.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { signToken } from "../../src/tokens/signed-token.ts";

export async function emailBench(recipients = 100_000): Promise<string[]> {
  const settings = { siteUrl: "https://recaps.example.org", siteTitle: "Herald Recaps", postalAddress: "1 Sample Street", timezone: "America/Los_Angeles" };
  const posts = await dailyPosts(contentIndex, diskBodyStore(".herald/assets"), "2015-11-11", { sendAt: "19:00", timezone: settings.timezone }, Date.now());
  for (let i = 0; i < 50; i++) renderDailyEmail(settings, "2015-11-11", posts, { mode: "email" }); // warm
  let t = performance.now();
  const renders = 500;
  let snapshot = renderDailyEmail(settings, "2015-11-11", posts, { mode: "email" });
  for (let i = 0; i < renders; i++) snapshot = renderDailyEmail(settings, "2015-11-11", posts, { mode: "email" });
  const renderMs = (performance.now() - t) / renders;

  const keys = [{ id: "k1", secret: "bench-signing-secret-0123456789" }];
  const headers = { from: { name: "Herald Recaps", address: "recaps@example.org" }, listId: { name: "Herald Recaps", id: "daily.example.org" }, oneClickUnsubscribe: true };
  t = performance.now();
  const prepared = prepareMessage(snapshot, headers);
  const prepareMs = performance.now() - t;
  let bytes = 0;
  t = performance.now();
  for (let i = 0; i < recipients; i++) {
    const url = unsubscribeUrl(settings, await signToken(keys, { purpose: "unsubscribe", subject: String(i + 1) }));
    bytes += personalise(prepared, { address: `reader${i}@example.com`, unsubscribeUrl: url }).length;
  }
  const perRecipientMs = (performance.now() - t) / recipients;
  return [
    "| measure | value |",
    "|---|---|",
    `| one render of 2015-11-11 (2 posts, ${Math.round(snapshot.html.length / 1024)} KB HTML) | ${renderMs.toFixed(3)} ms |`,
    `| prepareMessage (once per send) | ${prepareMs.toFixed(2)} ms |`,
    `| personalise one recipient (HMAC token + MIME), mean of ${recipients.toLocaleString("en")} | ${(perRecipientMs * 1000).toFixed(1)} µs |`,
    `| **per-recipient cost ÷ one render** (target < 0.01) | **${(perRecipientMs / renderMs).toFixed(3)}** |`,
    `| messages produced | ${recipients.toLocaleString("en")} (${(bytes / 1e6).toFixed(0)} MB) |`,
  ];
}
