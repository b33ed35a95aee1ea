import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Schemas whose names are run together behind a vendor prefix (linking/run-together.ts), and
 * questions that read them by their words: an ERP (`zq`) and a box office (`bx`).
 */

const ERP = catalog([
  table(
    "zqvendor",
    [
      ["zqvndid", "varchar(10)"],
      ["zqvndname", "text"],
      ["zqvndcountry", "text"],
      ["zqvndjoindate", "date"],
      ["zqvndstatus", "text"],
    ],
    { primaryKey: ["zqvndid"] },
  ),
  table(
    "zqpurchase",
    [
      ["zqpoid", "varchar(10)"],
      ["zqpovndid", "varchar(10)"],
      ["zqpodate", "date"],
      ["zqpoamount", "numeric"],
      ["zqpostatus", "text"],
    ],
    { primaryKey: ["zqpoid"], samples: { zqpostatus: ["open", "paid", "cancelled"] } },
  ),
]);

const BOX_OFFICE = catalog([
  table(
    "bxcustomer",
    [
      ["bxcsid", "integer"],
      ["bxcsname", "text"],
      ["bxcscity", "text"],
      ["bxcssignupdate", "date"],
      ["bxcsemail", "text"],
    ],
    { primaryKey: ["bxcsid"] },
  ),
  table(
    "bxticket",
    [
      ["bxtkid", "integer"],
      ["bxtkcustomerid", "integer"],
      ["bxtkprice", "numeric"],
      ["bxtkstatus", "text"],
      ["bxtkdate", "date"],
    ],
    { primaryKey: ["bxtkid"], samples: { bxtkstatus: ["sold", "refunded"] } },
  ),
]);

const options = { currentDate: "2026-06-15" };

// A price history whose table name holds a time word ("daily"), beside the things it prices.
const MARKET = catalog([
  table(
    "mkticker",
    [
      ["mktickerid", "integer"],
      ["mktickersymbol", "text"],
      ["mktickertype", "text"],
    ],
    { primaryKey: ["mktickerid"], comment: "One row per ticker traded on the exchange" },
  ),
  table("mkdailyprice", [
    ["mkdptickerid", "integer"],
    ["mkdpdate", "date"],
    ["mkdpclose", "numeric"],
  ]),
]);

describe("vendor-prefixed, run-together names", () => {
  it("groups and ranks by a column named in one word (ERP)", async () => {
    await expectSql(
      ERP,
      { q: "What are the top 3 purchase statuses by number of purchases?", has: ["zqpostatus", "COUNT(*)", "LIMIT 3"] },
      options,
    );
    await expectSql(
      ERP,
      { q: "Total purchase amount by vendor country", has: ["SUM(", "zqpoamount", "zqvndcountry"] },
      options,
    );
  });

  it("groups and ranks by a column named in one word (box office)", async () => {
    await expectSql(
      BOX_OFFICE,
      { q: "What are the top 2 ticket statuses by number of tickets?", has: ["bxtkstatus", "COUNT(*)", "LIMIT 2"] },
      options,
    );
    await expectSql(
      BOX_OFFICE,
      { q: "Total ticket price by customer city", has: ["SUM(", "bxtkprice", "bxcscity"] },
      options,
    );
  });
});

describe("'by <people> who …' names who did it, not a grouping", () => {
  it("counts one number (ERP)", async () => {
    const sql = await expectSql(
      ERP,
      { q: "number of purchases by vendors who joined in the past 30 days", has: ["COUNT(*)", "zqvndjoindate"] },
      options,
    );
    expect(sql).not.toMatch(/GROUP BY/);
  });

  it("counts one number (box office)", async () => {
    const sql = await expectSql(
      BOX_OFFICE,
      { q: "number of tickets by customers who signed up in the past 90 days", has: ["COUNT(*)", "bxcssignupdate"] },
      options,
    );
    expect(sql).not.toMatch(/GROUP BY/);
  });

  it("still groups when 'by' has no relative clause", () => {
    const r = generateSql(ERP, "number of purchases by vendor", options);
    expect(r.ok && /GROUP BY/.test(r.sql)).toBe(true);
  });
});

describe("a list of the table a phrase names", () => {
  it("lists the table's rows, not another table's key referring to it", async () => {
    await expectSql(MARKET, { q: "list the tickers", has: ["FROM mkticker"], not: ["mkdptickerid"] }, options);
    await expectSql(ERP, { q: "list the vendors", has: ["FROM zqvendor"], not: ["zqpovndid"] }, options);
  });

  it("reads a time word inside a table's name as the name, not a grouping by day", async () => {
    await expectSql(
      MARKET,
      {
        q: "Return the ticker IDs and symbols of tickers that do not have any daily price records.",
        has: ["NOT EXISTS (SELECT 1 FROM mkdailyprice"],
        not: ["date_trunc"],
      },
      options,
    );
  });
});
