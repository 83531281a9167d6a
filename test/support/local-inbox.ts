// The local SES endpoint's store as the Node-side tests read it: what reached each address.
export interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text: string; html: string };
}

/** Mail the endpoint at `sesUrl` holds for one address. */
export async function mailFor(sesUrl: string, address: string): Promise<StoredMail[]> {
  return ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredMail[] }).emails.filter((m) => m.destination.to.includes(address));
}
