// The end of a send: marked done once nothing is open, and the authors told if it ended
// with recipients who failed or whose fate is unknown.
import { deliveryCounts } from "../db/deliveries.ts";
import { finishIfComplete, findSend } from "../db/sends.ts";
import { alertAuthors } from "./alerts.ts";
import type { SendingDeps } from "./sending-deps.ts";

export async function finishSend(deps: SendingDeps, sendId: number): Promise<boolean> {
  if (!(await finishIfComplete(deps.db, sendId, deps.now()))) return false;
  const counts = await deliveryCounts(deps.db, sendId);
  const send = (await findSend(deps.db, sendId))!;
  if (counts.failed > 0) await alertAuthors(deps, send, "ended:failed", `The send ended with ${counts.failed} failed recipient(s) of ${send.total}.`);
  if (counts.unknown > 0) await alertAuthors(deps, send, "ended:unknown", `The send ended with ${counts.unknown} recipient(s) whose delivery is unknown.`);
  return true;
}
