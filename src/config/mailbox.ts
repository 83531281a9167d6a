// Email addresses as settings and subscribers give them: `Name <local@domain>` or a bare address.
export interface Mailbox {
  name?: string;
  address: string;
}

// Deliberately strict: a dot-atom local part (RFC 5322 3.2.3: atoms of printable ASCII
// without quotes, joined by single dots, none at either end), a dotted domain.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$`);

export function isAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value) && value.split("@")[0]!.length <= 64;
}

export function parseMailbox(value: string): Mailbox | undefined {
  const trimmed = value.trim();
  const m = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed);
  const name = m ? m[1]!.replace(/^"(.*)"$/, "$1").trim() : undefined;
  const address = (m ? m[2]! : trimmed).trim();
  if (!isAddress(address) || /[\r\n\u0000-\u001f]/.test(name ?? "")) return undefined;
  return name ? { name, address } : { address };
}
