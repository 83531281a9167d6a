// `npm test`'s runner: the two vitest projects side by side, in two processes. Within one
// vitest run, projects whose files take turns (each needs one file at a time: the worker
// project shares one D1, the node project one `wrangler dev`) run one after the other,
// although one waits on real sends while the other works in workerd. Each process writes a
// blob report; the reports are merged into one run with the reporters asked for (CI's JSON
// included), and the exit code is the merged result's.
import { spawn } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { createInterface } from "node:readline";

const PROJECTS = ["worker", "node"] as const;
const BLOBS = "test-results/blobs";
const vitest = ["node_modules/vitest/vitest.mjs"];

/** Runs vitest with `args`, its output lines prefixed with `label` (none: passed through). */
function run(args: string[], label?: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...vitest, ...args], { stdio: ["ignore", label ? "pipe" : "inherit", label ? "pipe" : "inherit"], env: process.env });
    for (const stream of label ? [child.stdout!, child.stderr!] : []) {
      createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${label}] ${line}\n`));
    }
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const passed = process.argv.slice(2);
// Arguments that pick files or tests go to both runs; reporters and their outputs to the merge.
const isReporting = (arg: string) => /^--(reporter|outputFile)(\.|=|$)/.test(arg);
const reporting: string[] = [];
const selecting: string[] = [];
for (let i = 0; i < passed.length; i++) {
  const arg = passed[i]!;
  const target = isReporting(arg) ? reporting : selecting;
  target.push(arg);
  if (!arg.includes("=") && arg.startsWith("--") && passed[i + 1] !== undefined && !passed[i + 1]!.startsWith("-")) target.push(passed[++i]!);
}

await rm(BLOBS, { recursive: true, force: true });
await mkdir(BLOBS, { recursive: true });
const codes = await Promise.all(
  PROJECTS.map((project) => run(["run", "--project", project, "--passWithNoTests", ...selecting, "--reporter=blob", `--outputFile.blob=${BLOBS}/${project}.json`, "--reporter=default"], project)),
);
const merged = await run(["run", `--merge-reports=${BLOBS}`, ...(reporting.length ? reporting : ["--reporter=default"])]);
process.exit(merged !== 0 ? merged : codes.find((c) => c !== 0) ?? 0);
