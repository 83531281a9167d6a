// `npm start`: everything a local run needs — content, the local D1 schema, the local
// SES-compatible endpoint (inbox at http://127.0.0.1:8005) — then `wrangler dev` on
// 127.0.0.1:8787.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { startLocalSes } from "./local-ses.ts";

const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };
const wrangler = ["node_modules/wrangler/bin/wrangler.js"];
const LOCAL_SES = "http://127.0.0.1:8005";

function step(title: string, args: string[]): void {
  console.log(`\n› ${title}`);
  const run = spawnSync(process.execPath, args, { stdio: "inherit", env });
  if (run.status !== 0) {
    console.error(`✗ ${title} failed (exit ${run.status ?? run.signal}).`);
    process.exit(run.status ?? 1);
  }
}

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local secrets; edit as you like).");
}
step("Building content and email templates", ["--import", "tsx", "src/build/cli.ts"]);
step("Applying D1 migrations to the local database", [...wrangler, "d1", "migrations", "apply", "DB", "--local"]);

console.log("\n› Starting the local SES endpoint: inbox at http://127.0.0.1:8005");
try {
  await startLocalSes("127.0.0.1", 8005);
} catch (err) {
  console.error(`✗ Could not start the local SES endpoint on 127.0.0.1:8005 (${(err as Error).message}). Is another one running?`);
  process.exit(1);
}

console.log("\n› Starting the Worker at http://127.0.0.1:8787 (Ctrl-C stops it)");
// SES_ENDPOINT is a setting, not a secret, so .dev.vars (which wrangler reads for the
// declared secrets only) cannot carry it: point the Worker at the local endpoint here.
const dev = spawn(process.execPath, [...wrangler, "dev", "--ip", "127.0.0.1", "--port", "8787", "--var", `SES_ENDPOINT:${LOCAL_SES}`, ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
