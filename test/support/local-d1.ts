// Reads a locally started Worker's D1 from outside, the way an operator would: `wrangler d1
// execute --local` against its state directory (safe while the Worker runs).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export async function queryLocalD1<Row>(stateDir: string, sql: string, cwd = process.cwd()): Promise<Row[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["node_modules/wrangler/bin/wrangler.js", "d1", "execute", "DB", "--local", "--persist-to", stateDir, "--json", "--command", sql],
    { cwd, env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" }, maxBuffer: 64 * 1024 * 1024 },
  );
  const [result] = JSON.parse(stdout) as { results: Row[]; success: boolean }[];
  if (!result?.success) throw new Error(`wrangler d1 execute did not succeed: ${stdout.slice(0, 500)}`);
  return result.results;
}

/** A send's delivery rows, as the ledger holds them. */
export interface LedgerRow {
  email: string;
  status: string;
  message_id: string | null;
}

export function ledgerOf(stateDir: string, sendId: number): Promise<LedgerRow[]> {
  return queryLocalD1<LedgerRow>(stateDir, `SELECT email, status, message_id FROM deliveries WHERE send_id = ${Math.trunc(sendId)} ORDER BY id`);
}
