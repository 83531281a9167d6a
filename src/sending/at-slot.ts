// Running an SES call at its slot of the global rate: at that wall-clock time, once one of
// the invocation's connections is free, or not at all if that would start it late.
import { LATE_MS } from "./tuning.ts";
import type { SendingDeps } from "./sending-deps.ts";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call` `leadMs` before `at` (ms since the epoch), or answers "late" if it could not
 * start within LATE_MS of `at`. The lead is for a call that holds its own request until `at`
 * (the SES mailer does, after signing it).
 */
export async function atSlot<T>(deps: Pick<SendingDeps, "inFlight">, at: number, call: () => Promise<T>, leadMs = 0): Promise<T | "late"> {
  const wait = at - leadMs - Date.now();
  if (wait >= 1) await sleep(wait);
  const onTime = async (): Promise<T | "late"> => (Date.now() - at > LATE_MS ? "late" : call());
  return deps.inFlight ? deps.inFlight.run(onTime) : onTime();
}
