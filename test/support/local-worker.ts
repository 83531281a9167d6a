// Starts `wrangler dev` on a free loopback port for Node-side tests and benchmarks,
// with its own state directory so it never touches the `npm start` database. A Worker can
// also be killed the way a crash kills it (kill -9 of wrangler and every workerd it runs)
// and started again on the same port and state, where its D1 and Durable Objects live on.
import { spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localEnv } from "../../src/cli/local-config.ts";
import { parseConfig, type Config, type ConfigEnv } from "../../src/config/config.ts";
import { freeStablePort, waitUntilPortFree } from "./free-port.ts";
import { spawnGroup } from "./process-group.ts";

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
  /** Stops it and deletes its state. */
  stop(): Promise<void>;
  /** kill -9 of wrangler dev and every process it started (workerd included), as a crash would; the state stays. */
  kill(): Promise<void>;
  /** Starts it again after a kill, on the same port and the same state; resolves once it answers. */
  restart(): Promise<void>;
}

export interface LocalWorkerOptions {
  /** Its log goes to test-results/<logName>.log (a restart appends to it). */
  logName?: string;
}

const wranglerEnv = () => ({ ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" });

export async function startLocalWorker(vars: Record<string, string> = {}, cwd = process.cwd(), options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const state = await mkdtemp(join(tmpdir(), "herald-worker-"));
  // The same migrations as production, applied to this Worker's own local D1.
  const migrate = spawnSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd,
    env: wranglerEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (migrate.status !== 0) {
    await rm(state, { recursive: true, force: true });
    throw new Error(`D1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }
  // Kept in test-results/ too, for reading after a failed run.
  await mkdir(join(cwd, "test-results"), { recursive: true });
  const logPath = join(cwd, "test-results", `${options.logName ?? "local-worker"}.log`);
  // A port found free can be taken by another process before wrangler listens on it: try others.
  for (let attempt = 1; ; attempt++) {
    const port = await freeStablePort();
    const inspectorPort = await freeStablePort();
    const url = `http://127.0.0.1:${port}`;
    const allVars = { SITE_URL: url, ...TEST_WORKER_SECRETS, ...vars };
    const args = [
      "node_modules/wrangler/bin/wrangler.js", "dev",
      "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort),
      "--persist-to", state, "--log-level", "info", "--show-interactive-dev-session=false",
      ...Object.entries(allVars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ];
    let run: Running;
    try {
      run = await launch(args, cwd, url, createWriteStream(logPath));
    } catch (err) {
      if (err instanceof PortTaken && attempt < 3) continue;
      await rm(state, { recursive: true, force: true });
      throw err;
    }
    return {
      url,
      inspectorPort,
      stateDir: state,
      async stop() {
        await run.stop();
        await rm(state, { recursive: true, force: true });
      },
      async kill() {
        await run.kill();
        // The next start must find the ports free, as a supervisor restarting a crashed process would.
        await Promise.all([waitUntilPortFree(port), waitUntilPortFree(inspectorPort)]);
      },
      async restart() {
        await run.kill(); // a no-op after kill(); never two Workers on one state
        run = await launch(args, cwd, url, createWriteStream(logPath, { flags: "a" }));
      },
    };
  }
}

/** The settings a Worker started here at `url` runs with (wrangler.toml, .dev.vars, then its own). */
export function localWorkerConfig(url: string, vars: Record<string, string> = {}): Config {
  return parseConfig({ ...localEnv(), ...TEST_WORKER_SECRETS, SITE_URL: url, ...vars } as ConfigEnv);
}

interface Running {
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** One `wrangler dev` process group, answering at `url`. */
async function launch(args: string[], cwd: string, url: string, log: WriteStream): Promise<Running> {
  // Its own process group: only a signal to the whole group reaches every workerd it runs.
  const group = spawnGroup(process.execPath, args, { cwd, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const { child } = group;
  let output = "";
  // Output can still come after the exit that ends the log: it is dropped, not written late.
  const keep = (d: Buffer) => ((output += d), log.writableEnded || log.write(d));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const kill = async () => {
    await group.kill();
    log.end();
  };
  try {
    await waitUntilReady(url, child, () => output);
  } catch (err) {
    await kill();
    throw err;
  }
  return {
    kill,
    async stop() {
      // A clean stop first, so wrangler tidies up; then the group, so no workerd outlives it.
      if (child.exitCode === null && child.signalCode === null) {
        const timer = setTimeout(() => group.signal("SIGKILL"), 5000);
        group.signal("SIGTERM");
        await group.exited;
        clearTimeout(timer);
      }
      await kill();
    },
  };
}

/** wrangler dev could not listen: its port was taken after it had been found free. */
class PortTaken extends Error {}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const Failure = /Address already in use/.test(output()) ? PortTaken : Error;
      throw new Failure(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    }
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
