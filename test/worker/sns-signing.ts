// SNS messages signed here with a locally made certificate, as Amazon SNS signs them
// (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html), and a
// fetcher that serves that certificate to the webhook in place of SNS's.
import { env } from "cloudflare:test";

export const TOPIC = "arn:aws:sns:us-east-1:123456789012:herald-bounces";
export const CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem";
const { TEST_SNS_CERT, TEST_SNS_KEY } = env as unknown as { TEST_SNS_CERT: string; TEST_SNS_KEY: string };

/** Serves the test certificate for any .pem and accepts SNS's ConfirmSubscription; records each URL in `fetched`. */
export function snsFetcher(fetched: string[] = []) {
  return async (url: string) => {
    fetched.push(url);
    // Any .pem is served: the host rules, not a failed fetch, must refuse foreign certificates.
    if (url.includes(".pem")) return new Response(TEST_SNS_CERT);
    if (url.startsWith("https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription")) return new Response("<ok/>");
    return new Response("no", { status: 404 });
  };
}

const pem = (text: string) => Uint8Array.from(atob(text.replace(/-----[^-]+-----|\s+/g, "")), (c) => c.charCodeAt(0));

/** The canonical string SNS signs, written here from the AWS documentation. */
function canonical(m: Record<string, string>): string {
  const keys = m.Type === "Notification"
    ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  return keys.filter((k) => m[k] !== undefined).map((k) => `${k}\n${m[k]}\n`).join("");
}

/** An SNS message with `fields`, timestamped a minute before `now`, signed with the test key (or `keyPem`). */
export async function signedSns(fields: Record<string, string>, now: number, version: "1" | "2" = "2", keyPem = TEST_SNS_KEY): Promise<Record<string, string>> {
  const message: Record<string, string> = { SignatureVersion: version, SigningCertURL: CERT_URL, TopicArn: TOPIC, Timestamp: new Date(now - 60_000).toISOString(), MessageId: crypto.randomUUID(), ...fields };
  const key = await crypto.subtle.importKey("pkcs8", pem(keyPem), { name: "RSASSA-PKCS1-v1_5", hash: version === "1" ? "SHA-1" : "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(canonical(message))));
  return { ...message, Signature: btoa(String.fromCharCode(...signature)) };
}
