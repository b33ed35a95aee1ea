import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

// "rate of" asks for a rate the data does not keep ("the rate of returns"), unless "rate" ends the
// name of a column said right before it: "the interest rate of each loan", "a nightly rate of at
// least 120". Two invented schemas: a lender and a guest house.

const LENDER = catalog([
  table(
    "loans",
    [
      ["loan_id", "integer"],
      ["borrower", "text"],
      ["product", "text"],
      ["interest_rate", "numeric"],
      ["principal", "numeric"],
    ],
    { primaryKey: ["loan_id"], samples: { product: ["mortgage", "car loan"] } },
  ),
]);

const GUEST_HOUSE = catalog([
  table(
    "rooms",
    [
      ["room_id", "integer"],
      ["room_name", "text"],
      ["room_type", "text"],
      ["nightly_rate", "numeric"],
    ],
    { primaryKey: ["room_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a column named '… rate' followed by 'of'", () => {
  it("is the column, compared or averaged", async () => {
    await expectSql(
      LENDER,
      {
        q: "Which loans have an interest rate of more than 5?",
        has: [/WHERE l\.interest_rate > 5/],
      },
      options,
    );
    await expectSql(
      LENDER,
      {
        q: "What is the average interest rate of loans for each product?",
        has: [/AVG\(l\.interest_rate\)/, /GROUP BY 1/],
      },
      options,
    );
    await expectSql(
      GUEST_HOUSE,
      {
        q: "Which rooms have a nightly rate of at least 120?",
        has: [/WHERE r\.nightly_rate >= 120/],
      },
      options,
    );
    await expectSql(
      GUEST_HOUSE,
      {
        q: "What is the average nightly rate of rooms for each room type?",
        has: [/AVG\(r\.nightly_rate\)/, /GROUP BY 1/],
      },
      options,
    );
  });

  it("is still refused when no column is named so", () => {
    for (const [schema, q] of [
      [LENDER, "What is the rate of default among loans?"],
      [GUEST_HOUSE, "What is the rate of cancellation of rooms?"],
    ] as const) {
      const r = generateSql(schema, q, options);
      expect(r.ok).toBe(false);
    }
  });
});
