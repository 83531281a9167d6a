/// <reference types="vite/client" />
// The layering rules of "How the code is laid out" (README), checked on the source itself.
import { describe, expect, it } from "vitest";

// Vite reads every source file as text at build time, so the test needs no filesystem.
const sources = import.meta.glob("../../src/**/*.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const importsOf = (text: string) => [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]!);
const files = (folder: string) => Object.entries(sources).filter(([path]) => path.startsWith(`../../src/${folder}/`));

describe("the layers", () => {
  it("finds the source", () => {
    expect(files("routes").length).toBeGreaterThan(5);
  });

  it("no route imports the database layer", () => {
    const offenders = files("routes").flatMap(([path, text]) => importsOf(text).filter((i) => i.startsWith("../db/")).map((i) => `${path} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it.each(["db", "mail", "content", "feeds", "email", "pages", "tokens", "util"])("src/%s imports no route, job or domain module", (folder) => {
    const upward = /^\.\.\/(routes|sending|subscriptions|admin|webhooks|websub|desk)\//;
    const offenders = files(folder).flatMap(([path, text]) => importsOf(text).filter((i) => upward.test(i)).map((i) => `${path} → ${i}`));
    expect(offenders).toEqual([]);
  });
});
