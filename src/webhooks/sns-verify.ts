// Trust rules for Amazon SNS HTTP notifications: the signing certificate must come from an
// SNS host, the signature (version 1: SHA-1, version 2: SHA-256) must verify with it, the
// topic must be one we listen to, and the message must be fresh.
import { z } from "zod";
import { PromiseCache } from "../util/promise-cache.ts";
import { spkiOfCertificate } from "./der.ts";

export const snsMessageSchema = z.object({
  Type: z.enum(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
  MessageId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be an SNS message id (a UUID)"),
  TopicArn: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/),
  Message: z.string(),
  Timestamp: z.iso.datetime({ offset: true }),
  SignatureVersion: z.enum(["1", "2"]),
  Signature: z.string().min(1),
  SigningCertURL: z.string(),
  Subject: z.string().optional(),
  SubscribeURL: z.string().optional(),
  Token: z.string().optional(),
})
  // The signed string joins fields with line breaks: no field but the message body may hold one,
  // or fields could be shifted into each other and a signature reused.
  .refine((m) => [m.Subject, m.SubscribeURL, m.Token, m.Timestamp, m.TopicArn].every((v) => v === undefined || !/[\u0000-\u001f]/.test(v)), "a signed field holds a control character");
export type SnsMessage = z.infer<typeof snsMessageSchema>;

export type Fetcher = (url: string) => Promise<Response>;

export class SnsTrustError extends Error {
  override name = "SnsTrustError";
  constructor(readonly status: 400 | 403, message: string) {
    super(message);
  }
}

const SNS_HOST = /^sns\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;
const MAX_AGE_MS = 60 * 60 * 1000;

/** The SNS host a URL points at, and its region; undefined unless it is https on an SNS host. */
export function snsHost(url: string): { host: string; region: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const m = SNS_HOST.exec(parsed.hostname);
  if (parsed.protocol !== "https:" || !m || parsed.port !== "" || parsed.username || parsed.password) return undefined;
  return { host: parsed.hostname, region: m[1]! };
}

export function stringToSign(m: SnsMessage): string {
  const keys =
    m.Type === "Notification"
      ? ["Message", "MessageId", ...(m.Subject !== undefined ? ["Subject"] : []), "Timestamp", "TopicArn", "Type"]
      : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  return keys.map((k) => `${k}\n${(m as Record<string, string | undefined>)[k] ?? ""}\n`).join("");
}

const certificates = new PromiseCache<string, Uint8Array<ArrayBuffer>>(32);

export async function verifySnsMessage(m: SnsMessage, allowedTopics: readonly string[], fetchCert: Fetcher, now: number): Promise<void> {
  if (!allowedTopics.includes(m.TopicArn)) throw new SnsTrustError(403, "the topic is not one of SNS_TOPIC_ARNS");
  const cert = snsHost(m.SigningCertURL);
  const topicRegion = m.TopicArn.split(":")[3];
  const certUrl = cert ? new URL(m.SigningCertURL) : undefined;
  if (!cert || !certUrl!.pathname.endsWith(".pem") || certUrl!.search || certUrl!.hash || cert.region !== topicRegion) {
    throw new SnsTrustError(403, "SigningCertURL is not a certificate on the topic's SNS host");
  }
  const age = now - Date.parse(m.Timestamp);
  if (age > MAX_AGE_MS || age < -5 * 60 * 1000) throw new SnsTrustError(400, "the message is stale (Timestamp more than an hour old, or in the future)");

  const spki = certificates.get(m.SigningCertURL, () =>
    fetchCert(m.SigningCertURL).then(async (res) => {
      if (!res.ok) throw new SnsTrustError(403, `the signing certificate could not be fetched (${res.status})`);
      return spkiOfCertificate(await res.text());
    }),
  );
  const hash = m.SignatureVersion === "1" ? "SHA-1" : "SHA-256";
  let valid = false;
  try {
    const key = await crypto.subtle.importKey("spki", await spki, { name: "RSASSA-PKCS1-v1_5", hash }, false, ["verify"]);
    const signature = Uint8Array.from(atob(m.Signature), (c) => c.charCodeAt(0));
    valid = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, new TextEncoder().encode(stringToSign(m)));
  } catch (err) {
    if (err instanceof SnsTrustError) throw err;
    valid = false;
  }
  if (!valid) throw new SnsTrustError(403, "the signature does not verify");
}
