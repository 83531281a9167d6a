// The Worker's entry: the app, the queue consumer, the scheduled job and the Durable
// Objects, each with the real dependencies (worker-deps.ts).
import { createApp } from "./app.ts";
import { readConfig } from "./config/config.ts";
import { runDailyJob } from "./sending/daily-job.ts";
import { handleSendBatch } from "./sending/queue-handler.ts";
import type { SendMessage } from "./sending/sending-deps.ts";
import { workerDeps, workerSendingDeps } from "./worker-deps.ts";

export { SendRateLimiter } from "./sending/send-rate-limiter.ts";
export { SendWatch } from "./send-watch-object.ts";

const app = createApp(workerDeps);

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runDailyJob(workerSendingDeps(env, readConfig(env), true), controller.scheduledTime);
  },
  async queue(batch, env) {
    await handleSendBatch(batch.messages as never, workerSendingDeps(env, readConfig(env), true));
  },
} satisfies ExportedHandler<Env, SendMessage>;
