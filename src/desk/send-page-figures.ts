// What a send's page shows that changes while it runs, as one object: the page draws it, and
// GET /admin/sends/:id/progress answers it as JSON for the page's script, so both say the same.
import type { SendView } from "../sending/send-view.ts";
import { shownTime } from "./desk-time.ts";
import { controlsFor } from "./send-controls.ts";
import { handledOf, progressSummary, shownStatusWord, type SendDetail } from "./send-detail.ts";

export interface SendPageFigures extends SendView {
  handled: number;
  statusWord: string;
  summary: string;
  /** When the rows waiting for their recipients' own time go out, or "" when none wait. */
  scheduledNote: string;
  /** The controls that apply now, in page order: the script reloads the page when the set changes. */
  actions: string[];
  /** Each control's button label and the line under it, kept current by the script. */
  controls: Record<string, { label: string; what: string }>;
}

/** "3 scheduled for later: the next at Monday 9 November 2015 at 20:00, the last at …". */
export function scheduledNote(view: SendView, zone: string): string {
  if (view.scheduled === 0 || view.nextDueAt === null) return "";
  const next = shownTime(view.nextDueAt, zone);
  if (view.scheduled === 1 || view.lastDueAt === null || view.lastDueAt === view.nextDueAt) {
    return `${view.scheduled.toLocaleString("en-US")} scheduled for later (their own delivery time): ${view.scheduled === 1 ? "it goes" : "they go"} at ${next}.`;
  }
  return `${view.scheduled.toLocaleString("en-US")} scheduled for later (their own delivery time): the next at ${next}, the last at ${shownTime(view.lastDueAt, zone)}.`;
}

export function sendPageFigures(detail: SendDetail, zone: string): SendPageFigures {
  const { view, preparing } = detail;
  const controls = controlsFor(detail);
  return {
    ...view,
    handled: handledOf(view),
    statusWord: shownStatusWord(detail),
    summary: progressSummary(view, preparing),
    scheduledNote: scheduledNote(view, zone),
    actions: controls.map((c) => c.action),
    controls: Object.fromEntries(controls.map((c) => [c.action, { label: c.label, what: c.what }])),
  };
}
