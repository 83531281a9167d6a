// npm run websub-listen -- [topic] [--port N]: a WebSub subscriber for a look at the hub.
// It listens on 127.0.0.1, subscribes to a topic of the local Herald (HERALD_URL, default
// http://127.0.0.1:8787; the site's own Atom feed unless a topic is given) with a fresh
// secret, answers the hub's challenge, and prints each push: when, what type, whether its
// signature holds, and the newest item's title. Ctrl-C unsubscribes and stops.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";

const args = process.argv.slice(2);
const portIndex = args.indexOf("--port");
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;
if (portIndex >= 0 && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error("--port takes a port number, e.g. --port 9000");
  process.exit(2);
}
const base = (process.env.HERALD_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");
const topic = args.find((a, i) => !a.startsWith("--") && (portIndex < 0 || i !== portIndex + 1)) ?? `${base}/atom.xml`;
const secret = randomBytes(16).toString("hex");

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

function signatureHolds(header: string | undefined, body: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function newestTitle(body: string): string {
  if (body.trimStart().startsWith("{")) return (JSON.parse(body) as { items?: { title?: string }[] }).items?.[0]?.title ?? "(no items)";
  const item = /<(?:entry|item)\b[\s\S]*?<title[^>]*>([\s\S]*?)<\/title>/.exec(body)?.[1];
  return item ? item.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&") : "(no items)";
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const body = await read(req);
  if (req.method === "GET") {
    const mode = url.searchParams.get("hub.mode");
    console.log(`${new Date().toISOString()}  hub asks to confirm: ${mode}${mode === "subscribe" ? ` (lease ${url.searchParams.get("hub.lease_seconds")} s)` : ""}${mode === "denied" ? ` — ${url.searchParams.get("hub.reason")}` : ""}`);
    res.writeHead(200, { "content-type": "text/plain" }).end(url.searchParams.get("hub.challenge") ?? "");
    if (mode === "unsubscribe") setTimeout(() => process.exit(0), 100);
    return;
  }
  const ok = signatureHolds(req.headers["x-hub-signature"] as string | undefined, body);
  console.log(`${new Date().toISOString()}  push: ${req.headers["content-type"]}, ${body.length} bytes, signature ${ok ? "holds" : "DOES NOT HOLD"}; newest: ${newestTitle(body)}`);
  res.writeHead(ok ? 204 : 400).end();
});

async function hub(mode: "subscribe" | "unsubscribe", callback: string): Promise<void> {
  const res = await fetch(`${base}/websub`, { method: "POST", body: new URLSearchParams({ "hub.mode": mode, "hub.topic": topic, "hub.callback": callback, "hub.secret": secret }) });
  if (res.status !== 202) {
    console.error(`The hub refused the ${mode} request (${res.status}): ${await res.text()}`);
    process.exit(1);
  }
}

server.listen(port, "127.0.0.1", async () => {
  const callback = `http://127.0.0.1:${(server.address() as { port: number }).port}/callback`;
  console.log(`Listening on ${callback}; subscribing to ${topic} at ${base}/websub. Ctrl-C unsubscribes.`);
  try {
    await hub("subscribe", callback);
  } catch (err) {
    console.error(`Herald is not reachable at ${base} (${(err as Error).message}); start it with npm start.`);
    process.exit(1);
  }
  process.once("SIGINT", () => {
    console.log("Unsubscribing…");
    void hub("unsubscribe", callback);
    setTimeout(() => process.exit(0), 5_000).unref();
  });
});
