// Which events and series a form offers, in what order and words: the subscribe forms offer
// what is running or still to come (and every series), the preference page everything, with
// what the person follows ticked.
import { eventPhase, eventsByPhase } from "../content/event-phase.ts";
import type { EventMeta } from "../content/types.ts";
import type { FollowOption } from "../pages/follow-fields.ts";
import { formatDateRange } from "../pages/format-date.ts";
import type { SubscribeChoice } from "../pages/subscribe-form.ts";
import { SERIES_PREFIX, seriesOf, seriesTitle, type Follows } from "../content/follows.ts";

const PHASE_WORDS = { running: "running now", upcoming: "coming up", past: "over" } as const;

function eventOption(event: EventMeta, now: number, follows?: Follows): FollowOption {
  return {
    value: event.slug,
    label: event.title,
    detail: `${formatDateRange(event.start, event.end)} · ${PHASE_WORDS[eventPhase(event, now)]}`,
    checked: follows ? follows.includes(event.slug) : false,
  };
}

function seriesOption(series: string, events: readonly EventMeta[], follows?: Follows): FollowOption {
  const value = `${SERIES_PREFIX}${series}`;
  return { value, label: `Every ${seriesTitle(series, events)}`, detail: "future editions too", checked: follows ? follows.includes(value) : false };
}

/** The form on `/` and `/subscribe`: running and upcoming events, then every series; `checked` ticks some (a failed try, shown again). */
export function subscribeChoice(events: readonly EventMeta[], now: number, checked: readonly string[] = []): SubscribeChoice {
  const { open } = eventsByPhase(events, now);
  return { kind: "choose", options: [...open.map((e) => eventOption(e, now, checked)), ...seriesOf(events).map((s) => seriesOption(s, events, checked))] };
}

/**
 * The form on an event's page: that event, or its series when it has one. An event that is
 * over brings no more recaps, so its page offers the series first (chosen), or, without one,
 * everything: nobody subscribes by default to mail that will never come.
 */
export function eventSubscribeChoice(event: EventMeta, events: readonly EventMeta[], now: number): SubscribeChoice {
  const over = eventPhase(event, now) === "past";
  const own = { ...eventOption(event, now), label: event.series ? `Only ${event.title}` : event.title };
  if (!event.series) return over ? { kind: "over", title: event.title } : { kind: "event", event: own };
  const series = seriesOption(event.series, events);
  return over ? { kind: "event", event: { ...own, detail: "over: no more recaps will come" }, series: { ...series, checked: true } } : { kind: "event", event: own, series };
}

/** The preference page's groups, with `follows` ticked (nothing ticked when it is everything). */
export function preferenceChoices(events: readonly EventMeta[], now: number, follows: Follows): { open: FollowOption[]; series: FollowOption[]; past: FollowOption[] } {
  const { open, past } = eventsByPhase(events, now);
  return {
    open: open.map((e) => eventOption(e, now, follows)),
    series: seriesOf(events).map((s) => seriesOption(s, events, follows)),
    past: past.map((e) => eventOption(e, now, follows)),
  };
}
