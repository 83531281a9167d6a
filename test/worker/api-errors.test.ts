// The author API answers in its own JSON error shape everywhere under /api/: an unknown
// path is a JSON 404, a known path with the wrong method a 405 that says what is allowed,
// and no answer of the API may be kept by a cache.
import { beforeEach, describe, expect, it } from "vitest";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, clearLedger, DAY1, DAY1_DUE } from "./sending-helpers.ts";

const AT = DAY1_DUE + 60_000;
const auth = { Authorization: "Bearer test-author-token-0001" };
const call = (method: string, path: string, headers: Record<string, string> = auth, body?: string) => fetchAt(AT, path, { method, headers, ...(body ? { body } : {}) });

async function expectJsonError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
}

beforeEach(clearLedger);

describe("unknown author API paths and methods", () => {
  it.each([["GET", "/api/nothing-here"], ["POST", "/api/sends/1/explode"], ["GET", "/api/subscribers/import/extra"], ["DELETE", "/api/"]])(
    "%s %s answers a JSON 404, not the HTML page",
    async (method, path) => {
      await expectJsonError(await call(method, path), 404, "not_found");
    },
  );

  it.each([
    ["DELETE", "/api/sends", "GET, HEAD, POST"],
    ["PUT", "/api/sends/1", "GET, HEAD"],
    ["GET", "/api/sends/1/pause", "POST"],
    ["DELETE", "/api/stats", "GET, HEAD"],
    ["POST", "/api/subscribers/someone%40example.com", "DELETE"],
    ["PATCH", "/api/preview/2015-11-09", "GET, HEAD"],
  ])("%s %s answers 405 with Allow: %s", async (method, path, allow) => {
    const res = await call(method, path);
    expect(res.headers.get("allow")).toBe(allow);
    await expectJsonError(res, 405, "method_not_allowed");
  });

  it("still asks for the token first, so the API's shape is not shown to strangers", async () => {
    await expectJsonError(await call("GET", "/api/nothing-here", {}), 401, "unauthorized");
  });
});

describe("Cache-Control on author API answers", () => {
  it("is no-store on every answer: success, error, refusal, unknown path, CSV, preview", async () => {
    await addSubscribers(1);
    const json = { ...auth, "Content-Type": "application/json" };
    const answers = [
      await call("GET", "/api/sends"),
      await call("POST", "/api/sends", json, JSON.stringify({ date: DAY1, dryRun: true })),
      await call("POST", "/api/sends", json, JSON.stringify({ date: "2015-02-30" })),
      await call("GET", "/api/sends/999999"),
      await call("POST", "/api/sends/999999/pause"),
      await call("GET", "/api/subscribers"),
      await call("GET", "/api/subscribers.csv"),
      await call("GET", "/api/stats"),
      await call("GET", `/api/preview/${DAY1}`),
      await call("GET", "/api/sends", {}),
      await call("GET", "/api/nothing-here"),
      await call("PUT", "/api/sends"),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 400, 404, 404, 200, 200, 200, 200, 401, 404, 405]);
    expect(answers.map((r) => r.headers.get("cache-control"))).toEqual(answers.map(() => "no-store"));
  });
});
