// The crash tests' SES endpoint as a child process (recording-ses-server.ts) on a fixed port:
// started, killed with SIGKILL and started again on the same port and record file, whose
// lines say which SendRawEmail requests reached it and which it accepted.
import type { ChildProcess } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeStablePort } from "./free-port.ts";
import { spawnGroup, type ProcessGroup } from "./process-group.ts";

/** One line of the record file. `arrived`: the whole request reached the endpoint; `accepted`: the emulator took it (one copy). */
export interface SesRecord {
  event: "arrived" | "accepted";
  /** The recipient (`Destinations.member.1`). */
  to: string;
  /** Herald's own Message-ID header of the message. */
  messageId: string | null;
  /** The id SES answered with (accepted only). */
  sesMessageId?: string;
  at: number;
}

export interface RecordingSes {
  url: string;
  /** Every record so far, in the order they were written. */
  records(): Promise<SesRecord[]>;
  /** kill -9: requests in its hands get no answer, new connections are refused. */
  kill(): Promise<void>;
  /** Up again on the same port, appending to the same record file. */
  restart(): Promise<void>;
  /** Stops it and deletes the record file. */
  stop(): Promise<void>;
}

const SERVER = new URL("./recording-ses-server.ts", import.meta.url).pathname;

export async function startRecordingSes(cwd = process.cwd()): Promise<RecordingSes> {
  const dir = mkdtempSync(join(tmpdir(), "herald-ses-records-"));
  const recordFile = join(dir, "records.jsonl");
  const first = await launchOnAFreePort(recordFile, cwd).catch(async (err) => {
    await rm(dir, { recursive: true, force: true });
    throw err;
  });
  const { port } = first;
  let running = first.running;
  return {
    url: `http://127.0.0.1:${port}`,
    async records() {
      const text = await readFile(recordFile, "utf8").catch(() => "");
      return text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as SesRecord);
    },
    async kill() {
      await running.kill();
    },
    async restart() {
      await running.kill();
      running = await relaunch(port, recordFile, cwd);
    },
    async stop() {
      await running.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port found free can be taken by another process before the server listens on it: then another. */
async function launchOnAFreePort(recordFile: string, cwd: string): Promise<{ port: number; running: ProcessGroup }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freeStablePort();
    try {
      return { port, running: await launch(port, recordFile, cwd) };
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(err))) throw err;
    }
  }
}

/**
 * The same port again. Its socket closed with the killed process; should the port still be
 * taken, it is tried again rather than checked first: a check listens on the port for a
 * moment, and a Worker's call arriving then would meet the check instead of a refusal.
 */
async function relaunch(port: number, recordFile: string, cwd: string): Promise<ProcessGroup> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await launch(port, recordFile, cwd);
    } catch (err) {
      if (Date.now() > deadline || !/EADDRINUSE/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function launch(port: number, recordFile: string, cwd: string): Promise<ProcessGroup> {
  // Node 22 (this process's), with tsx for the TypeScript.
  const group = spawnGroup(process.execPath, ["--import", "tsx", SERVER, String(port), recordFile], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  try {
    await readyLine(group.child);
  } catch (err) {
    await group.kill();
    throw err;
  }
  return group;
}

/** Resolves when the server says "ready" on stdout; fails if it exits first or takes over 30 s. */
function readyLine(child: ChildProcess): Promise<void> {
  let output = "";
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the recording SES endpoint did not start within 30 s:\n${output}`)), 30_000);
    const done = (err?: Error) => (clearTimeout(timer), err ? reject(err) : resolve());
    child.stderr!.on("data", (d) => (output += d));
    child.stdout!.on("data", (d) => {
      output += d;
      if (output.includes("ready\n")) done();
    });
    child.once("exit", (code, signal) => done(new Error(`the recording SES endpoint exited (${code ?? signal}):\n${output}`)));
  });
}
