// A send's variants as its rows are made: each chunk of recipients gets the variant the rule
// gives them (variant-rule.ts), and a variant nobody had yet is rendered then, once, from the
// posts the send carries. Nobody's copy is ever rendered for them alone.
import { carriedSlugs } from "../db/carried-posts.ts";
import type { Send } from "../db/sends.ts";
import { insertVariant, listVariants } from "../db/send-variants.ts";
import type { Follows } from "../content/follows.ts";
import { renderVariant } from "./send-posts.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { dayEventsOf, isWholeDay, variantKey, variantOf, WHOLE_DAY } from "./variant-rule.ts";

/** [subscriber id, variant] for each of them who follows any of the day's events. */
export async function assignVariants(deps: SendingDeps, send: Send, subscribers: readonly { id: number; follows: Follows }[]): Promise<[number, number][]> {
  // A send from before audiences has one email for everyone.
  if (send.events === null) return subscribers.map((s) => [s.id, WHOLE_DAY]);
  const dayEvents = dayEventsOf(send.events, deps.index.events);
  const chosen = subscribers.map((s) => ({ id: s.id, events: variantOf(s.follows, dayEvents) })).filter((c) => c.events.length > 0);
  const numbers = new Map((await listVariants(deps.db, send.id)).map((v) => [variantKey(v.events), v.variant]));
  for (const { events } of chosen) {
    const key = variantKey(events);
    if (numbers.has(key)) continue;
    const whole = isWholeDay(events, dayEvents);
    const snapshot = whole ? null : await renderCarried(deps, send, events);
    numbers.set(key, await insertVariant(deps.db, send.id, { events, subject: snapshot?.subject ?? send.subject ?? "", snapshot }, deps.now()));
  }
  return chosen.map((c) => [c.id, numbers.get(variantKey(c.events))!]);
}

/** A variant from the posts the send recorded, as they are in the content now. */
async function renderCarried(deps: SendingDeps, send: Send, events: readonly string[]) {
  const bySlug = new Map(deps.index.posts.map((p) => [p.slug, p]));
  const carried = (await carriedSlugs(deps.db, send.id)).flatMap((slug) => bySlug.get(slug) ?? []);
  const snapshot = await renderVariant(deps, send.date, carried, events);
  if (!snapshot) throw new Error(`send ${send.id}: no post of ${events.join(", ")} is left in the content to render`);
  return snapshot;
}
