// A pass-through in front of the SES emulator that notes when each SendRawEmail arrives,
// so the benchmark can see the rate where SES would see it.
import { createServer, request } from "node:http";

export async function startTimestampingProxy(upstream: string) {
  const arrivals: number[] = [];
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
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, arrivals, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export { busiestWindow } from "../support/busiest-window.ts";
