// What the authors see of the hub: its subscriptions, each with its pushes and last error.
import { deleteSubscription, subscriptionCount, subscriptionViews } from "../db/websub.ts";

export async function hubView(db: D1Database, limit: number) {
  const subscriptions = (await subscriptionViews(db, limit)).map((s) => ({ ...s, expiresAt: new Date(s.expiresAt).toISOString(), createdAt: new Date(s.createdAt).toISOString() }));
  return { total: await subscriptionCount(db), subscriptions };
}

/** An operator removes a subscription (and its pushes not made yet); false if there was none. */
export function removeHubSubscription(db: D1Database, topic: string, callback: string): Promise<boolean> {
  return deleteSubscription(db, topic, callback);
}
