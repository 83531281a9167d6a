// The one place that reads raw bindings: settings are parsed once per env object and
// a missing or malformed one fails loudly with its name.
import { isMailLinkUrl } from "./mail-link-url.ts";
import { isAddress, parseMailbox, type Mailbox } from "./mailbox.ts";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface SigningKey {
  id: string;
  secret: string;
}

export interface Config {
  siteUrl: string;
  siteTitle: string;
  tagAuthority: string;
  timezone: string;
  feedSize: number;
  /** Local time of the daily send, HH:MM. */
  sendAt: string;
  /** Past this many hours after SEND_AT, a missed daily send is skipped. */
  sendLatenessHours: number;
  /** Messages per second across every consumer. */
  maxSendRate: number;
  /** Failed recipients a send may have before it pauses. */
  maxSendErrors: number;
  /** Where alerts about sends go; none are sent without it. */
  alertTo?: string;
  /** Delivery rows of sends finished longer ago than this are compacted into counts. */
  deliveryRetentionDays: number;
  from: Mailbox;
  replyTo?: Mailbox;
  postalAddress: string;
  /** Credentials are always there: from the secrets, or placeholders for a local endpoint (which takes any). */
  ses: { region: string; endpoint?: string; accessKeyId: string; secretAccessKey: string; configurationSet?: string };
  /** Newest first: the first signs, all verify (rotation). */
  signingKeys: SigningKey[];
  authorTokens: string[];
  /** SNS topics allowed to post bounces and complaints. */
  snsTopicArns: string[];
  /** Cloudflare Turnstile on the subscribe form, when both keys are set. */
  turnstile?: { siteKey: string; secretKey: string };
  /** External WebSub hubs advertised and pinged besides Herald's own (`/websub`). */
  websubHubs: string[];
}

/** The raw settings this module reads; the Worker's Env has these and more. */
export type ConfigEnv = Partial<
  Record<
    | "SITE_URL" | "SITE_TITLE" | "TAG_AUTHORITY" | "TIMEZONE" | "FEED_SIZE" | "SEND_AT" | "FROM_ADDRESS" | "REPLY_TO"
    | "SEND_LATENESS_HOURS" | "MAX_SEND_RATE" | "MAX_SEND_ERRORS" | "ALERT_TO" | "DELIVERY_RETENTION_DAYS" | "SES_CONFIGURATION_SET" | "SNS_TOPIC_ARNS"
    | "WEBSUB_HUBS" | "POSTAL_ADDRESS" | "SES_REGION" | "SES_ENDPOINT" | "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY" | "SIGNING_SECRET" | "AUTHOR_TOKEN"
    | "TURNSTILE_SITE_KEY" | "TURNSTILE_SECRET_KEY",
    string
  >
>;

const cache = new WeakMap<object, Config>();

export function readConfig(env: ConfigEnv): Config {
  let config = cache.get(env);
  if (!config) cache.set(env, (config = parseConfig(env)));
  return config;
}

export function parseConfig(env: ConfigEnv): Config {
  const siteUrl = required(env, "SITE_URL");
  if (!/^https?:\/\/[^/?#\s"'<>\\]+(\/[^?#\s"'<>\\]*)?$/.test(siteUrl) || siteUrl.endsWith("/") || !URL.canParse(siteUrl)) {
    throw new ConfigError(`SITE_URL must be an http(s) URL without a trailing slash, got "${siteUrl}"`);
  }
  // Checked here, once, rather than by every recipient of every send.
  if (!isMailLinkUrl(siteUrl)) {
    throw new ConfigError(`SITE_URL must be https: the unsubscribe links in mail need it (plain http only for localhost, 127.0.0.1 or [::1]), got "${siteUrl}"`);
  }
  const tagAuthority = required(env, "TAG_AUTHORITY");
  // RFC 4151: authorityName "," date, e.g. example.org,2026 or example.org,2026-11-26.
  if (!/^[a-z0-9.-]+\.[a-z]{2,},\d{4}(-\d{2}(-\d{2})?)?$/i.test(tagAuthority)) {
    throw new ConfigError(`TAG_AUTHORITY must look like "example.org,2026" (RFC 4151), got "${tagAuthority}"`);
  }
  const timezone = required(env, "TIMEZONE");
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
  } catch {
    throw new ConfigError(`TIMEZONE must be an IANA time zone such as America/Los_Angeles, got "${timezone}"`);
  }
  const feedSize = Number(required(env, "FEED_SIZE"));
  if (!Number.isInteger(feedSize) || feedSize < 1 || feedSize > 200) {
    throw new ConfigError(`FEED_SIZE must be a whole number from 1 to 200, got "${env.FEED_SIZE}"`);
  }
  const sendAt = required(env, "SEND_AT");
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(sendAt)) throw new ConfigError(`SEND_AT must be a local time HH:MM, got "${sendAt}"`);
  const endpoint = optional(env, "SES_ENDPOINT");
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new ConfigError(`SES_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  // The real SES refuses every call without credentials; a local endpoint takes any.
  const credential = (name: "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY") => (endpoint === undefined ? required(env, name) : (optional(env, name) ?? "local"));
  const accessKeyId = credential("AWS_ACCESS_KEY_ID");
  const secretAccessKey = credential("AWS_SECRET_ACCESS_KEY");
  const replyTo = optional(env, "REPLY_TO");
  const alertTo = optional(env, "ALERT_TO");
  if (alertTo !== undefined && !isAddress(alertTo)) throw new ConfigError(`ALERT_TO must be an email address, got "${alertTo}"`);
  return {
    siteUrl,
    siteTitle: required(env, "SITE_TITLE"),
    tagAuthority,
    timezone,
    feedSize,
    sendAt,
    sendLatenessHours: wholeNumber(env, "SEND_LATENESS_HOURS", 0, 23),
    maxSendRate: wholeNumber(env, "MAX_SEND_RATE", 1, 10_000),
    maxSendErrors: wholeNumber(env, "MAX_SEND_ERRORS", 0, 1_000_000),
    ...(alertTo ? { alertTo } : {}),
    deliveryRetentionDays: wholeNumber(env, "DELIVERY_RETENTION_DAYS", 1, 3650),
    from: mailbox(env, "FROM_ADDRESS", required(env, "FROM_ADDRESS")),
    ...(replyTo ? { replyTo: mailbox(env, "REPLY_TO", replyTo) } : {}),
    postalAddress: required(env, "POSTAL_ADDRESS"),
    ses: {
      region: required(env, "SES_REGION"),
      ...(endpoint ? { endpoint } : {}),
      accessKeyId,
      secretAccessKey,
      ...(optional(env, "SES_CONFIGURATION_SET") ? { configurationSet: optional(env, "SES_CONFIGURATION_SET")! } : {}),
    },
    signingKeys: signingKeys(required(env, "SIGNING_SECRET")),
    authorTokens: list(env, "AUTHOR_TOKEN", 16),
    snsTopicArns: topicArns(env),
    ...turnstile(env),
    websubHubs: websubHubs(env, siteUrl),
  };
}

function turnstile(env: ConfigEnv): { turnstile?: Config["turnstile"] } {
  const siteKey = optional(env, "TURNSTILE_SITE_KEY");
  const secretKey = optional(env, "TURNSTILE_SECRET_KEY");
  if (!siteKey && !secretKey) return {};
  if (!siteKey || !secretKey) throw new ConfigError(`Turnstile needs both TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY; ${siteKey ? "TURNSTILE_SECRET_KEY" : "TURNSTILE_SITE_KEY"} is not set`);
  if (!/^[0-9A-Za-z_-]{8,100}$/.test(siteKey)) throw new ConfigError(`TURNSTILE_SITE_KEY must be the widget's site key, got "${siteKey}"`);
  return { turnstile: { siteKey, secretKey } };
}

function wholeNumber(env: ConfigEnv, name: keyof ConfigEnv, min: number, max: number): number {
  const value = Number(required(env, name));
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${env[name]}"`);
  return value;
}

function topicArns(env: ConfigEnv): string[] {
  const arns = (optional(env, "SNS_TOPIC_ARNS") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const arn of arns) {
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(arn)) throw new ConfigError(`SNS_TOPIC_ARNS: "${arn}" is not an SNS topic ARN`);
  }
  return arns;
}

function websubHubs(env: ConfigEnv, siteUrl: string): string[] {
  const hubs = (optional(env, "WEBSUB_HUBS") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const hub of hubs) {
    if (!/^https?:\/\/[^\s"'<>\\]+$/.test(hub) || !URL.canParse(hub)) throw new ConfigError(`WEBSUB_HUBS: "${hub}" is not an http(s) URL`);
    if (hub === `${siteUrl}/websub`) throw new ConfigError(`WEBSUB_HUBS: "${hub}" is Herald's own hub, which every feed names already`);
  }
  return [...new Set(hubs)];
}

function mailbox(env: ConfigEnv, name: keyof ConfigEnv, value: string): Mailbox {
  const parsed = parseMailbox(value);
  if (!parsed) throw new ConfigError(`${name} must be "Name <address@example.org>" or an address, got "${env[name]}"`);
  return parsed;
}

/** `id:secret,id:secret` (newest first), or one bare secret (key id "0"). */
function signingKeys(value: string): SigningKey[] {
  const keys = value.split(",").map((part, i) => {
    const m = /^([A-Za-z0-9_-]{1,16}):(.+)$/.exec(part.trim());
    return m ? { id: m[1]!, secret: m[2]! } : { id: i === 0 && !value.includes(",") ? "0" : "", secret: part.trim() };
  });
  for (const key of keys) {
    if (!key.id) throw new ConfigError('SIGNING_SECRET with several secrets must name each one, "id:secret,id:secret"');
    if (key.secret.length < 16) throw new ConfigError(`SIGNING_SECRET "${key.id}" must be at least 16 characters`);
  }
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new ConfigError("SIGNING_SECRET key ids must be unique");
  return keys;
}

function list(env: ConfigEnv, name: keyof ConfigEnv, minLength: number): string[] {
  const items = required(env, name).split(",").map((s) => s.trim()).filter(Boolean);
  if (items.some((s) => s.length < minLength)) throw new ConfigError(`${name}: every token must be at least ${minLength} characters`);
  return items;
}

function optional(env: ConfigEnv, name: keyof ConfigEnv): string | undefined {
  return env[name]?.trim() || undefined;
}

function required(env: ConfigEnv, name: keyof ConfigEnv): string {
  const value = optional(env, name);
  if (!value) throw new ConfigError(`${name} is not set (wrangler.toml [vars] or a secret)`);
  return value;
}
