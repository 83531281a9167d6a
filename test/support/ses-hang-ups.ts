// Endpoints that lose the connection at chosen moments, for telling "the request never left"
// from "the answer was lost": one that hangs up on the first bytes it gets, and one in front
// of the emulator that a test can stop (resetting every open connection) and start again.
import { createServer as createHttpServer, request } from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import type { Endpoint } from "./ses-endpoints.ts";

/** Accepts a connection and resets it as soon as anything arrives: nothing is ever read. */
export async function startHangUpOnFirstData(port = 0): Promise<Endpoint> {
  const server = createNetServer((socket) => {
    socket.once("data", () => socket.resetAndDestroy());
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${actual}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface RestartableEndpoint extends Endpoint {
  /** Where a test in workerd says POST /stop, /start or /reset. */
  controlUrl: string;
}

/**
 * A pass-through to the emulator on a fixed port. POST /stop on the control port resets
 * every connection the pass-through holds (kept-alive ones too) and stops listening, as a
 * killed process would; POST /start listens again on the same port. Both answer how many
 * open connections were reset; POST /reset resets them and keeps listening.
 */
export async function startRestartableSes(upstream: string, port: number, controlPort: number): Promise<RestartableEndpoint> {
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    const forward = request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const listen = () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const resetAll = () => {
    const open = sockets.size;
    for (const socket of sockets) socket.resetAndDestroy();
    return open;
  };
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const open = resetAll();
    await closed;
    return open;
  };
  const actions: Record<string, () => Promise<unknown>> = {
    "/stop": stop,
    "/start": listen,
    // Resets every open connection but keeps listening: only kept-alive connections die.
    "/reset": async () => resetAll(),
  };
  const control = createHttpServer((req, res) => {
    const action = req.method === "POST" ? actions[req.url ?? ""] : undefined;
    if (!action) return void res.writeHead(404).end();
    action().then(
      (value) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ reset: typeof value === "number" ? value : 0 })),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await listen();
  await new Promise<void>((resolve) => control.listen(controlPort, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    close: async () => {
      if (server.listening) await stop();
      const closed = new Promise<void>((resolve) => control.close(() => resolve()));
      control.closeAllConnections();
      await closed;
    },
  };
}
