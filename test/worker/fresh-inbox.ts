// Setup for every worker test file: the local SES inbox starts empty. Tests find their mail
// by unique addresses, so nothing depends on what earlier files sent; this keeps each read
// of the inbox proportional to one file's mail instead of growing through the whole suite.
import { env } from "cloudflare:test";

const res = await fetch(`${(env as unknown as { SES_ENDPOINT: string }).SES_ENDPOINT}/clear-store`, { method: "POST" });
if (!res.ok) throw new Error(`the local SES endpoint did not clear its inbox (${res.status})`);
