// Starts `wrangler dev` on a free loopback port for Node-side tests and benchmarks,
// with its own state directory so it never touches the `npm start` database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localEnv } from "../../src/cli/local-config.ts";
import { parseConfig, type Config, type ConfigEnv } from "../../src/config/config.ts";
import { freePort } from "./free-port.ts";

/** The secrets every test Worker gets unless a test overrides them. */
export const TEST_WORKER_SECRETS = {
  AUTHOR_TOKEN: "test-author-token-0001",
  SIGNING_SECRET: "test-signing-secret-0001",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
};

export interface LocalWorker {
  url: string;
  /** Chrome DevTools protocol of the Worker (for profiling). */
  inspectorPort: number;
  /** Where its local D1, Durable Objects and the rest keep their files. */
  stateDir: string;
  stop(): Promise<void>;
}

export async function startLocalWorker(vars: Record<string, string> = {}, cwd = process.cwd()): Promise<LocalWorker> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const state = await mkdtemp(join(tmpdir(), "herald-worker-"));
  const allVars = { SITE_URL: url, ...TEST_WORKER_SECRETS, ...vars };
  const wranglerEnv = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" };
  // The same migrations as production, applied to this Worker's own local D1.
  const migrate = spawnSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd,
    env: wranglerEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (migrate.status !== 0) throw new Error(`D1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const args = [
    "node_modules/wrangler/bin/wrangler.js", "dev",
    "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort),
    "--persist-to", state, "--log-level", "info", "--show-interactive-dev-session=false",
    ...Object.entries(allVars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const child = spawn(process.execPath, args, {
    cwd,
    env: wranglerEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // Kept in test-results/ too, for reading after a failed run.
  await mkdir(join(cwd, "test-results"), { recursive: true });
  const log = createWriteStream(join(cwd, "test-results", "local-worker.log"));
  child.stdout!.on("data", (d) => ((output += d), log.write(d)));
  child.stderr!.on("data", (d) => ((output += d), log.write(d)));
  try {
    await waitUntilReady(url, child, () => output);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    url,
    inspectorPort,
    stateDir: state,
    async stop() {
      await stopChild(child);
      await rm(state, { recursive: true, force: true });
    },
  };
}

/** The settings a Worker started here at `url` runs with (wrangler.toml, .dev.vars, then its own). */
export function localWorkerConfig(url: string, vars: Record<string, string> = {}): Config {
  return parseConfig({ ...localEnv(), ...TEST_WORKER_SECRETS, SITE_URL: url, ...vars } as ConfigEnv);
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/sitemap.xml`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not answer on ${url} within 60 s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
