// Which callbacks the hub calls: https on public names in production; loopback over http
// only for a site on this machine.
import { describe, expect, it } from "vitest";
import { checkCallback, registrableDomain } from "../../src/websub/callback-rules.ts";

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
    ["https://localhost./cb", "must not point at this machine"],
    ["https://foo.localhost./cb", "must not point at this machine"],
    ["https://printer.local./cb", "must be a public host name"],
    ["https://metadata.google.internal./cb", "must be a public host name"],
    ["https://router.home.arpa/cb", "must be a public host name"],
    ["https://reader.example.net:22/cb", "must use the https port"],
    ["https://recaps.example.org/websub", "must not be this site itself"],
    ["https://RECAPS.example.org./cb", "must not be this site itself"],
    ["https://reader.example.net/cb#", "must not have a #fragment"],
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

describe("the domain the caps count by", () => {
  it.each([
    ["reader.example.net", "example.net"],
    ["a.b.evil.example", "evil.example"],
    ["push.feeds.example.co.uk", "example.co.uk"],
    ["example.com.au", "example.com.au"],
    ["example.org", "example.org"],
  ])("%s counts as %s", (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });

  it("counts subdomains, and a name with its final dot, together", () => {
    const domains = ["https://a.evil.example/cb", "https://b.evil.example./cb"].map((u) => checkCallback(u, PRODUCTION));
    expect(domains.map((d) => (d.ok ? d.domain : d.message))).toEqual(["evil.example", "evil.example"]);
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
