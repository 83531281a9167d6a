// The Worker's entry: wires the real clock, content, stores, mailer, queue and limiter.
import { createApp } from "./app.ts";
import type { AppDeps } from "./app-env.ts";
import { assetBodyStore } from "./assets/asset-body-store.ts";
import { readConfig, type Config } from "./config/config.ts";
import type { BodyStore } from "./content/body-store.ts";
import { contentIndex } from "./generated/content-index.ts";
import { sesMailer, type Mailer } from "./mail/ses-mailer.ts";
import { runDailyJob } from "./sending/daily-job.ts";
import { handleSendBatch } from "./sending/queue-handler.ts";
import type { SendingDeps, SendMessage } from "./sending/sending-deps.ts";
import { meteredD1 } from "./util/d1-meter.ts";

export { SendRateLimiter } from "./sending/send-rate-limiter.ts";

const stores = new WeakMap<Fetcher, BodyStore>();
const mailers = new WeakMap<Config, Mailer>();

const deps: AppDeps = {
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
  sending: (env, config) => sendingDeps(env, config),
  fetch: (url, init) => fetch(url, { ...init, redirect: "error" }),
};

/** `metered`: the pipeline's own D1 work (queue, schedule) is counted when D1_METER is on. */
function sendingDeps(env: Env, config: Config, metered = false): SendingDeps {
  const limiter = env.SEND_RATE_LIMITER.get(env.SEND_RATE_LIMITER.idFromName("global"));
  return {
    db: metered && (env as { D1_METER?: string }).D1_METER === "on" ? meteredD1(env.DB) : env.DB,
    queue: env.SEND_QUEUE as unknown as SendingDeps["queue"],
    mailer: deps.mailer(env, config),
    limiter: { acquire: (wanted, limit) => limiter.acquire(wanted, limit) },
    config,
    index: contentIndex,
    bodies: deps.bodies(env),
    now: deps.now,
  };
}

const app = createApp(deps);

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runDailyJob(sendingDeps(env, readConfig(env), true), controller.scheduledTime);
  },
  async queue(batch, env) {
    await handleSendBatch(batch.messages as never, sendingDeps(env, readConfig(env), true));
  },
} satisfies ExportedHandler<Env, SendMessage>;
