import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Rows that only share a parent with the rows asked about (a sailing's galley sales beside its
 * passes) are other events: their dates never date the fact's rows unless a noun of the question names
 * them. And a list never stands for a figure: "pass revenue last month" is no list of passes.
 * Schemas: a ferry line (sailings, passes, galley sales) and a climbing gym (climbers, bookings,
 * renewals, shop sales), invented here.
 */

const FERRY = catalog([
  table(
    "sailings",
    [
      ["sailing_id", "integer"],
      ["route_nm", "text"],
      ["depart_ts", "timestamp"],
    ],
    { primaryKey: ["sailing_id"], samples: { route_nm: ["Harbour - Isle", "Isle - Point"] } },
  ),
  withForeignKey(
    table(
      "passes",
      [
        ["pass_id", "integer"],
        ["sailing_id", "integer"],
        ["pass_type", "text"],
        ["price_paid_amt", "numeric"],
        ["bought_ts", "timestamp"],
        ["channel", "text"],
      ],
      { primaryKey: ["pass_id"], samples: { pass_type: ["foot", "car"], channel: ["online", "port_desk"] } },
    ),
    "sailing_id",
    "sailings",
    "sailing_id",
  ),
  withForeignKey(
    table(
      "galley_sales",
      [
        ["item_sale_id", "integer"],
        ["sailing_id", "integer"],
        ["sale_ts", "timestamp"],
        ["item_nm", "text"],
        ["sale_amt", "numeric"],
      ],
      { primaryKey: ["item_sale_id"], samples: { item_nm: ["Tea", "Sandwich"] } },
    ),
    "sailing_id",
    "sailings",
    "sailing_id",
  ),
]);

const GYM = catalog([
  table(
    "climbers",
    [
      ["climber_id", "integer"],
      ["climber_nm", "text"],
      ["joined_dt", "date"],
    ],
    { primaryKey: ["climber_id"] },
  ),
  withForeignKey(
    table(
      "bookings",
      [
        ["booking_id", "integer"],
        ["climber_id", "integer"],
        ["session_ts", "timestamp"],
        ["wall_nm", "text"],
        ["price_paid_amt", "numeric"],
      ],
      { primaryKey: ["booking_id"], samples: { wall_nm: ["Boulder Cave", "Lead Wall"] } },
    ),
    "climber_id",
    "climbers",
    "climber_id",
  ),
  withForeignKey(
    table(
      "renewals",
      [
        ["renewal_id", "integer"],
        ["climber_id", "integer"],
        ["confirmed_dt", "date"],
      ],
      { primaryKey: ["renewal_id"] },
    ),
    "climber_id",
    "climbers",
    "climber_id",
  ),
  withForeignKey(
    table(
      "shop_sales",
      [
        ["shop_sale_no", "integer"],
        ["climber_id", "integer"],
        ["sale_ts", "timestamp"],
        ["sale_amt", "numeric"],
      ],
      { primaryKey: ["shop_sale_no"] },
    ),
    "climber_id",
    "climbers",
    "climber_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("dates of rows sharing a parent do not date the rows asked about", () => {
  it("ferry: 'passes sold online yesterday' are dated by their own purchase, not the on-board sales", async () => {
    await expectSql(
      FERRY,
      {
        q: "Passes sold online yesterday",
        has: ["p.channel = 'online'", "p.bought_ts >= DATE '2026-12-06'"],
        not: ["galley_sales"],
      },
      options,
    );
    // A noun naming those rows still relates them.
    await expectSql(
      FERRY,
      { q: "Passes for sailings with galley sales last month", has: ["gs.sale_ts >= DATE '2026-11-01'"] },
      options,
    );
  });

  it("gym: bookings are never dated by a climber's shop sales or renewals", async () => {
    await expectSql(
      GYM,
      {
        q: "how many bookings were sold last week",
        has: ["FROM bookings b WHERE b.session_ts >= DATE '2026-11-30'"],
        not: ["shop_sales"],
      },
      options,
    );
    // No date of the bookings is a confirmation: refused rather than dated by a renewal.
    expectDeclined(GYM, "Bookings confirmed yesterday", options, /confirmed/);
  });
});

describe("a list does not stand for a figure", () => {
  it("ferry and gym: 'pass revenue', 'wall revenue' are refused rather than listed", () => {
    expectDeclined(FERRY, "Pass revenue last month", options, /revenue/);
    expectDeclined(GYM, "Wall revenue last month", options, /revenue/);
  });
});
