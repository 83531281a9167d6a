// Each copy of a send carries Herald's own Message-ID, named by the send and its row, as the
// SES endpoint received it (the raw MIME, kept by the endpoint's stand-in).
import { beforeEach, describe, expect, it } from "vitest";
import { deliveryMessageId, parseDeliveryMessageId } from "../../src/email/delivery-message-id.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { messageIdsAtEndpoint } from "./ses-raw.ts";
import { addSubscribers, capturingQueue, clearLedger, DAY1, DAY1_DUE, drain, ledger, testDeps } from "./sending-helpers.ts";

beforeEach(clearLedger);

describe("Herald's Message-ID per delivery", () => {
  it("each copy of a daily send carries <herald.s{send}.d{row}@{FROM_ADDRESS's domain}>", async () => {
    const people = await addSubscribers(3);
    const q = capturingQueue();
    const deps = testDeps(() => DAY1_DUE + 60_000, { queue: q.queue });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await drain(q, deps);
    const rows = await ledger(send.id);
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    for (const [i, p] of people.entries()) {
      expect(await messageIdsAtEndpoint(p.email)).toEqual([`<herald.s${send.id}.d${rows[i]!.id}@example.org>`]);
    }
  });

  it("reads back the send and row from the header value, with or without its angle brackets, and nothing else", () => {
    const id = deliveryMessageId("example.org", { sendId: 12, deliveryId: 3456 });
    expect(parseDeliveryMessageId(id)).toEqual({ sendId: 12, deliveryId: 3456 });
    expect(parseDeliveryMessageId(` ${id.slice(1, -1)} `)).toEqual({ sendId: 12, deliveryId: 3456 });
    for (const other of ["<0100018c-abc@email.amazonses.com>", "<herald.s0.d1@example.org>", "<herald.s1.d2>", "<herald.s1.d2@a@b>", "herald.s1.d2@x y"]) {
      expect(parseDeliveryMessageId(other)).toBeUndefined();
    }
  });
});
