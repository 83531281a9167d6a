// A WebSub subscriber's callback server for the hub tests, over real HTTP. Each callback is a
// path `/cb/<name>`; how it answers is set through `PUT /control/<name>`:
//   verify: "echo" (the challenge, 200), "wrong" (another text, 200), "refuse" (404 with the
//           challenge) or "fail" (500);
//   content: the status a pushed feed gets (200 by default; 500 to fail, 410 to say Gone).
// Every request to a callback is written down and returned by `GET /control/<name>`;
// `/redirect/<name>` answers 302 to `/cb/<name>`.
import { createServer, type Server } from "node:http";

export interface Behaviour {
  verify: "echo" | "wrong" | "refuse" | "fail";
  content: number;
}

export interface CallbackRequest {
  method: string;
  /** The path and query exactly as requested. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export async function startWebSubSubscriber(port: number): Promise<{ url: string; close(): Promise<void> }> {
  const behaviours = new Map<string, Behaviour>();
  const seen = new Map<string, CallbackRequest[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = Buffer.concat(chunks).toString("utf8");
      const [, kind, name = ""] = url.pathname.split("/");
      if (kind === "control") {
        if (req.method === "PUT") {
          behaviours.set(name, { verify: "echo", content: 200, ...(JSON.parse(body || "{}") as Partial<Behaviour>) });
          seen.set(name, []);
          res.writeHead(204).end();
        } else {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(seen.get(name) ?? []));
        }
        return;
      }
      // `/redirect/<name>` sends the caller on to that callback: a hub must not follow it.
      if (kind === "redirect") return void res.writeHead(302, { location: `/cb/${name}${url.search}` }).end();
      if (kind !== "cb") return void res.writeHead(404).end();
      const query = Object.fromEntries(url.searchParams);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      seen.set(name, [...(seen.get(name) ?? []), { method: req.method ?? "", url: req.url ?? "", query, headers, body, at: Date.now() }]);
      const behaviour = behaviours.get(name) ?? { verify: "echo", content: 200 };
      if (req.method === "GET") {
        const challenge = query["hub.challenge"] ?? "";
        if (behaviour.verify === "echo") return void res.writeHead(200, { "content-type": "text/plain" }).end(challenge);
        if (behaviour.verify === "wrong") return void res.writeHead(200, { "content-type": "text/plain" }).end(`${challenge}x`);
        if (behaviour.verify === "refuse") return void res.writeHead(404).end(challenge);
        return void res.writeHead(500).end();
      }
      res.writeHead(behaviour.content).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
