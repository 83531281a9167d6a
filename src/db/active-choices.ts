// Active subscribers counted by what they follow and when they want the day's email: what a
// dry run needs to say how many get which variant, and when.
import { decodeDelivery, type DeliveryTime } from "../content/delivery-time.ts";
import { decodeFollows, type Follows } from "../content/follows.ts";

export interface ChoiceCount {
  follows: Follows;
  delivery: DeliveryTime;
  zone: string | null;
  count: number;
}

export async function activeByChoice(db: D1Database): Promise<ChoiceCount[]> {
  const { results } = await db
    .prepare("SELECT follows, delivery, zone, COUNT(*) AS n FROM subscribers WHERE status = 'active' GROUP BY follows, delivery, zone")
    .all<{ follows: string | null; delivery: string | null; zone: string | null; n: number }>();
  return results.map((r) => ({ follows: decodeFollows(r.follows), delivery: decodeDelivery(r.delivery), zone: r.zone, count: r.n }));
}
