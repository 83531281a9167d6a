// The MIME encoders, checked by strict decoding written here from RFC 2045 and 2047.
import { describe, expect, it } from "vitest";
import { encodedWords, encodePhrase, formatListId, MimeError, quotedPrintable } from "../../src/email/mime.ts";

/** A strict quoted-printable decoder: rejects long lines, bad escapes and trailing whitespace. */
function decodeQp(encoded: string): string {
  const lines = encoded.split("\r\n");
  if (lines.at(-1) !== "") throw new Error("must end with CRLF");
  const bytes: number[] = [];
  for (const line of lines.slice(0, -1)) {
    if (line.length > 76) throw new Error(`line over 76: ${line}`);
    if (/[ \t]$/.test(line)) throw new Error(`trailing whitespace: ${JSON.stringify(line)}`);
    const soft = line.endsWith("=");
    const body = soft ? line.slice(0, -1) : line;
    for (let i = 0; i < body.length; i++) {
      const ch = body[i]!;
      if (ch === "=") {
        const hex = body.slice(i + 1, i + 3);
        if (!/^[0-9A-F]{2}$/.test(hex)) throw new Error(`bad escape in ${line}`);
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        const code = ch.charCodeAt(0);
        if (code > 126 || (code < 32 && ch !== "\t")) throw new Error(`unencoded byte ${code}`);
        bytes.push(code);
      }
    }
    if (!soft) bytes.push(13, 10);
  }
  return Buffer.from(bytes).toString("utf8").replace(/\r\n/g, "\n");
}

const decodeWords = (header: string) =>
  header.split("\r\n ").map((w) => {
    const m = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(w);
    if (!m) throw new Error(`not an encoded word: ${w}`);
    if (w.length > 75) throw new Error(`word over 75: ${w}`);
    return Buffer.from(m[1]!, "base64");
  });

describe("quoted-printable", () => {
  it.each([
    ["plain", "hello world\n"],
    ["trailing spaces and tabs", "end with space \nand tab\t\nlast  "],
    ["long lines", `${"x".repeat(200)}\n${"é".repeat(100)}\n`],
    ["equals and escapes", "a=b =3D =\n"],
    ["emoji across the line limit", `${"a".repeat(73)}🚢🚢🚢 コンテナ\n`],
    ["no final newline", "no newline at the end"],
    ["blank lines", "\n\n\nthree\n\n"],
  ])("round-trips %s under strict decoding", (_, text) => {
    expect(decodeQp(quotedPrintable(text))).toBe(text);
  });

  it("round-trips one-line printable ASCII of every length, equals signs and spaces included (the per-recipient path)", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = "ab=  ~?&%/.:-_XYZ09=";
    for (let length = 0; length < 320; length++) {
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(decodeQp(quotedPrintable(text))).toBe(text);
    }
  });

  it("joins independently encoded segments back into the joined text", () => {
    const parts = ["Dear ", "reader@example.com", ",\nyour link: ", "https://x.example/u?token=a.b.c", " \nbye ", "🚢".repeat(30)];
    expect(decodeQp(parts.map(quotedPrintable).join(""))).toBe(parts.join(""));
  });
});

describe("encoded words", () => {
  it("never splits a character and keeps each word within 75 characters", () => {
    for (const text of ["🚢".repeat(40), `a${"🚢".repeat(40)}`, `ab${"コ".repeat(50)}`, "Ελληνικά & <kubectl> ".repeat(10)]) {
      const decoded = decodeWords(encodedWords(text));
      for (const chunk of decoded) expect(chunk.toString("utf8")).not.toContain("\ufffd");
      expect(Buffer.concat(decoded).toString("utf8")).toBe(text);
    }
  });

  it("encodes a display name that only looks encoded, and quotes specials", () => {
    expect(encodePhrase("=?UTF-8?B?QmFuaw==?=")).toMatch(/^=\?UTF-8\?B\?/);
    expect(Buffer.concat(decodeWords(encodePhrase("=?UTF-8?B?QmFuaw==?="))).toString()).toBe("=?UTF-8?B?QmFuaw==?=");
    expect(encodePhrase('Herald "Recaps", daily')).toBe('"Herald \\"Recaps\\", daily"');
    expect(encodePhrase("Herald Recaps")).toBe("Herald Recaps");
  });

  it("writes a List-Id with a non-ASCII name as a phrase and a plain id", () => {
    const header = formatListId("Résumés quotidiens des conférences de la semaine", "daily.example.org");
    expect(header.endsWith(" <daily.example.org>")).toBe(true);
    expect(Buffer.concat(decodeWords(header.replace(/ <daily\.example\.org>$/, ""))).toString()).toBe("Résumés quotidiens des conférences de la semaine");
    expect(() => formatListId("x", "daily example.org")).toThrow(MimeError);
  });
});
