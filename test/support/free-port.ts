// Free TCP ports on the loopback interface: one to take, or one to wait for after a kill.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free port below the kernel's ephemeral range, for a server that may be killed and started
 * again on the same port: while it is down, no outgoing connection on this machine can be
 * given that port as its own (those come from the ephemeral range, which port 0 draws from too).
 */
export async function freeStablePort(): Promise<number> {
  const ephemeralFrom = ephemeralRangeStart();
  const from = 10_000;
  for (let tries = 0; tries < 100; tries++) {
    const port = from + Math.floor(Math.random() * (ephemeralFrom - from));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found between ${from} and ${ephemeralFrom}`);
}

/** Linux's, or its default where it cannot be read. */
function ephemeralRangeStart(): number {
  try {
    return Number(/^\d+/.exec(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8"))?.[0] ?? 32768);
  } catch {
    return 32768;
  }
}

/** True if `port` can be listened on now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Resolves once `port` is free again (a killed process's sockets close as the kernel reaps it). */
export async function waitUntilPortFree(port: number, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await canListen(port))) {
    if (Date.now() > deadline) throw new Error(`port ${port} is still taken ${limitMs} ms after its process was killed`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
