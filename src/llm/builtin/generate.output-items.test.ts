import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Items of a "Return …" list applied to a grouped answer: another text column of the grouped rows
 * becomes a grouping key ("the make, model"), and "number of <rows>" counts the rows the answer
 * reads when two tables share the word. Two schemas: a bike shop and a ferry line.
 */

const BIKES = catalog([
  table(
    "bikes",
    [
      ["id", "integer"],
      ["brand", "text"],
      ["model", "text"],
      ["list_price", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "rentals",
    [
      ["id", "integer"],
      ["bike_id", "integer"],
      ["fee", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "payments_in",
    [
      ["id", "integer"],
      ["rental_id", "integer"],
      ["method", "text"],
      ["amount", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "payments_out",
    [
      ["id", "integer"],
      ["supplier", "text"],
      ["amount", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
]);

const FERRY = catalog([
  table(
    "vessels",
    [
      ["id", "integer"],
      ["operator", "text"],
      ["class", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "crossings",
    [
      ["id", "integer"],
      ["vessel_id", "integer"],
      ["fare_total", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "tickets_sold",
    [
      ["id", "integer"],
      ["crossing_id", "integer"],
      ["channel", "text"],
      ["price", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
  table(
    "tickets_refunded",
    [
      ["id", "integer"],
      ["channel", "text"],
      ["price", "numeric"],
    ],
    { primaryKey: ["id"] },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("list items beside a grouped answer", () => {
  it("another text column of the grouped rows is grouped by too (bikes, ferry)", async () => {
    await expectSql(
      BIKES,
      {
        q: "What are the top 3 bike models by total fee? Return the brand, model and total fee.",
        has: ["b.model", "b.brand", "GROUP BY 1, 2", "LIMIT 3"],
      },
      options,
    );
    await expectSql(
      FERRY,
      {
        q: "What are the top 2 vessel classes by total fare? Return the operator, class and total fare.",
        has: ["v.class", "v.operator", "GROUP BY 1, 2", "LIMIT 2"],
      },
      options,
    );
  });

  it("a finer column listed after the grouped one would split the groups: refused (bikes, ferry)", () => {
    const q1 = "What are the top 3 bike brands by total fee? Return the brand, model and total fee.";
    expect(generateSql(BIKES, q1, options).ok).toBe(false);
    const q2 = "What are the top 2 vessel operators by total fare? Return the operator, class and total fare.";
    expect(generateSql(FERRY, q2, options).ok).toBe(false);
  });

  it("'number of <rows>' counts the answer's own table among namesakes (bikes, ferry)", async () => {
    await expectSql(
      BIKES,
      {
        q: "What are the top 3 payment methods by total amount in? Return the method, number of payments and total amount.",
        has: ["FROM payments_in", "COUNT(*)"],
        not: ["payments_out"],
      },
      options,
    );
    await expectSql(
      FERRY,
      {
        q: "What are the top 2 channels by total price sold? Return the channel, number of tickets and total price.",
        has: ["FROM tickets_sold", "COUNT(*)"],
        not: ["tickets_refunded"],
      },
      options,
    );
  });
});
