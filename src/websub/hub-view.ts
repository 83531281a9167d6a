// What the authors see of the hub: its subscriptions, each with its pushes and last error.
import { subscriptionViews } from "../db/websub.ts";

export async function hubView(db: D1Database, limit: number) {
  const subscriptions = (await subscriptionViews(db, limit)).map((s) => ({ ...s, expiresAt: new Date(s.expiresAt).toISOString(), createdAt: new Date(s.createdAt).toISOString() }));
  return { subscriptions };
}
