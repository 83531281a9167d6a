// The one place that reads raw bindings: settings are parsed once per env object and
// a missing or malformed one fails loudly with its name.
export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface Config {
  siteUrl: string;
  siteTitle: string;
  tagAuthority: string;
  timezone: string;
  feedSize: number;
}

/** The raw settings this module reads; the Worker's Env has these and more. */
export type ConfigEnv = Record<"SITE_URL" | "SITE_TITLE" | "TAG_AUTHORITY" | "TIMEZONE" | "FEED_SIZE", string | undefined>;

const cache = new WeakMap<object, Config>();

export function readConfig(env: ConfigEnv): Config {
  let config = cache.get(env);
  if (!config) cache.set(env, (config = parseConfig(env)));
  return config;
}

export function parseConfig(env: ConfigEnv): Config {
  const siteUrl = required(env, "SITE_URL");
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(siteUrl) || siteUrl.endsWith("/")) {
    throw new ConfigError(`SITE_URL must be an http(s) URL without a trailing slash, got "${siteUrl}"`);
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
  return { siteUrl, siteTitle: required(env, "SITE_TITLE"), tagAuthority, timezone, feedSize };
}

function required(env: ConfigEnv, name: keyof ConfigEnv): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set (wrangler.toml [vars] or a secret)`);
  return value;
}
