import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

// "sites with more than 3 outages this year": the table named right before the dates is the one
// they date. The year filtered the sites' own commissioning date (a wrong answer found while
// probing), because outages.began_at shares no word with "outages". Invented schemas: a power
// network and a lending library.

const NETWORK = catalog([
  table(
    "sites",
    [
      ["site_id", "integer"],
      ["site_name", "text"],
      ["commissioned", "date"],
    ],
    { primaryKey: ["site_id"] },
  ),
  withForeignKey(
    table(
      "outages",
      [
        ["outage_id", "integer"],
        ["site_id", "integer"],
        ["began_at", "timestamp"],
        ["cause", "text"],
      ],
      { primaryKey: ["outage_id"], samples: { cause: ["storm", "fault"] } },
    ),
    "site_id",
    "sites",
    "site_id",
  ),
]);

const LIBRARY = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["full_name", "text"],
      ["joined_on", "date"],
    ],
    { primaryKey: ["member_id"] },
  ),
  withForeignKey(
    table(
      "loans",
      [
        ["loan_id", "integer"],
        ["member_id", "integer"],
        ["taken_at", "timestamp"],
      ],
      { primaryKey: ["loan_id"] },
    ),
    "member_id",
    "members",
    "member_id",
  ),
]);

const options = { currentDate: "2026-12-05" };

describe("the table named before the dates is the one they date", () => {
  it("power network", async () => {
    await expectSql(
      NETWORK,
      {
        q: "sites with more than 3 outages this year",
        has: ["o.began_at >= DATE '2026-01-01'"],
        not: ["commissioned >="],
      },
      options,
    );
    await expectSql(
      NETWORK,
      { q: "sites commissioned in 2025", has: ["s.commissioned >= DATE '2025-01-01'"] },
      options,
    );
  });

  it("lending library", async () => {
    await expectSql(
      LIBRARY,
      { q: "members with more than 2 loans in 2025", has: ["l.taken_at >= DATE '2025-01-01'"], not: ["joined_on >="] },
      options,
    );
    await expectSql(LIBRARY, { q: "members who joined in 2025", has: ["m.joined_on >= DATE '2025-01-01'"] }, options);
  });
});
