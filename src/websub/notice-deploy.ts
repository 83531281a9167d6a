// A deploy is noticed by the first request its build serves: once per build and settings
// (a row in D1 says which were checked), the hub runs its publish check then, so new and
// edited posts, or a change of the settings every feed prints, are pushed within moments of
// the deploy, not at the scheduled job's next run. Each isolate asks D1 once per build;
// after that this costs nothing.
import type { Config } from "../config/config.ts";
import type { ContentIndex } from "../content/types.ts";
import { recordBuild } from "../db/websub.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { sha256Hex } from "../tokens/sha256.ts";
import { checkTopics } from "./publish-check.ts";

const checkedHere = new Set<string>();

/**
 * The work to wait for (waitUntil), or undefined when this isolate already did it for this
 * build and settings. `deps` is only made when there is work: this runs on every request.
 */
export function noticeDeploy(index: ContentIndex, config: Config, deps: () => SendingDeps, now: number, seen: Set<string> = checkedHere): Promise<void> | undefined {
  const deployed = JSON.stringify([index.buildId, config.siteUrl, config.siteTitle, config.tagAuthority, config.feedSize, config.websubHubs]);
  if (seen.has(deployed)) return undefined;
  seen.add(deployed);
  return (async () => {
    const sending = deps();
    if (await recordBuild(sending.db, `${index.buildId}:${(await sha256Hex(deployed)).slice(0, 16)}`, now)) await checkTopics(sending, now);
  })().catch((err) => {
    seen.delete(deployed); // the next request tries again
    console.error("websub: the check after a deploy failed", err);
  });
}
