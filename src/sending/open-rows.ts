// A subscriber's change of choice (what they follow, when they want it) applies to their rows
// of running sends that are not taken yet: each gets the variant and due time the send would
// have given them had they chosen so before it was made. A row already on its way is left
// alone (it goes out as taken), and one for a send that no longer has any of their events is
// skipped. The due time is still counted from the send's creation, so nobody gets a day's
// email before its send was made; the claim's own rule keeps D+1 behind D.
import { changeOpenRow, openRowsOf, skipOpenRow } from "../db/deliveries.ts";
import { findSend } from "../db/sends.ts";
import { findSubscriber } from "../db/subscribers.ts";
import { rowDueAt } from "./due-rule.ts";
import { assignVariants } from "./send-variants.ts";
import type { SendingDeps } from "./sending-deps.ts";

export async function applyChoiceToOpenRows(deps: SendingDeps, subscriberId: number): Promise<void> {
  const subscriber = await findSubscriber(deps.db, subscriberId);
  // Someone who left has their rows skipped by the claim itself.
  if (subscriber?.status !== "active") return;
  for (const row of await openRowsOf(deps.db, subscriberId)) {
    const send = await findSend(deps.db, row.sendId);
    if (!send || send.kind === "test") continue;
    const now = deps.now();
    const [assigned] = await assignVariants(deps, send, [subscriber]);
    if (!assigned) {
      await skipOpenRow(deps.db, row.id, "stopped following the day's events before it went out", now);
      continue;
    }
    // A time that has passed since the send was made is due now; so is a row that waited and
    // now goes as soon as it can (a due time, not none, so the watch puts it on the queue).
    const due = rowDueAt(send.createdAt, subscriber);
    const dueAt = due !== null ? Math.max(due, now) : row.dueAt === null ? null : now;
    if (assigned[1] === row.variant && dueAt === row.dueAt) continue;
    if (!(await changeOpenRow(deps.db, row, assigned[1], dueAt, now))) continue;
    // The watch may be asleep until a later due time: wake it for this one.
    await deps.watch?.arm(send.id, Math.max(0, (dueAt ?? now) - now));
  }
}
