// The Worker's entry: wires the real clock, content and stores into the app.
import { createApp } from "./app.ts";
import { assetBodyStore } from "./assets/asset-body-store.ts";
import type { BodyStore } from "./content/body-store.ts";
import type { Config } from "./config/config.ts";
import { contentIndex } from "./generated/content-index.ts";
import { sesMailer, type Mailer } from "./mail/ses-mailer.ts";

const stores = new WeakMap<Fetcher, BodyStore>();
const mailers = new WeakMap<Config, Mailer>();

const app = createApp({
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
});

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
