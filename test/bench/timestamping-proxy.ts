// A pass-through in front of the SES emulator that notes when each SendRawEmail arrives,
// so the benchmark can see the rate where SES would see it. It runs on its own thread:
// the emulator parses every message on the main thread, and a stamp taken there would
// wait for that work and bunch up arrivals that were in fact spread out.
import { createServer, request } from "node:http";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

export async function startTimestampingProxy(upstream: string) {
  const thread = new Worker(new URL(import.meta.url), { workerData: { upstream } });
  const port = await new Promise<number>((resolve, reject) => {
    thread.once("message", (m: { port: number }) => resolve(m.port));
    thread.once("error", reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    /** Arrival times (ms since the epoch) since the last call, and forgets them. */
    takeArrivals: () =>
      new Promise<number[]>((resolve) => {
        thread.once("message", (m: { arrivals: number[] }) => resolve(m.arrivals));
        thread.postMessage("take");
      }),
    close: () => thread.terminate().then(() => undefined),
  };
}

function serve(upstream: string) {
  let arrivals: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (body.includes("Action=SendRawEmail")) arrivals.push(performance.timeOrigin + performance.now());
      const forward = request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on("error", () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => parentPort!.postMessage({ port: (server.address() as { port: number }).port }));
  parentPort!.on("message", () => {
    parentPort!.postMessage({ arrivals });
    arrivals = [];
  });
}

if (!isMainThread && workerData?.upstream) serve(workerData.upstream as string);

export { busiestWindow } from "../support/busiest-window.ts";
