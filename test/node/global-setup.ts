// Starts one local Worker for every Node-side test; tests read its URL with inject("baseUrl").
import type { TestProject } from "vitest/node";
import { startLocalWorker } from "../support/local-worker.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const worker = await startLocalWorker();
  project.provide("baseUrl", worker.url);
  return () => worker.stop();
}
