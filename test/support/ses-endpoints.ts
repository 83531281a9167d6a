// SES-compatible endpoints for tests: the real local emulator (aws-ses-v2-local), and a
// stand-in that answers with SES's own error documents to inject faults.
import { createServer, type Server } from "node:http";
import startLocalSes from "aws-ses-v2-local";

export interface Endpoint {
  url: string;
  close(): Promise<void>;
}

const close = (server: Server) => () => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startSesEmulator(port = 0): Promise<Endpoint> {
  const server = await startLocalSes({ host: "127.0.0.1", port });
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

export async function startFaultySes(port = 0): Promise<Endpoint> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const params = new URLSearchParams(body);
      const to = params.get("Destinations.member.1") ?? "";
      // "drop": the request arrived (SES may have sent it) but the answer never comes back.
      if (to.startsWith("drop@")) return req.socket.destroy();
      const fault = FAULTS[to.split("@")[0]!];
      if (!fault) {
        res.writeHead(200, { "Content-Type": "text/xml" });
        res.end(`<SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendRawEmailResult><MessageId>fault-ok-${Date.now()}</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></SendRawEmailResponse>`);
        return;
      }
      res.writeHead(fault.status, { "Content-Type": "text/xml" });
      res.end(`<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${fault.type}</Type><Code>${fault.code}</Code><Message>${fault.message}</Message></Error><RequestId>r2</RequestId></ErrorResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${actual}`, close: close(server) };
}
