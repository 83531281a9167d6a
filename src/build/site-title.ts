// The site's title as the deployed Worker will read it, for what the build draws (the site
// card): SITE_TITLE from the environment, else wrangler.toml's [vars].
import { existsSync, readFileSync } from "node:fs";
import { parse } from "smol-toml";

export function buildSiteTitle(wranglerToml = "wrangler.toml"): string | undefined {
  if (process.env.SITE_TITLE) return process.env.SITE_TITLE;
  if (!existsSync(wranglerToml)) return undefined;
  const title = (parse(readFileSync(wranglerToml, "utf8")) as { vars?: Record<string, unknown> }).vars?.SITE_TITLE;
  return typeof title === "string" && title.trim() ? title : undefined;
}
