// The real clock, content, stores, mailer, queue, limiter and send watches, wired from the
// Worker's bindings: the fetch, queue and scheduled handlers and the send watch's alarm
// all build their dependencies here.
import type { AppDeps } from "./app-env.ts";
import { assetBodyStore } from "./assets/asset-body-store.ts";
import type { Config } from "./config/config.ts";
import type { BodyStore } from "./content/body-store.ts";
import { contentIndex } from "./generated/content-index.ts";
import { sesMailer, type Mailer } from "./mail/ses-mailer.ts";
import type { SendingDeps } from "./sending/sending-deps.ts";
import { meteredD1 } from "./util/d1-meter.ts";

const stores = new WeakMap<Fetcher, BodyStore>();
const mailers = new WeakMap<Config, Mailer>();

export const workerDeps: AppDeps = {
  index: contentIndex,
  now: () => Date.now(),
  bodies: (env) => {
    let store = stores.get(env.ASSETS);
    if (!store) stores.set(env.ASSETS, (store = assetBodyStore(env.ASSETS)));
    return store;
  },
  mailer: (_env, config) => {
    let mailer = mailers.get(config);
    if (!mailer) mailers.set(config, (mailer = sesMailer(config.ses)));
    return mailer;
  },
  sending: (env, config) => workerSendingDeps(env, config),
  // Never followed: a redirect answers as itself (3xx, not ok). workerd has no "error" mode
  // (it throws a TypeError for it), so "manual" is the way to refuse one.
  fetch: (url, init) => fetch(url, { ...init, redirect: "manual" }),
};

/** `metered`: the pipeline's own D1 work (queue, schedule, watches) is counted when D1_METER is on. */
export function workerSendingDeps(env: Env, config: Config, metered = false): SendingDeps {
  const limiter = env.SEND_RATE_LIMITER.get(env.SEND_RATE_LIMITER.idFromName("global"));
  return {
    db: metered && (env as { D1_METER?: string }).D1_METER === "on" ? meteredD1(env.DB) : env.DB,
    queue: env.SEND_QUEUE as unknown as SendingDeps["queue"],
    mailer: workerDeps.mailer(env, config),
    limiter: { acquire: (wanted, limit) => limiter.acquire(wanted, limit) },
    fetch: workerDeps.fetch,
    watch: { arm: (sendId, delayMs) => env.SEND_WATCH.get(env.SEND_WATCH.idFromName(String(sendId))).arm(sendId, delayMs) },
    config,
    index: contentIndex,
    bodies: workerDeps.bodies(env),
    now: workerDeps.now,
  };
}
