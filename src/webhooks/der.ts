// Just enough DER to find an X.509 certificate's SubjectPublicKeyInfo.
interface Tlv {
  tag: number;
  start: number; // first byte of the TLV
  contentStart: number;
  end: number; // one past the last byte
}

function readTlv(bytes: Uint8Array, offset: number): Tlv {
  const tag = bytes[offset]!;
  let length = bytes[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 4) throw new Error("unsupported DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new Error("truncated DER");
  return { tag, start: offset, contentStart, end };
}

function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(bytes, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The DER of the certificate's SubjectPublicKeyInfo, for crypto.subtle.importKey("spki"). */
export function spkiOfCertificate(pem: string): Uint8Array<ArrayBuffer> {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem);
  if (!match) throw new Error("not a PEM certificate");
  const der = Uint8Array.from(atob(match[1]!.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
  const certificate = readTlv(der, 0);
  const tbs = children(der, certificate)[0];
  if (!tbs) throw new Error("no tbsCertificate");
  const fields = children(der, tbs);
  // [0] version is optional; then serial, signature, issuer, validity, subject, spki.
  const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5];
  if (!spki || spki.tag !== 0x30) throw new Error("no subjectPublicKeyInfo");
  return der.slice(spki.start, spki.end);
}
