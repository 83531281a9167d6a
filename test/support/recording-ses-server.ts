// The SES endpoint of the crash tests, run as a process of its own so that a test can kill -9
// it: the real emulator (aws-ses-v2-local) behind a front that writes down every SendRawEmail,
// synchronously, once when its request has arrived whole and once when the emulator has taken
// it, before the answer goes back. The file survives a kill; the emulator's inbox does not.
// Run: node --import tsx test/support/recording-ses-server.ts <port> <record file>
import { appendFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders } from "node:http";
import { startLocalSes } from "../../src/cli/local-ses.ts";
import type { SesRecord } from "./recording-ses.ts";

const [portArg, recordFile] = process.argv.slice(2);
if (!portArg || !recordFile) throw new Error("usage: recording-ses-server.ts <port> <record file>");

const emulator = await startLocalSes("127.0.0.1", 0);
const upstream = `http://127.0.0.1:${(emulator.address() as { port: number }).port}`;

// One write(2) per record, done before anything else happens: a kill cannot lose or tear it.
const note = (record: SesRecord) => appendFileSync(recordFile, JSON.stringify(record) + "\n");

/** Recipient and Herald's Message-ID of a SendRawEmail request body; undefined for any other call. */
function sendRawEmail(body: Buffer): { to: string; messageId: string | null } | undefined {
  const params = new URLSearchParams(body.toString());
  if (params.get("Action") !== "SendRawEmail") return undefined;
  const raw = Buffer.from(params.get("RawMessage.Data") ?? "", "base64").toString("utf8");
  const head = raw.split("\r\n\r\n", 1)[0] ?? "";
  return { to: params.get("Destinations.member.1") ?? "", messageId: /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? null };
}

function forward(path: string, method: string, headers: IncomingHttpHeaders, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const call = request(`${upstream}${path}`, { method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (d: Buffer) => chunks.push(d));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on("error", reject);
    });
    call.on("error", reject);
    call.end(body);
  });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (d: Buffer) => chunks.push(d));
  req.on("end", async () => {
    const body = Buffer.concat(chunks);
    const mail = sendRawEmail(body);
    if (mail) note({ event: "arrived", ...mail, at: Date.now() });
    try {
      const answer = await forward(req.url ?? "/", req.method ?? "POST", req.headers, body);
      const sesMessageId = /<MessageId>([^<]+)<\/MessageId>/.exec(answer.body.toString())?.[1];
      if (mail && answer.status === 200 && sesMessageId) note({ event: "accepted", ...mail, sesMessageId, at: Date.now() });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    } catch (err) {
      res.writeHead(502, { "Content-Type": "text/plain" }).end(`the emulator did not answer: ${String(err)}`);
    }
  });
});
server.listen(Number(portArg), "127.0.0.1", () => process.stdout.write("ready\n"));
