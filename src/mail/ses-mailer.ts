// The only module that talks to Amazon SES: sends raw MIME with SendRawEmail and tells
// its callers what a failure means for them. The SDK's own retries are off: a retried
// call that SES had in fact accepted would mail someone twice, so retrying is the
// sender's decision, made against its ledger.
import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import type { Config } from "../config/config.ts";
import { CallTooLateError, RequestNotSentError, TrackedBodyHandler, type ReleaseOptions } from "./tracked-body-handler.ts";

/**
 * What a failed send means: retry later (throttled; unsent, when the request certainly never
 * reached SES), give up on this recipient, stop the whole send, or not known (SES may have it);
 * `late`: held for its slot, the call could not leave in time and was never made.
 */
export type SendFailureKind = "throttled" | "unsent" | "rejected" | "account" | "unknown" | "late";

export type SendOutcome =
  | { ok: true; messageId: string }
  | { ok: false; kind: SendFailureKind; code: string; message: string };

export interface RawMessage {
  /** The whole MIME message; text is sent as UTF-8. */
  raw: string | Uint8Array;
  from: string;
  to: string;
  /** The call's slot: it leaves at `releaseAt` and not at all past `notAfter` (kind `late`). */
  releaseAt?: number;
  notAfter?: number;
}

export interface Mailer {
  send(message: RawMessage): Promise<SendOutcome>;
}

export function sesMailer(ses: Config["ses"]): Mailer {
  const client = new SESClient({
    region: ses.region,
    ...(ses.endpoint ? { endpoint: ses.endpoint } : {}),
    credentials: { accessKeyId: ses.accessKeyId, secretAccessKey: ses.secretAccessKey },
    maxAttempts: 1,
    // Well inside the 30 s lease: an answer that comes later than this is "unknown" anyway.
    // The handler notes whether the request ever fully left, so a failure can say "unsent".
    requestHandler: new TrackedBodyHandler({ requestTimeout: 20_000 }),
  });
  const encoder = new TextEncoder();
  return {
    async send({ raw, from, to, releaseAt, notAfter }) {
      const release: ReleaseOptions = { ...(releaseAt === undefined ? {} : { releaseAt }), ...(notAfter === undefined ? {} : { notAfter }) };
      try {
        const result = await client.send(
          new SendRawEmailCommand({
            RawMessage: { Data: typeof raw === "string" ? encoder.encode(raw) : raw },
            Source: from,
            Destinations: [to],
            // Bounces and complaints are published through the configuration set's SNS topic.
            ...(ses.configurationSet ? { ConfigurationSetName: ses.configurationSet } : {}),
          }),
          release as object,
        );
        if (!result.MessageId) return { ok: false, kind: "unknown", code: "NoMessageId", message: "SES answered without a message id" };
        return { ok: true, messageId: result.MessageId };
      } catch (err) {
        return { ok: false, ...classifySesError(err) };
      }
    },
  };
}

const THROTTLED = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "MaxSendingRateExceeded", "LimitExceededException"]);
const REJECTED = new Set(["MessageRejected"]);
const ACCOUNT = new Set([
  "InvalidParameterValue", // the message itself is refused (size, headers): it would fail for everyone
  "RequestExpired", "IncompleteSignature", "OptInRequired", "InvalidAction",
  "AccountSendingPausedException", "ConfigurationSetSendingPausedException", "ConfigurationSetDoesNotExist",
  "MailFromDomainNotVerifiedException", "FromEmailAddressNotVerifiedException", "AccessDenied", "AccessDeniedException",
  "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException", "ExpiredToken", "MissingAuthenticationToken",
  "DailyQuotaExceeded",
]);

/** Sorts an SES (or network) error into what the caller should do about it. */
export function classifySesError(err: unknown): { kind: SendFailureKind; code: string; message: string } {
  if (err instanceof CallTooLateError) return { kind: "late", code: err.name, message: err.message };
  // Checked before anything else: whatever the runtime said, SES never had the whole request.
  if (err instanceof RequestNotSentError) return { kind: "unsent", code: err.name, message: err.message };
  const e = err as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.Code ?? e?.name ?? "Error";
  const message = String(e?.message ?? err);
  const status = e?.$metadata?.httpStatusCode;
  // SES says "Daily message quota exceeded" with the Throttling code: no retry today will help.
  if (/daily message quota/i.test(message)) return { kind: "account", code: "DailyQuotaExceeded", message };
  if (THROTTLED.has(code) || /maximum sending rate exceeded/i.test(message) || status === 429) return { kind: "throttled", code, message };
  // MessageRejected also covers an unverified sender or the sandbox: every recipient would fail.
  if (code === "MessageRejected" && /not verified|sandbox/i.test(message)) return { kind: "account", code, message };
  if (REJECTED.has(code)) return { kind: "rejected", code, message };
  if (ACCOUNT.has(code) || status === 403) return { kind: "account", code, message };
  // A 5xx, a timeout or a dropped connection: SES may or may not have sent the message.
  return { kind: "unknown", code, message };
}
