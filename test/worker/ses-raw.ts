// What the SES endpoint received, as raw MIME: kept by the fault-injecting stand-in in front
// of the emulator (test/support/ses-endpoints.ts), since the emulator keeps parsed fields only.
import { env } from "cloudflare:test";

const endpoint = (env as unknown as { FAULTY_SES_ENDPOINT: string }).FAULTY_SES_ENDPOINT;

/** The raw messages the SES endpoint received for `to`, oldest first (the latest 2,000 calls are kept). */
export async function rawMessagesTo(to: string): Promise<string[]> {
  return ((await (await fetch(`${endpoint}/__raw?to=${encodeURIComponent(to)}`)).json()) as { messages: string[] }).messages;
}

/** The Message-ID header of each raw message the SES endpoint received for `to`. */
export async function messageIdsAtEndpoint(to: string): Promise<(string | undefined)[]> {
  return (await rawMessagesTo(to)).map((m) => /^Message-ID: (.*)$/im.exec(m.split("\r\n\r\n")[0]!)?.[1]);
}
