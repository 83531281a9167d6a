// Settings for Node-side tools, read the way `wrangler dev` reads them: wrangler.toml
// [vars], then .dev.vars (or .dev.vars.example when there is none), then the environment.
import { existsSync, readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { parseConfig, type Config, type ConfigEnv } from "../config/config.ts";

export function localEnv(): Record<string, string> {
  const toml = parse(readFileSync("wrangler.toml", "utf8")) as { vars?: Record<string, unknown> };
  const vars = Object.fromEntries(Object.entries(toml.vars ?? {}).map(([k, v]) => [k, String(v)]));
  const devVarsFile = existsSync(".dev.vars") ? ".dev.vars" : ".dev.vars.example";
  const devVars = Object.fromEntries(
    readFileSync(devVarsFile, "utf8")
      .split("\n")
      .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
  const fromEnv = Object.fromEntries(Object.keys({ ...vars, ...devVars }).flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  return { ...vars, ...devVars, ...fromEnv };
}

export function localConfig(): Config {
  return parseConfig(localEnv() as ConfigEnv);
}
