// SES-compatible endpoints for tests: the real local emulator (aws-ses-v2-local), and a
// stand-in in front of it that injects SES's own error answers, passing everything else on.
import { createHash } from "node:crypto";
import { createServer, request, type Server } from "node:http";
import { startLocalSes } from "../../src/cli/local-ses.ts";

export interface Endpoint {
  url: string;
  close(): Promise<void>;
}

const close = (server: Server) => () => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startSesEmulator(port = 0): Promise<Endpoint> {
  const server = await startLocalSes("127.0.0.1", port);
  const { port: actual } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${actual}`, close: close(server) };
}

/** SES error answers, chosen by the recipient's local part (e.g. throttle@…). */
export const FAULTS: Record<string, { status: number; type: string; code: string; message: string }> = {
  throttle: { status: 400, type: "Sender", code: "Throttling", message: "Maximum sending rate exceeded." },
  quota: { status: 400, type: "Sender", code: "Throttling", message: "Daily message quota exceeded." },
  reject: { status: 400, type: "Sender", code: "MessageRejected", message: "Email address is on the account-level suppression list." },
  unverified: { status: 400, type: "Sender", code: "MessageRejected", message: "Email address is not verified. The following identities failed the check in region US-EAST-1: recaps@example.org" },
  toobig: { status: 400, type: "Sender", code: "InvalidParameterValue", message: "Message length is more than 10485760 bytes long." },
  paused: { status: 400, type: "Sender", code: "AccountSendingPausedException", message: "Sending is paused for this account." },
  badkey: { status: 403, type: "Sender", code: "InvalidClientTokenId", message: "The security token included in the request is invalid." },
  outage: { status: 503, type: "Receiver", code: "ServiceUnavailable", message: "Service is unavailable." },
};

/**
 * Rules by recipient domain, set with POST /__faults: `{ "domain": "x.example", "throttleEvery": 5 }`
 * throttles every 5th message to that domain (20%), the rest go through to the emulator.
 */
interface DomainRule {
  throttleEvery: number;
  seen: number;
}

/** How many raw messages the stand-in keeps for GET /__raw (the oldest go first): enough that a previous file's send, still draining through the background consumer, cannot push a test's own messages out. */
const RAW_KEPT = 2_000;

/** What the stand-in saw of a SendRawEmail call, by recipient (GET /__received?to=…). */
export interface ReceivedRequest {
  contentLength: string | null;
  transferEncoding: string | null;
  bodyBytes: number;
  /** The headers the Authorization header's SigV4 signature covers. */
  signedHeaders: string[];
  /** SHA-256 of the decoded RawMessage.Data, in hex. */
  rawSha256: string;
}

export async function startFaultySes(upstream: string, port = 0): Promise<Endpoint> {
  const rules = new Map<string, DomainRule>();
  const received = new Map<string, ReceivedRequest>();
  const raw: { to: string; mime: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (req.url === "/__faults" && req.method === "POST") {
        const rule = JSON.parse(body.toString()) as { domain: string; throttleEvery: number };
        rules.set(rule.domain, { throttleEvery: rule.throttleEvery, seen: 0 });
        res.writeHead(204).end();
        return;
      }
      // How many SendRawEmail calls to a ruled domain arrived, throttled ones included.
      if (req.url?.startsWith("/__faults?domain=") && req.method === "GET") {
        const seen = rules.get(new URL(req.url, "http://x").searchParams.get("domain") ?? "")?.seen ?? 0;
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ seen }));
        return;
      }
      // The raw MIME of recent calls, by recipient: the emulator keeps parsed fields only
      // (its Message-ID is its own), and some tests must see the headers Herald wrote.
      if (req.url?.startsWith("/__raw?to=") && req.method === "GET") {
        const to = new URL(req.url, "http://x").searchParams.get("to") ?? "";
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ messages: raw.filter((m) => m.to === to).map((m) => m.mime) }));
        return;
      }
      // How the last SendRawEmail call to an address arrived: framing and the message's bytes.
      if (req.url?.startsWith("/__received?to=") && req.method === "GET") {
        const seen = received.get(new URL(req.url, "http://x").searchParams.get("to") ?? "");
        res.writeHead(seen ? 200 : 404, { "Content-Type": "application/json" }).end(JSON.stringify(seen ?? null));
        return;
      }
      const params = new URLSearchParams(body.toString());
      const to = params.get("Destinations.member.1") ?? "";
      const data = params.get("RawMessage.Data");
      if (data !== null) {
        raw.push({ to, mime: Buffer.from(data, "base64").toString("utf8") });
        if (raw.length > RAW_KEPT) raw.shift();
      }
      if (to) received.set(to, {
        contentLength: req.headers["content-length"] ?? null,
        transferEncoding: req.headers["transfer-encoding"] ?? null,
        bodyBytes: body.byteLength,
        signedHeaders: /SignedHeaders=([^,\s]+)/.exec(req.headers.authorization ?? "")?.[1]?.split(";") ?? [],
        rawSha256: createHash("sha256").update(Buffer.from(params.get("RawMessage.Data") ?? "", "base64")).digest("hex"),
      });
      const [local, domain] = to.split("@") as [string, string | undefined];
      // "drop": the request arrived (SES may have sent it) but the answer never comes back.
      if (local === "drop") return req.socket.destroy();
      let fault = FAULTS[local];
      const rule = domain ? rules.get(domain) : undefined;
      if (!fault && rule && ++rule.seen % rule.throttleEvery === 0) fault = FAULTS.throttle;
      if (fault) {
        res.writeHead(fault.status, { "Content-Type": "text/xml" });
        res.end(`<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${fault.type}</Type><Code>${fault.code}</Code><Message>${fault.message}</Message></Error><RequestId>r2</RequestId></ErrorResponse>`);
        return;
      }
      const forward = request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on("error", () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${actual}`, close: close(server) };
}
