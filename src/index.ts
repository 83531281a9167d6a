// The Worker's entry: the app, the queue consumer, the scheduled job and the Durable
// Objects, each with the real dependencies (worker-deps.ts).
import { createApp } from "./app.ts";
import { readConfig } from "./config/config.ts";
import { runDailyJob } from "./sending/daily-job.ts";
import { handleSendBatch } from "./sending/queue-handler.ts";
import type { SendMessage } from "./sending/sending-deps.ts";
import { workerDeps, workerSendingDeps } from "./worker-deps.ts";
import { noticeDeploy } from "./websub/notice-deploy.ts";
import { contentIndex } from "./generated/content-index.ts";

export { SendRateLimiter } from "./sending/send-rate-limiter.ts";
export { SendWatch } from "./send-watch-object.ts";

const app = createApp(workerDeps);

export default {
  fetch(request, env, ctx) {
    // A new build's first request lets the hub push what the deploy changed.
    try {
      const config = readConfig(env);
      const work = noticeDeploy(contentIndex, config, () => workerSendingDeps(env, config), Date.now());
      if (work) ctx.waitUntil(work);
    } catch {
      // Settings that do not parse: the app answers with the error itself.
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(controller, env) {
    await runDailyJob(workerSendingDeps(env, readConfig(env), true), controller.scheduledTime);
  },
  async queue(batch, env) {
    await handleSendBatch(batch.messages as never, workerSendingDeps(env, readConfig(env), true));
  },
} satisfies ExportedHandler<Env, SendMessage>;
