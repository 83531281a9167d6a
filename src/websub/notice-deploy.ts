// A deploy is noticed by the first request its build serves: once per build (a row in D1
// says which builds were checked), the hub runs its publish check then, so new and edited
// posts are pushed within moments of the deploy, not at the scheduled job's next run. Each
// isolate asks D1 once per build; after that this costs nothing.
import { recordBuild } from "../db/websub.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { checkTopics } from "./publish-check.ts";

const checkedHere = new Set<string>();

/** The work to wait for (waitUntil), or undefined when this isolate already did it for this build. */
export function noticeDeploy(deps: SendingDeps, now: number, seen: Set<string> = checkedHere): Promise<void> | undefined {
  const build = deps.index.buildId;
  if (seen.has(build)) return undefined;
  seen.add(build);
  return (async () => {
    if (await recordBuild(deps.db, build, now)) await checkTopics(deps, now);
  })().catch((err) => {
    seen.delete(build); // the next request tries again
    console.error("websub: the check after a deploy failed", err);
  });
}
