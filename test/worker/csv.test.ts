// The CSV module alone: records with the line they start on, and cells that survive a
// trip through a file, formula defusing included.
import { describe, expect, it } from "vitest";
import { csvCell, CsvError, csvValue, parseCsv } from "../../src/admin/csv.ts";

describe("parseCsv", () => {
  it("gives each record the line it starts on, whatever line breaks its quoted fields hold", () => {
    const text = 'a,b\r\n"x\ny",1\n\n"p\r\nq\rr",2\rlast,3';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x\ny", "1"] },
      { line: 5, fields: ["p\r\nq\rr", "2"] },
      { line: 8, fields: ["last", "3"] },
    ]);
  });

  it("skips a byte-order mark and blank lines without losing count", () => {
    expect(parseCsv("\uFEFFemail\n\n\r\nx@example.com\n")).toEqual([
      { line: 1, fields: ["email"] },
      { line: 4, fields: ["x@example.com"] },
    ]);
  });

  it("refuses a quoted field that is never closed, naming the line it opens on", () => {
    expect(() => parseCsv('email\nok\n"open\nmore\n')).toThrow(new CsvError("the quoted field that opens on line 3 is never closed"));
  });
});

describe("csvCell and csvValue", () => {
  it.each(["=1+1", "+tag@example.com", "-x", "@home", "'already", "''", "plain", 'has "quotes", commas', "line\nbreak", "\ttab"])(
    "give back %j after a trip through a CSV file",
    (value) => {
      const [record] = parseCsv(`${csvCell(value)}\r\n`);
      expect(csvValue(record!.fields[0]!)).toBe(value);
    },
  );

  it("write no cell that a spreadsheet would run", () => {
    for (const value of ["=1+1", "+1", "-1", "@SUM(A1)"]) expect(csvCell(value)).toMatch(/^'/);
  });
});
