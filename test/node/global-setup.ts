// Starts the local SES emulator and one local Worker sending to it, for every Node-side
// test; tests read their URLs with inject().
import type { TestProject } from "vitest/node";
import { startLocalWorker } from "../support/local-worker.ts";
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

/**
 * On a cold start, wrangler dev's local queue has been seen (twice, in CI) to drop the very
 * first message it is given. Production has the scheduled sweep for lost messages; tests
 * cannot wait ten minutes for it, so a throwaway test send goes through first, again if
 * it does not arrive.
 */
async function warmUpQueue(url: string): Promise<void> {
  const headers = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" };
  for (let attempt = 1; attempt <= 3; attempt++) {
    const res = await fetch(`${url}/api/sends`, { method: "POST", headers, body: JSON.stringify({ date: "2015-11-09", to: "warm-up@example.org" }) });
    const { id } = (await res.json()) as { id: number };
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline) {
      const view = (await (await fetch(`${url}/api/sends/${id}`, { headers })).json()) as { status: string };
      if (view.status === "done") return;
      await new Promise((r) => setTimeout(r, 200));
    }
    console.warn(`local queue warm-up: test send ${id} did not arrive in 8 s (attempt ${attempt})`);
  }
  throw new Error("the local queue delivered none of three warm-up sends");
}
