// When a send's row for a recipient may go out: at once for "as soon as it is out", else at
// the first moment after the send was made that their wall clock reads their chosen time
// (content/delivery-time.ts). Pure: the same answer for the prepare step, a change of
// choice made while the send runs, and the dry run.
import { dueAt, type DeliveryTime } from "../content/delivery-time.ts";

export interface DeliveryChoice {
  delivery: DeliveryTime;
  zone: string | null;
}

/** Epoch ms, or null for at once. A zone this runtime no longer knows sends at once rather than never. */
export function rowDueAt(sendCreatedAt: number, choice: DeliveryChoice): number | null {
  if (choice.delivery === "asap" || choice.zone === null) return null;
  try {
    return dueAt(sendCreatedAt, choice.delivery, choice.zone);
  } catch {
    return null;
  }
}
