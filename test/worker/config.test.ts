import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, readConfig, type ConfigEnv } from "../../src/config/config.ts";
import { AFTER_ALL, fetchAt } from "./app-at.ts";

const good = (): ConfigEnv => ({
  SITE_URL: "https://recaps.example.org",
  SITE_TITLE: "Herald Recaps",
  TAG_AUTHORITY: "recaps.example.org,2026",
  TIMEZONE: "America/Los_Angeles",
  FEED_SIZE: "50",
  SEND_AT: "19:00",
  SEND_LATENESS_HOURS: "6",
  MAX_SEND_RATE: "14",
  MAX_SEND_ERRORS: "50",
  DELIVERY_RETENTION_DAYS: "30",
  FROM_ADDRESS: "Herald <recaps@example.org>",
  POSTAL_ADDRESS: "1 Sample Street",
  SES_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIAEXAMPLE0000",
  AWS_SECRET_ACCESS_KEY: "secret-example-0000",
  SIGNING_SECRET: "new:0123456789abcdef-new,old:0123456789abcdef-old",
  AUTHOR_TOKEN: "author-token-0123456789, author-token-rotated-9876",
});

describe("settings", () => {
  it("parses good settings", () => {
    expect(parseConfig(good())).toEqual({
      siteUrl: "https://recaps.example.org",
      siteTitle: "Herald Recaps",
      tagAuthority: "recaps.example.org,2026",
      timezone: "America/Los_Angeles",
      feedSize: 50,
      sendAt: "19:00",
      sendLatenessHours: 6,
      maxSendRate: 14,
      maxSendErrors: 50,
      deliveryRetentionDays: 30,
      from: { name: "Herald", address: "recaps@example.org" },
      postalAddress: "1 Sample Street",
      ses: { region: "us-east-1", accessKeyId: "AKIAEXAMPLE0000", secretAccessKey: "secret-example-0000" },
      signingKeys: [
        { id: "new", secret: "0123456789abcdef-new" },
        { id: "old", secret: "0123456789abcdef-old" },
      ],
      authorTokens: ["author-token-0123456789", "author-token-rotated-9876"],
      snsTopicArns: [],
      websubHubs: [],
    });
  });

  it("reads WEBSUB_HUBS as a list of http(s) URLs and refuses anything else, or Herald's own hub", () => {
    expect(parseConfig({ ...good(), WEBSUB_HUBS: " https://pubsubhubbub.appspot.com/ , https://hub.example.net/push" }).websubHubs).toEqual([
      "https://pubsubhubbub.appspot.com/",
      "https://hub.example.net/push",
    ]);
    expect(() => parseConfig({ ...good(), WEBSUB_HUBS: "ftp://hub.example.net" })).toThrow(/WEBSUB_HUBS: "ftp:\/\/hub.example.net" is not an http\(s\) URL/);
    expect(() => parseConfig({ ...good(), WEBSUB_HUBS: `${good().SITE_URL}/websub` })).toThrow(/Herald's own hub/);
  });

  it("takes one bare signing secret as key 0", () => {
    expect(parseConfig({ ...good(), SIGNING_SECRET: "just-one-long-secret-value" }).signingKeys).toEqual([{ id: "0", secret: "just-one-long-secret-value" }]);
  });

  it.each(["http://127.0.0.1:8787", "http://localhost:8787", "http://[::1]:8787", "http://127.0.0.1"])("takes plain http for a site on this machine: %s", (siteUrl) => {
    expect(parseConfig({ ...good(), SITE_URL: siteUrl }).siteUrl).toBe(siteUrl);
  });

  it("needs no AWS credentials for a local SES endpoint, which takes any", () => {
    const local = parseConfig({ ...good(), SES_ENDPOINT: "http://127.0.0.1:8005", AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    expect(local.ses).toEqual({ region: "us-east-1", endpoint: "http://127.0.0.1:8005", accessKeyId: "local", secretAccessKey: "local" });
  });

  it.each([
    ["SITE_URL", undefined, "SITE_URL is not set"],
    ["SITE_URL", "https://recaps.example.org/", "SITE_URL must be an http(s) URL without a trailing slash"],
    ["SITE_URL", "ftp://recaps.example.org", "SITE_URL must be an http(s) URL"],
    // Mail needs https links (one-click unsubscribe); plain http would fail every recipient of every send.
    ["SITE_URL", "http://recaps.example.org", "SITE_URL must be https"],
    ["SITE_URL", "http://localhost.example.org", "SITE_URL must be https"],
    ["SITE_URL", "http://127.0.0.1.example.org:8787", "SITE_URL must be https"],
    ["SITE_URL", "http://10.0.0.5:8787", "SITE_URL must be https"],
    ["AWS_ACCESS_KEY_ID", undefined, "AWS_ACCESS_KEY_ID is not set"],
    ["AWS_SECRET_ACCESS_KEY", " ", "AWS_SECRET_ACCESS_KEY is not set"],
    ["SITE_TITLE", "  ", "SITE_TITLE is not set"],
    ["TAG_AUTHORITY", "recaps.example.org", "TAG_AUTHORITY must look like"],
    ["TIMEZONE", "Mars/Olympus_Mons", "TIMEZONE must be an IANA time zone"],
    ["FEED_SIZE", "0", "FEED_SIZE must be a whole number from 1 to 200"],
    ["FEED_SIZE", "ten", "FEED_SIZE must be a whole number from 1 to 200"],
    ["SEND_AT", "7pm", "SEND_AT must be a local time HH:MM"],
    ["SEND_AT", "24:00", "SEND_AT must be a local time HH:MM"],
    ["MAX_SEND_RATE", "0", "MAX_SEND_RATE must be a whole number from 1"],
    ["SEND_LATENESS_HOURS", "24", "SEND_LATENESS_HOURS must be a whole number from 0 to 23"],
    ["ALERT_TO", "authors", "ALERT_TO must be an email address"],
    ["SNS_TOPIC_ARNS", "arn:aws:sns:us-east-1:123:short", "is not an SNS topic ARN"],
    ["DELIVERY_RETENTION_DAYS", "0", "DELIVERY_RETENTION_DAYS must be a whole number from 1"],
    ["FROM_ADDRESS", "Herald", "FROM_ADDRESS must be"],
    ["FROM_ADDRESS", "Herald <recaps@example.org>\r\nBcc: x@evil.example", "FROM_ADDRESS must be"],
    ["REPLY_TO", "not an address", "REPLY_TO must be"],
    ["SES_ENDPOINT", "localhost:8005", "SES_ENDPOINT must be an http(s) URL"],
    ["SIGNING_SECRET", "short", "SIGNING_SECRET \"0\" must be at least 16 characters"],
    ["SIGNING_SECRET", "a:0123456789abcdef0,0123456789abcdef1", "must name each one"],
    ["SIGNING_SECRET", "a:0123456789abcdef0,a:0123456789abcdef1", "key ids must be unique"],
    ["AUTHOR_TOKEN", "short", "AUTHOR_TOKEN: every token must be at least 16 characters"],
  ] as const)("rejects %s=%s naming the setting", (name, value, message) => {
    const env = { ...good(), [name]: value };
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});

describe("settings that would fail every send", () => {
  it.each([
    ["SITE_URL", "http://recaps.example.org"],
    ["AWS_ACCESS_KEY_ID", ""],
  ])("%s=%j stops the Worker's first request, before anything is served or sent", async (name, value) => {
    // The tests' SES_ENDPOINT takes any credentials; without it the real SES needs them.
    const vars = { [name]: value, SES_ENDPOINT: "" } as Partial<Env>;
    const res = await fetchAt(AFTER_ALL, "/", undefined, vars);
    expect(res.status).toBe(500);
    expect(() => readConfig({ ...env, ...vars })).toThrow(ConfigError);
    expect(() => readConfig({ ...env, ...vars })).toThrow(new RegExp(`^${name} `));
  });
});
