// A child process in a process group of its own, so that one signal reaches it and everything
// it started: `wrangler dev` runs a second Node and two workerd processes, and a kill -9 of
// wrangler alone would leave workerd running, holding the port and the state. A group does
// not get the terminal's Ctrl-C, so every live group is killed when this process ends.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface ProcessGroup {
  child: ChildProcess;
  /** Resolves when the child itself has exited. */
  exited: Promise<void>;
  /** Sends `signal` to every process of the group; nothing if it is gone. */
  signal(signal: NodeJS.Signals): void;
  /** kill -9 of the whole group; resolves once the child has exited. */
  kill(): Promise<void>;
}

const live = new Set<() => void>();
const killLive = () => live.forEach((kill) => kill());
let hooked = false;

/** Should this process end without stopping its groups (a crash, Ctrl-C, a runner's SIGTERM), they go with it. */
function killGroupsOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", killLive);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killLive();
      // With no other listener, the default action ends this process, as it would have without ours.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

export function spawnGroup(command: string, args: string[], options: SpawnOptions): ProcessGroup {
  killGroupsOnExit();
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone already
    }
  };
  const killNow = () => signal("SIGKILL");
  live.add(killNow);
  return {
    child,
    exited,
    signal,
    async kill() {
      killNow();
      await exited;
      live.delete(killNow);
    },
  };
}
