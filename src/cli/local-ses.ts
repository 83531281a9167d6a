// Starts aws-ses-v2-local, the SES-compatible endpoint for local runs and tests. The
// package is CommonJS compiled from ESM: under Node its default export sits one level down.
import type { Server } from "node:http";
import * as sesLocal from "aws-ses-v2-local";

type Start = (config?: { host?: string; port?: number }) => Promise<Server>;

export function startLocalSes(host: string, port: number): Promise<Server> {
  const mod = sesLocal as unknown as { default: Start | { default: Start } };
  const start = typeof mod.default === "function" ? mod.default : mod.default.default;
  return start({ host, port });
}
