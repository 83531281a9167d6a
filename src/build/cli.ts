// `npm run build`: compile content/ or fail with every problem, one per line.
import { buildContent } from "./build-content.ts";

const result = await buildContent({
  contentDir: process.env.HERALD_CONTENT_DIR ?? "content",
  assetsDir: ".herald/assets",
  indexFile: "src/generated/content-index.ts",
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
    ` (build ${index.buildId})`,
);
