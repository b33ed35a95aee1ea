import { describe, expect, it } from "vitest";
import { parsePostgres } from "../sql/pg-parser";
import { identifiersOf, qualify } from "./sql-expr";

const names = (expr: string) => identifiersOf(expr).map((r) => (r.qualified ? `${r.name}.` : r.name));

// Issue 14, finding 7: the metric-expression checker misread E'\'' and so missed what followed it.
describe("the expression scanner reads string literals as Postgres does", () => {
  it("E'…' strings take backslash escapes: E'\\'' is one quote, and what follows is still read", async () => {
    const expr = "E'\\'' || other_table.secret || note";
    expect((await parsePostgres(`SELECT ${expr} FROM t`)).ok).toBe(true);
    expect(names(expr)).toEqual(["other_table.", "note"]);
    expect(names("e'\\\\' || amount")).toEqual(["amount"]);
    expect(names("E'it''s' || amount")).toEqual(["amount"]);
    expect(qualify("E'\\'' || amount", "oi")).toBe("E'\\'' || oi.amount");
  });

  it("a plain string keeps its backslash (standard_conforming_strings) and dollar quotes hide nothing", () => {
    expect(names("'\\' || amount")).toEqual(["amount"]);
    expect(names("$$'$$ || hidden.col || $$'$$")).toEqual(["hidden."]);
    expect(names("$x$ a ' b $x$ || amount")).toEqual(["amount"]);
    expect(names("amount * $1")).toEqual(["amount"]);
  });

  it("leaves ordinary expressions as they were", () => {
    expect(names("quantity * unit_price * (1 - discount)")).toEqual(["quantity", "unit_price", "discount"]);
    expect(names("CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END")).toEqual(["status"]);
    expect(names("extract(year FROM order_date)")).toEqual(["order_date"]);
    expect(names("elevation + e")).toEqual(["elevation", "e"]);
  });
});
