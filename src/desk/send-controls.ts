// Which of pause / resume / cancel / retry-failed a send's page offers, and what each will
// do, in words: only the ones controlSend would accept for the send as it is now.
import type { ControlAction } from "../sending/control-send.ts";
import type { ShownStatus, SendView } from "../sending/send-view.ts";
import type { SendDetail } from "./send-detail.ts";

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

const people = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "recipient" : "recipients"}`;

/**
 * "the 120 recipients not yet mailed"; while the list is still being written its count would
 * say 0 or too few, so the words say everyone instead.
 */
export function notYetMailed({ view, preparing }: Pick<SendDetail, "view" | "preparing">): { words: string; plural: boolean } {
  if (preparing) return { words: "everyone not yet mailed", plural: false };
  const left = view.pending + view.scheduled + view.inFlight;
  return { words: `the ${people(left)} not yet mailed`, plural: left !== 1 };
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function controlsFor(detail: Pick<SendDetail, "view" | "compacted" | "preparing">): Control[] {
  const { view, compacted } = detail;
  const left = notYetMailed(detail);
  const controls: Control[] = [];
  if (isRunning(view.status)) {
    controls.push({ action: "pause", label: "Pause the send", what: `Stops new messages at once (those on their way finish). ${upperFirst(left.words)} ${left.plural ? "wait" : "waits"} until you resume.`, confirm: false, danger: false });
  }
  if (view.status === "paused") {
    controls.push({ action: "resume", label: "Resume the send", what: `Carries on with ${left.words}. Nobody already mailed gets it again.`, confirm: false, danger: false });
  }
  if (isRunning(view.status) || view.status === "paused") {
    controls.push({ action: "cancel", label: "Cancel the send…", what: `Ends the send for good: ${left.words} never ${left.plural ? "get" : "gets"} it. Asks first.`, confirm: true, danger: true });
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
