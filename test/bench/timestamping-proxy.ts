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
    /**
     * Since the last call: when each SendRawEmail arrived (ms since the epoch), to whom
     * (`recipients[i]` is the address of `arrivals[i]`), and how long the endpoint took to
     * answer each; forgets them.
     */
    take: () =>
      new Promise<{ arrivals: number[]; recipients: string[]; answerMs: number[] }>((resolve) => {
        thread.once("message", resolve);
        thread.postMessage("take");
      }),
    close: () => thread.terminate().then(() => undefined),
  };
}

function serve(upstream: string) {
  let arrivals: number[] = [];
  let recipients: string[] = [];
  let answerMs: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const arrived = performance.now();
      const counted = body.includes("Action=SendRawEmail");
      if (counted) {
        arrivals.push(performance.timeOrigin + arrived);
        // The SES Query API names the envelope recipient as a form field; one per message here.
        const to = /(?:^|&)Destinations\.member\.1=([^&]*)/.exec(body.toString("latin1"))?.[1] ?? "";
        recipients.push(decodeURIComponent(to.replace(/\+/g, " ")));
      }
      const forward = request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        if (counted) up.on("end", () => answerMs.push(performance.now() - arrived));
      });
      forward.on("error", () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => parentPort!.postMessage({ port: (server.address() as { port: number }).port }));
  parentPort!.on("message", () => {
    parentPort!.postMessage({ arrivals, recipients, answerMs });
    arrivals = [];
    recipients = [];
    answerMs = [];
  });
}

if (!isMainThread && workerData?.upstream) serve(workerData.upstream as string);

export { busiestWindow } from "../support/busiest-window.ts";
