// Which of pause / resume / cancel / retry-failed a send's page offers, and what each will
// do, in words: only the ones controlSend would accept for the send as it is now.
import type { ControlAction } from "../sending/control-send.ts";
import type { ShownStatus, SendView } from "../sending/send-view.ts";

/** A send still moving (or held by Herald until SES answers): its page follows it live. */
export const RUNNING: readonly ShownStatus[] = ["queued", "sending", "stalled", "waiting"];

export const isRunning = (status: ShownStatus) => RUNNING.includes(status);

/** What a send's page can ask for: controlSend's actions, and resend-unknown (resend-unknown.ts). */
export type DeskAction = ControlAction | "resend-unknown";

export interface Control {
  action: DeskAction;
  label: string;
  /** What pressing it will do, for the line under the button. */
  what: string;
  /** Asks first (on a page of its own). */
  confirm: boolean;
  danger: boolean;
}

const left = (v: SendView) => v.pending + v.scheduled + v.inFlight;
const people = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "recipient" : "recipients"}`;

export function controlsFor(view: SendView, compacted: boolean): Control[] {
  const controls: Control[] = [];
  if (isRunning(view.status)) {
    controls.push({ action: "pause", label: "Pause the send", what: `Stops new messages at once (those on their way finish). ${people(left(view))} not yet mailed wait until you resume.`, confirm: false, danger: false });
  }
  if (view.status === "paused") {
    controls.push({ action: "resume", label: "Resume the send", what: `Carries on with the ${people(left(view))} not yet mailed. Nobody already mailed gets it again.`, confirm: false, danger: false });
  }
  if (isRunning(view.status) || view.status === "paused") {
    controls.push({ action: "cancel", label: "Cancel the send…", what: `Ends the send for good: the ${people(left(view))} not yet mailed never get it. Asks first.`, confirm: true, danger: true });
  }
  if (["done", "paused", "sending", "stalled"].includes(view.status) && view.failed > 0 && !compacted) {
    controls.push({ action: "retry-failed", label: `Retry the ${view.failed.toLocaleString("en-US")} failed`, what: `Sends again to the ${people(view.failed)} whose delivery failed; nobody else.`, confirm: false, danger: false });
  }
  // A second copy is possible for these people, so it asks first, with the dry run's count.
  if (["done", "paused", "sending", "stalled"].includes(view.status) && view.unknown > 0 && !compacted) {
    controls.push({ action: "resend-unknown", label: `Resend to the ${view.unknown.toLocaleString("en-US")} unknown…`, what: `Sends once more to those whose SES answer was lost; some of them may get a second copy. Asks first.`, confirm: true, danger: false });
  }
  return controls;
}

/** The notice after an action, by the name the redirect carries (never text from the query itself). */
export const DONE_NOTICES: Record<string, string> = {
  pause: "Paused. No new messages go out until you resume.",
  resume: "Resumed: the send carries on where it stopped.",
  cancel: "Cancelled. What was sent stays sent; nobody else gets this email.",
  "retry-failed": "The failed deliveries are being tried again.",
  test: "The test send has started: it goes only to the addresses you gave.",
  started: "The send has started.",
  "resend-unknown": "The deliveries whose outcome was unknown are going out once more.",
};
