// Retention: the delivery rows of sends finished more than DELIVERY_RETENTION_DAYS ago are
// folded into the send's counts and deleted, a bounded number per run, so the ledger stays
// small year after year and a send's numbers never change.
import { deleteDeliveries, deliveryCounts } from "../db/deliveries.ts";
import { compactableSends, storeCompactedCounts } from "../db/sends.ts";
import type { SendingDeps } from "./sending-deps.ts";

export async function compactLedger(deps: Pick<SendingDeps, "db" | "config">, now: number, maxRows = 20_000, chunk = 2_000): Promise<number> {
  const before = now - deps.config.deliveryRetentionDays * 86_400_000;
  let deleted = 0;
  for (const send of await compactableSends(deps.db, before)) {
    // Counts first, and only once: a run cut short leaves them right for the next.
    if (!send.compactedCounts) await storeCompactedCounts(deps.db, send.id, { ...(await deliveryCounts(deps.db, send.id)) });
    for (;;) {
      if (deleted >= maxRows) return deleted;
      const n = await deleteDeliveries(deps.db, send.id, Math.min(chunk, maxRows - deleted));
      deleted += n;
      if (n === 0) break;
    }
  }
  return deleted;
}
