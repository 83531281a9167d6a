// The body the mailer hands workerd: whole, in pieces given only on demand, and sealable, so
// "the runtime never took the last piece" stays true once the mailer has said "unsent".
import { describe, expect, it } from "vitest";
import { piecewiseBody } from "../../src/mail/tracked-body-handler.ts";

describe("the piecewise body", () => {
  const bytes = new TextEncoder().encode("Action=SendRawEmail&RawMessage.Data=" + "QUJD".repeat(300));

  it("gives the bytes back whole, in about the asked number of pieces", async () => {
    const body = piecewiseBody(bytes, 64);
    const pieces: Uint8Array[] = [];
    const reader = body.stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) pieces.push(r.value);
    expect(pieces.length).toBeGreaterThanOrEqual(60);
    expect(pieces.length).toBeLessThanOrEqual(64);
    expect(new TextDecoder().decode(new Uint8Array(pieces.flatMap((p) => [...p])))).toBe(new TextDecoder().decode(bytes));
    expect(body.taken()).toBe(true);
    expect(body.sealUnlessTaken()).toBe(false);
  });

  it("splits even a tiny body, and never reads ahead of its reader", async () => {
    const body = piecewiseBody(new TextEncoder().encode("abc"), 64);
    const reader = body.stream.getReader();
    expect((await reader.read()).value).toEqual(new TextEncoder().encode("a"));
    expect(body.taken()).toBe(false);
  });

  it("once sealed before its last piece, can never give the rest", async () => {
    const body = piecewiseBody(bytes, 64);
    const reader = body.stream.getReader();
    await reader.read();
    expect(body.sealUnlessTaken()).toBe(true);
    await expect(reader.read()).rejects.toThrow(/already failed/);
    expect(body.taken()).toBe(false);
  });
});
