// Render once per send: the per-recipient path must not reach MJML or the renderer.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: "neutral", format: "esm", logLevel: "silent" });
  return Object.keys(result.metafile.inputs);
}

describe("render once, personalise many", () => {
  it("the personalisation module's whole import graph has no MJML, template or renderer in it", async () => {
    const inputs = await inputsOf("src/email/personalise.ts");
    expect(inputs).toContain("src/email/personalise.ts");
    expect(inputs.filter((f) => /mjml|render-daily|fill-template|email-templates/.test(f))).toEqual([]);
  });

  it("the renderer itself does not reach MJML either: templates were compiled at build time", async () => {
    const inputs = await inputsOf("src/email/render-daily.ts");
    expect(inputs).toContain("src/generated/email-templates.ts");
    expect(inputs.filter((f) => /mjml/.test(f))).toEqual([]);
  });
});
