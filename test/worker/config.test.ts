import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, type ConfigEnv } from "../../src/config/config.ts";

const good = (): ConfigEnv => ({
  SITE_URL: "https://recaps.example.org",
  SITE_TITLE: "Herald Recaps",
  TAG_AUTHORITY: "recaps.example.org,2026",
  TIMEZONE: "America/Los_Angeles",
  FEED_SIZE: "50",
});

describe("settings", () => {
  it("parses good settings", () => {
    expect(parseConfig(good())).toEqual({
      siteUrl: "https://recaps.example.org",
      siteTitle: "Herald Recaps",
      tagAuthority: "recaps.example.org,2026",
      timezone: "America/Los_Angeles",
      feedSize: 50,
    });
  });

  it.each([
    ["SITE_URL", undefined, "SITE_URL is not set"],
    ["SITE_URL", "https://recaps.example.org/", "SITE_URL must be an http(s) URL without a trailing slash"],
    ["SITE_URL", "ftp://recaps.example.org", "SITE_URL must be an http(s) URL"],
    ["SITE_TITLE", "  ", "SITE_TITLE is not set"],
    ["TAG_AUTHORITY", "recaps.example.org", "TAG_AUTHORITY must look like"],
    ["TIMEZONE", "Mars/Olympus_Mons", "TIMEZONE must be an IANA time zone"],
    ["FEED_SIZE", "0", "FEED_SIZE must be a whole number from 1 to 200"],
    ["FEED_SIZE", "ten", "FEED_SIZE must be a whole number from 1 to 200"],
  ] as const)("rejects %s=%s naming the setting", (name, value, message) => {
    const env = { ...good(), [name]: value };
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
