import { describe, expect, it } from "vitest";
import { quoteIdent, quoteString } from "./sql-builder";

describe("quoteIdent", () => {
  it("leaves plain lowercase names alone", () => {
    expect(quoteIdent("order_date")).toBe("order_date");
    expect(quoteIdent("month")).toBe("month");
  });
  it("quotes mixed case, odd characters and reserved words", () => {
    expect(quoteIdent("openedAt")).toBe('"openedAt"');
    expect(quoteIdent("order")).toBe('"order"');
    expect(quoteIdent("user")).toBe('"user"');
    expect(quoteIdent("unit price")).toBe('"unit price"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});

describe("quoteString", () => {
  it("doubles single quotes", () => {
    expect(quoteString("O'Brien")).toBe("'O''Brien'");
  });
});
