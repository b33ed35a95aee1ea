import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Which event a period dates. A verb of the question that spells a date's name ("repaired",
 * repaired_ts) says which event is dated wherever it stands, not only right before the period; and
 * a date that says when the rows came into service (acquired_dt, launched_dt) never dates another
 * verb ("tools used last week" are the hires that used them). Schemas: a tool-hire shop and a
 * rowing club's boathouse, invented here.
 */

const TOOL_HIRE = catalog([
  table(
    "tools",
    [
      ["tool_id", "integer"],
      ["tool_nm", "text"],
      ["acquired_dt", "date"],
      ["daily_rate", "numeric"],
    ],
    { primaryKey: ["tool_id"] },
  ),
  table(
    "repairers",
    [
      ["repairer_id", "integer"],
      ["repairer_nm", "text"],
    ],
    { primaryKey: ["repairer_id"] },
  ),
  withForeignKey(
    table(
      "hires",
      [
        ["hire_id", "integer"],
        ["tool_id", "integer"],
        ["out_ts", "timestamp"],
        ["back_ts", "timestamp"],
      ],
      { primaryKey: ["hire_id"] },
    ),
    "tool_id",
    "tools",
    "tool_id",
  ),
  withForeignKey(
    withForeignKey(
      table(
        "repairs",
        [
          ["repair_id", "integer"],
          ["tool_id", "integer"],
          ["repairer_id", "integer"],
          ["logged_ts", "timestamp"],
          ["repaired_ts", "timestamp"],
        ],
        { primaryKey: ["repair_id"] },
      ),
      "tool_id",
      "tools",
      "tool_id",
    ),
    "repairer_id",
    "repairers",
    "repairer_id",
  ),
]);

const BOATHOUSE = catalog([
  table(
    "boats",
    [
      ["boat_id", "integer"],
      ["boat_nm", "text"],
      ["launched_dt", "date"],
      ["seats", "integer"],
    ],
    { primaryKey: ["boat_id"] },
  ),
  table(
    "inspectors",
    [
      ["inspector_id", "integer"],
      ["inspector_nm", "text"],
    ],
    { primaryKey: ["inspector_id"] },
  ),
  withForeignKey(
    table(
      "outings",
      [
        ["outing_id", "integer"],
        ["boat_id", "integer"],
        ["out_ts", "timestamp"],
        ["back_ts", "timestamp"],
      ],
      { primaryKey: ["outing_id"] },
    ),
    "boat_id",
    "boats",
    "boat_id",
  ),
  withForeignKey(
    withForeignKey(
      table(
        "inspections",
        [
          ["insp_id", "integer"],
          ["boat_id", "integer"],
          ["inspector_id", "integer"],
          ["booked_dt", "date"],
          ["inspected_ts", "timestamp"],
        ],
        { primaryKey: ["insp_id"] },
      ),
      "boat_id",
      "boats",
      "boat_id",
    ),
    "inspector_id",
    "inspectors",
    "inspector_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a verb that spells a date's name dates the period", () => {
  it("tool hire: the repairer who repaired the most tools in March, by the repairs' date", async () => {
    await expectSql(
      TOOL_HIRE,
      {
        q: "Which repairer repaired the most tools in March?",
        has: ["r.repaired_ts >= DATE '2026-03-01'", "COUNT(DISTINCT t.tool_id)"],
        not: ["acquired_dt", "logged_ts"],
      },
      options,
    );
  });

  it("boathouse: the inspector who inspected the most boats in June, by the inspections' date", async () => {
    await expectSql(
      BOATHOUSE,
      {
        q: "Which inspector inspected the most boats in June?",
        has: ["i.inspected_ts >= DATE '2026-06-01'"],
        not: ["launched_dt", "booked_dt"],
      },
      options,
    );
  });
});

describe("a date of the rows coming into service dates no other verb", () => {
  it("tool hire: tools used last week are not tools acquired last week", async () => {
    expectDeclined(TOOL_HIRE, "How many tools were used last week?", options, /acquired_dt/);
    await expectSql(TOOL_HIRE, { q: "Tools acquired in 2025", has: ["t.acquired_dt >= DATE '2025-01-01'"] }, options);
  });

  it("boathouse: boats used in July are not boats launched in July", async () => {
    expectDeclined(BOATHOUSE, "How many boats were used in July?", options, /launched_dt/);
    await expectSql(BOATHOUSE, { q: "Boats launched last year", has: ["b.launched_dt >= DATE '2025-01-01'"] }, options);
  });
});
