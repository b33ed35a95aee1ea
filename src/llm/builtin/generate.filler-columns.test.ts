import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "number of trips per make" answered one total: "make" is a filler verb ("make a list"), and the
// grouping was dropped (a wrong answer found while probing). After per/by/each, or after its table's
// noun, a filler that is a column's whole name names the column. Invented schemas: a delivery fleet
// and a chess club whose games keep a "result" column.

const FLEET = catalog([
  table(
    "vehicles",
    [
      ["vehicle_id", "integer"],
      ["plate", "text"],
      ["make", "text"],
    ],
    { primaryKey: ["vehicle_id"], samples: { make: ["Ford", "Volvo"] } },
  ),
  withForeignKey(
    table(
      "trips",
      [
        ["trip_id", "integer"],
        ["vehicle_id", "integer"],
        ["distance_km", "numeric"],
      ],
      { primaryKey: ["trip_id"] },
    ),
    "vehicle_id",
    "vehicles",
    "vehicle_id",
  ),
]);

const CHESS = catalog([
  table(
    "games",
    [
      ["game_id", "integer"],
      ["result", "text"],
      ["opening", "text"],
      ["moves", "integer"],
    ],
    { primaryKey: ["game_id"], samples: { result: ["win", "loss", "draw"] } },
  ),
]);

const options = { currentDate: "2026-12-06" };

describe("a filler word that is a column's whole name groups by it", () => {
  it("delivery fleet", async () => {
    for (const q of ["number of trips per make", "number of trips per vehicle make", "total distance by make"])
      await expectSql(FLEET, { q, has: ["v.make", "GROUP BY 1"] }, options);
    await expectSql(FLEET, { q: "make a list of vehicles", has: ["FROM vehicles"], not: ["GROUP BY"] }, options);
  });

  it("chess club", async () => {
    await expectSql(CHESS, { q: "number of games per result", has: ["g.result", "COUNT(*)", "GROUP BY 1"] }, options);
    await expectSql(CHESS, { q: "average moves by result", has: ["g.result", "AVG(g.moves)"] }, options);
  });
});

describe("a filler word names a column whose name adds a storage suffix", () => {
  // make_nm, make_name: the suffix says how the column is stored, the word before it what it holds.
  const DEPOT = catalog([
    table(
      "vans",
      [
        ["van_id", "integer"],
        ["plate_no", "text"],
        ["make_nm", "text"],
      ],
      { primaryKey: ["van_id"] },
    ),
    withForeignKey(
      table(
        "runs",
        [
          ["run_id", "integer"],
          ["van_id", "integer"],
          ["km", "numeric"],
        ],
        { primaryKey: ["run_id"] },
      ),
      "van_id",
      "vans",
      "van_id",
    ),
  ]);
  const BOX_OFFICE = catalog([
    table(
      "scanners",
      [
        ["scanner_id", "integer"],
        ["gate", "text"],
        ["make_name", "text"],
      ],
      { primaryKey: ["scanner_id"] },
    ),
    withForeignKey(
      table(
        "scans",
        [
          ["scan_id", "integer"],
          ["scanner_id", "integer"],
          ["scanned_ts", "timestamp"],
        ],
        { primaryKey: ["scan_id"] },
      ),
      "scanner_id",
      "scanners",
      "scanner_id",
    ),
  ]);

  it("depot: 'runs per van make' and 'runs per make' group by make_nm", async () => {
    await expectSql(
      DEPOT,
      { q: "runs per van make", has: ["SELECT v.make_nm, COUNT(*)", "GROUP BY 1"], not: ["v.van_id,"] },
      options,
    );
    await expectSql(DEPOT, { q: "total km per make", has: ["v.make_nm, SUM(r.km)", "GROUP BY 1"] }, options);
  });

  it("box office: 'scans per make' groups by make_name", async () => {
    await expectSql(
      BOX_OFFICE,
      { q: "number of scans per make", has: ["sc.make_name, COUNT(*)", "GROUP BY 1"], not: ["scanner_id,"] },
      options,
    );
  });
});
