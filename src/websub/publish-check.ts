// The hub's publish check: each topic's fingerprint against the one last recorded. A topic
// that changed (a post came due, a deploy added or edited one) gets one push per live
// subscription and one ping per external hub, made by whichever check records the change
// first. Run by the scheduled job, and at each scheduled post's own time by a queue message
// armed for it, so a post is pushed when it is published, not at the next cron.
import { msUntilNextPublication } from "../content/published.ts";
import { armWake, recordChange, recordTopic, topicStates } from "../db/websub.ts";
import type { SendingDeps, SendMessage } from "../sending/sending-deps.ts";
import { CHECK_INTERVAL_MS, MAX_WAKE_DELAY_S } from "./hub-rules.ts";
import { scopeKey, type FeedScope } from "../feeds/feed-scope.ts";
import { feedTopics } from "../feeds/feed-topics.ts";
import { topicFingerprint } from "./topic-fingerprint.ts";

export interface CheckResult {
  /** Topics whose content changed since the last check. */
  changed: string[];
  /** Pushes made for those changes (subscribers' and external hubs'). */
  pushes: number;
}

const PUSH_IDS_PER_MESSAGE = 20;

export async function checkTopics(deps: SendingDeps, now: number, fromSchedule = false): Promise<CheckResult> {
  const topics = feedTopics(deps.config, deps.index, now);
  const states = await topicStates(deps.db);
  const fingerprints = new Map<string, Promise<string>>();
  const fingerprintOf = (scope: FeedScope) => {
    const key = scopeKey(scope);
    let fp = fingerprints.get(key);
    if (!fp) fingerprints.set(key, (fp = topicFingerprint(deps.config, deps.index, scope, now)));
    return fp;
  };
  const changed: string[] = [];
  const ids: number[] = [];
  for (const topic of topics) {
    const fingerprint = await fingerprintOf(topic.scope);
    const state = states.get(topic.url);
    if (!state) {
      await recordTopic(deps.db, topic.url, fingerprint, now);
      continue;
    }
    if (state.fingerprint === fingerprint) continue;
    const made = await recordChange(deps.db, { topic: topic.url, from: state.fingerprint, to: fingerprint, version: state.version, hubs: deps.config.websubHubs }, now);
    changed.push(topic.url);
    ids.push(...made);
  }
  await enqueuePushes(deps, ids);
  await armNextWake(deps, now, !fromSchedule);
  return { changed, pushes: ids.length };
}

export async function enqueuePushes(deps: SendingDeps, ids: readonly number[], delaySeconds?: number): Promise<void> {
  const messages: { body: SendMessage; delaySeconds?: number }[] = [];
  for (let i = 0; i < ids.length; i += PUSH_IDS_PER_MESSAGE) {
    messages.push({ body: { type: "websub-push", ids: ids.slice(i, i + PUSH_IDS_PER_MESSAGE) }, ...(delaySeconds ? { delaySeconds } : {}) });
  }
  if (messages.length) await deps.queue.sendBatch(messages);
}

/**
 * Puts a check on the queue for the next scheduled post's time, once per instant. The
 * scheduled job arms only posts due before its own next run; a check that is not the
 * scheduled job's (a wake, a new subscription) arms the next post however far off, up to the
 * queue's 12-hour limit, so a site without cron triggers (`npm start`) pushes on time too.
 */
export async function armNextWake(deps: SendingDeps, now: number, anyDistance: boolean): Promise<void> {
  const untilNext = msUntilNextPublication(deps.index, now);
  if (untilNext === undefined || (!anyDistance && untilNext > CHECK_INTERVAL_MS)) return;
  const wakeAt = now + Math.min(untilNext, MAX_WAKE_DELAY_S * 1000);
  if (!(await armWake(deps.db, wakeAt))) return;
  await deps.queue.sendBatch([{ body: { type: "websub-check" }, delaySeconds: Math.max(1, Math.ceil((wakeAt - now) / 1000)) }]);
}
