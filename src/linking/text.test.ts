import { describe, expect, it } from "vitest";
import { identifierStems, splitIdentifier, stem } from "./text";

describe("splitIdentifier", () => {
  it("splits snake_case, camelCase, acronyms and digits, expanding abbreviations", () => {
    expect(splitIdentifier("order_date")).toEqual(["order", "date"]);
    expect(splitIdentifier("openedAt")).toEqual(["opened", "at"]);
    expect(splitIdentifier("HTTPStatusCode")).toEqual(["http", "status", "code"]);
    expect(splitIdentifier("address2")).toEqual(["address", "2"]);
    expect(splitIdentifier("cust_qty")).toEqual(["customer", "quantity"]);
    expect(splitIdentifier("std_lead_days")).toEqual(["standard", "lead", "days"]);
  });
});

describe("stem", () => {
  it("makes plural, past and -ing forms agree", () => {
    for (const [a, b] of [
      ["orders", "order"],
      ["categories", "category"],
      ["countries", "country"],
      ["boxes", "box"],
      ["priced", "price"],
      ["pricing", "price"],
      ["cancelled", "canceled"],
      ["shipped", "ship"],
      ["billed", "bill"],
      ["paid", "pay"],
      ["sold", "sell"],
      ["addresses", "address"],
      ["statuses", "status"],
    ] as [string, string][]) {
      expect(stem(a), `${a} ~ ${b}`).toBe(stem(b));
    }
  });

  it("leaves words ending in -us, -is and -ss alone", () => {
    expect(stem("status")).toBe("status");
    expect(stem("analysis")).toBe("analysis");
  });

  it("drops is_/has_ prefixes of boolean names", () => {
    expect(identifierStems("is_active")).toEqual([stem("active")]);
  });
});
