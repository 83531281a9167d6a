// Which callbacks the hub calls: https on public names in production; loopback over http
// only for a site on this machine.
import { describe, expect, it } from "vitest";
import { checkCallback } from "../../src/websub/callback-rules.ts";

const PRODUCTION = "https://recaps.example.org";
const LOCAL = "http://127.0.0.1:8787";

describe("callbacks for a public site", () => {
  it.each([
    "https://reader.example.net/websub/callback?feed=42",
    "https://push.feeds.example.com:8443/cb",
  ])("takes %s", (url) => {
    expect(checkCallback(url, PRODUCTION)).toMatchObject({ ok: true });
  });

  it.each([
    ["http://reader.example.net/cb", "must be an https URL"],
    ["https://127.0.0.1/cb", "must not point at this machine"],
    ["https://localhost/cb", "must not point at this machine"],
    ["https://[::1]/cb", "must not point at this machine"],
    ["https://app.localhost/cb", "must not point at this machine"],
    ["https://10.1.2.3/cb", "must name a host, not an IP address"],
    ["https://192.168.0.10/cb", "must name a host, not an IP address"],
    ["https://169.254.169.254/latest/meta-data", "must name a host, not an IP address"],
    ["https://0x7f.1/cb", "must not point at this machine"],
    ["https://2130706433/cb", "must not point at this machine"],
    ["https://[fd00::1]/cb", "must name a host, not an IP address"],
    ["https://[::ffff:10.0.0.1]/cb", "must name a host, not an IP address"],
    ["https://intranet/cb", "must be a public host name"],
    ["https://printer.local/cb", "must be a public host name"],
    ["https://user:secret@reader.example.net/cb", "must not carry a user name or password"],
    ["https://reader.example.net/cb#part", "must not have a #fragment"],
    ["javascript:alert(1)", "must be an http(s) URL"],
    ["/relative/cb", "must be an absolute http(s) URL"],
  ])("refuses %s: %s", (url, message) => {
    const check = checkCallback(url, PRODUCTION);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.message).toContain(message);
  });
});

describe("callbacks for a site on this machine", () => {
  it.each(["http://127.0.0.1:9999/cb", "http://localhost:9999/cb", "http://[::1]:9999/cb", "https://reader.example.net/cb"])("takes %s", (url) => {
    expect(checkCallback(url, LOCAL)).toMatchObject({ ok: true });
  });

  it.each(["http://10.0.0.7/cb", "http://reader.example.net/cb"])("still refuses %s", (url) => {
    expect(checkCallback(url, LOCAL).ok).toBe(false);
  });
});
