// Starts the local SES emulator and one local Worker sending to it, for every Node-side
// test; tests read their URLs with inject().
import type { TestProject } from "vitest/node";
import { startLocalWorker } from "../support/local-worker.ts";
import { warmUpQueue } from "../support/queue-warm-up.ts";
import { startSesEmulator } from "../support/ses-endpoints.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    sesUrl: string;
    /** Where the Worker keeps its local D1 and the rest (for the queue rescue). */
    stateDir: string;
  }
}

export default async function setup(project: TestProject) {
  const ses = await startSesEmulator();
  const worker = await startLocalWorker({ SES_ENDPOINT: ses.url });
  await warmUpQueue(worker.url);
  project.provide("baseUrl", worker.url);
  project.provide("sesUrl", ses.url);
  project.provide("stateDir", worker.stateDir);
  return async () => {
    await worker.stop();
    await ses.close();
  };
}
