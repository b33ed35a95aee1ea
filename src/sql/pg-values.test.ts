import { describe, expect, it } from "vitest";
import { JSON_TYPES, toJsonValue } from "./pg-values";

const parse = (oid: number, text: string) => JSON_TYPES.getTypeParser(oid)(text);

describe("Postgres text values to JSON", () => {
  it("keeps integers and numerics as numbers where a double holds them", () => {
    expect(parse(23, "42")).toBe(42);
    expect(parse(20, "9007199254740991")).toBe(9007199254740991);
    expect(parse(20, "9007199254740993")).toBe("9007199254740993");
    expect(parse(1700, "150000.00")).toBe(150000);
    expect(parse(1700, "-0.000123")).toBe(-0.000123);
    expect(parse(1700, "12345678901234567.89")).toBe("12345678901234567.89");
    expect(parse(1700, "NaN")).toBe("NaN");
    expect(parse(701, "1.5")).toBe(1.5);
  });

  it("gives dates and timestamps as ISO-8601 strings", () => {
    expect(parse(1082, "2023-01-01")).toBe("2023-01-01");
    expect(parse(1114, "2023-01-01 10:20:30.5")).toBe("2023-01-01T10:20:30.5");
    expect(parse(1184, "2023-01-01 10:20:30.123+00")).toBe("2023-01-01T10:20:30.123Z");
  });

  it("parses booleans and json", () => {
    expect(parse(16, "t")).toBe(true);
    expect(parse(16, "f")).toBe(false);
    expect(parse(3802, '{"a":[1,2]}')).toEqual({ a: [1, 2] });
  });

  it("makes leftover driver values JSON-friendly", () => {
    expect(toJsonValue(new Date("2024-01-01T00:00:00Z"))).toBe("2024-01-01T00:00:00.000Z");
    expect(toJsonValue([new Date("2024-01-01T00:00:00Z")])).toEqual(["2024-01-01T00:00:00.000Z"]);
  });
});
