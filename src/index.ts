// The Worker's entry: wires the real clock, content and stores into the app.
import { createApp } from "./app.ts";
import { assetBodyStore } from "./assets/asset-body-store.ts";
import type { BodyStore } from "./content/body-store.ts";
import { contentIndex } from "./generated/content-index.ts";

const stores = new WeakMap<Fetcher, BodyStore>();

const app = createApp({
  index: contentIndex,
  now: () => Date.now(),
  bodies: (env) => {
    let store = stores.get(env.ASSETS);
    if (!store) stores.set(env.ASSETS, (store = assetBodyStore(env.ASSETS)));
    return store;
  },
});

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
