// Whether an event is running, still to come or over. Decided on the event's own calendar
// (its dates are days where it happens), so a conference in Tokyo has started for its
// readers in San Francisco the moment its first day begins in Tokyo.
import { localDate } from "./days.ts";
import type { EventMeta } from "./types.ts";

export type EventPhase = "running" | "upcoming" | "past";

export function eventPhase(event: Pick<EventMeta, "start" | "end" | "timezone">, now: number): EventPhase {
  const today = localDate(now, event.timezone);
  if (today > event.end) return "past";
  return today < event.start ? "upcoming" : "running";
}

/**
 * Events in the order a person choosing among them wants: running and upcoming ones first,
 * soonest first, then past ones, latest first. Ties go by title.
 */
export function eventsByPhase(events: readonly EventMeta[], now: number): { open: EventMeta[]; past: EventMeta[] } {
  const byTitle = (a: EventMeta, b: EventMeta) => a.title.localeCompare(b.title);
  const open = events.filter((e) => eventPhase(e, now) !== "past");
  const past = events.filter((e) => eventPhase(e, now) === "past");
  open.sort((a, b) => a.start.localeCompare(b.start) || byTitle(a, b));
  past.sort((a, b) => b.end.localeCompare(a.end) || byTitle(a, b));
  return { open, past };
}
