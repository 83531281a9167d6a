// `npm run build`: compile content/ and emails/ or fail with every problem, one per line.
import { buildContent } from "./build-content.ts";
import { buildSiteTitle } from "./site-title.ts";
import { compileEmails, writeEmailModule } from "./compile-emails.ts";

const emails = await compileEmails("emails");
if (emails.problems.length > 0) {
  console.error(`Email templates failed to compile: ${emails.problems.length} problem(s)`);
  for (const p of emails.problems) console.error(`  ${p.file}: ${p.message}`);
  process.exit(1);
}
await writeEmailModule("src/generated/email-templates.ts", emails.templates);

const result = await buildContent({
  contentDir: process.env.HERALD_CONTENT_DIR ?? "content",
  assetsDir: ".herald/assets",
  indexFile: "src/generated/content-index.ts",
  siteTitle: buildSiteTitle(),
});
if (result.problems.length > 0) {
  console.error(`Content build failed: ${result.problems.length} problem(s)`);
  for (const p of result.problems) console.error(`  ${p.file}: ${p.field}: ${p.message}`);
  process.exit(1);
}
const index = result.index!;
console.log(
  `Content built: ${index.posts.length} posts, ${index.events.length} events` +
    (result.drafts ? `, ${result.drafts} drafts left out` : "") +
    ` (build ${index.buildId}); email templates: ${Object.keys(emails.templates).join(", ")}`,
);
