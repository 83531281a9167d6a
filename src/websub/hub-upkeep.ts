// The hub's part of the scheduled job: the publish check, leases that ran out, pushes whose
// queue message was lost, and finished pushes past keeping.
import { pruneFinishedPushes, removeExpiredSubscriptions, strandedPushIds } from "../db/websub.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { PUSH_KEEP_MS, PUSH_REQUEUE_AFTER_MS } from "./hub-rules.ts";
import { checkTopics, enqueuePushes, type CheckResult } from "./publish-check.ts";

export async function hubUpkeep(deps: SendingDeps, now: number): Promise<CheckResult> {
  await removeExpiredSubscriptions(deps.db, now);
  const result = await checkTopics(deps, now, true);
  await enqueuePushes(deps, await strandedPushIds(deps.db, now - PUSH_REQUEUE_AFTER_MS, now));
  await pruneFinishedPushes(deps.db, now - PUSH_KEEP_MS);
  return result;
}
