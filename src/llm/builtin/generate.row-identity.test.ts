import { describe, expect, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { indexCatalog } from "../../linking";
import { expectSql } from "./test-helpers";

/**
 * What names one row, and what a ranking "by count" counts when it names no rows: a trading desk
 * (tickers known by a symbol) and a ferry line (vessels known by a hull number, ports by a code).
 */

const DESK = catalog([
  table(
    "tickers",
    [
      ["id", "integer"],
      ["exchange", "text"],
      ["symbol", "text"],
      ["kind", "text"],
    ],
    { primaryKey: ["id"], samples: { symbol: ["AAPL", "MSFT"], kind: ["stock", "etf"] } },
  ),
  table(
    "clients",
    [
      ["id", "integer"],
      ["name", "text"],
      ["country", "text"],
      ["joined_on", "date"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "trades",
        [
          ["id", "integer"],
          ["client_id", "integer"],
          ["ticker_id", "integer"],
          ["side", "text"],
          ["quantity", "integer"],
          ["traded_at", "timestamp"],
        ],
        { primaryKey: ["id"], samples: { side: ["buy", "sell"] } },
      ),
      "client_id",
      "clients",
      "id",
    ),
    "ticker_id",
    "tickers",
    "id",
  ),
]);

const FERRY = catalog([
  table(
    "vessels",
    [
      ["id", "integer"],
      ["operator", "text"],
      ["vessel_number", "text"],
      ["vessel_class", "text"],
    ],
    { primaryKey: ["id"], samples: { vessel_class: ["catamaran", "roro"] } },
  ),
  table(
    "ports",
    [
      ["id", "integer"],
      ["region", "text"],
      ["port_code", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    withForeignKey(
      table(
        "crossings",
        [
          ["id", "integer"],
          ["vessel_id", "integer"],
          ["port_id", "integer"],
          ["outcome", "text"],
          ["departed_at", "timestamp"],
        ],
        { primaryKey: ["id"], samples: { outcome: ["delayed", "cancelled", "on time"] } },
      ),
      "vessel_id",
      "vessels",
      "id",
    ),
    "port_id",
    "ports",
    "id",
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("a table without a name column is known by the column that names each row", () => {
  it("a symbol, a number or a code named for the table, before other text", () => {
    const desk = indexCatalog(DESK);
    const ferry = indexCatalog(FERRY);
    expect(desk.table("tickers")?.label?.column.name).toBe("symbol");
    expect(ferry.table("vessels")?.label?.column.name).toBe("vessel_number");
    expect(ferry.table("ports")?.label?.column.name).toBe("port_code");
  });
  it("desk: trades per ticker show the symbol, not the exchange", () =>
    expectSql(
      DESK,
      { q: "How many trades per ticker?", has: ["ti.symbol AS ticker, COUNT(*)"], not: ["exchange"] },
      options,
    ));
  it("ferry: crossings per vessel show the hull number", () =>
    expectSql(
      FERRY,
      { q: "How many crossings per vessel?", has: ["v.vessel_number AS vessel", "COUNT(*)"], not: ["operator"] },
      options,
    ));
});

describe("ranked by how often, with no rows named: the rows a value word picks on a table pointing at them", () => {
  it("desk: 'the 2 most frequently bought stock ticker symbols' counts buy trades per symbol", () =>
    expectSql(
      DESK,
      {
        q: "What are the 2 most frequently bought stock ticker symbols?",
        has: ["ti.symbol, COUNT(*) AS trade_count FROM trades t JOIN tickers ti", "t.side = 'buy'", "LIMIT 2"],
        not: ["COUNT(DISTINCT"],
      },
      options,
    ));
  it("ferry: 'the 3 most frequently delayed vessels' counts delayed crossings per vessel", () =>
    expectSql(
      FERRY,
      {
        q: "Which 3 vessels were most frequently delayed?",
        has: ["COUNT(*) AS crossing_count FROM crossings c JOIN vessels v", "c.outcome = 'delayed'", "LIMIT 3"],
        not: ["COUNT(DISTINCT"],
      },
      options,
    ));
  it("a column shared by many rows still counts its own rows", async () => {
    await expectSql(
      DESK,
      {
        q: "the most common exchanges of tickers that were bought",
        has: ["t.exchange, COUNT(DISTINCT t.id) AS ticker_count"],
      },
      options,
    );
    await expectSql(
      FERRY,
      {
        q: "the most common operators of vessels that were delayed",
        has: ["v.operator, COUNT(DISTINCT v.id) AS vessel_count"],
      },
      options,
    );
  });
});

describe("ranked words: one row only when none is plural", () => {
  it("desk: 'the most common client names' are several", () =>
    expectSql(DESK, { q: "the most common client names", has: ["GROUP BY 1", "LIMIT 10"] }, options));
  it("ferry: 'the most common vessel classes' are several", () =>
    expectSql(FERRY, { q: "the most common vessel classes", has: ["GROUP BY 1", "LIMIT 10"] }, options));
});

describe("a small table whose rows are dated is no lookup: rows sharing a name stay apart", () => {
  it("desk: trades per client group by the client's id as well as the name", () =>
    expectSql(DESK, { q: "trades per client", has: ["c.id, c.name AS client, COUNT(*)", "GROUP BY 1, 2"] }, options));
  it("ferry: a three-column port register is still a lookup shown by its code", () =>
    expectSql(FERRY, { q: "crossings per port", has: ["p.port_code AS port, COUNT(*)", "GROUP BY 1"] }, options));
});
