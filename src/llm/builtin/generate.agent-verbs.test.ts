import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * "Which officer issued the most fines last month?" grouped the fines by their issued_ts: after a
 * noun naming a table, the participle is that noun's verb, and the date column it spells is no
 * reading of who. Schemas: a traffic authority and a lab, invented here.
 */

const TRAFFIC = catalog([
  table(
    "traffic_wardens",
    [
      ["warden_id", "integer"],
      ["warden_nm", "text"],
    ],
    { primaryKey: ["warden_id"] },
  ),
  withForeignKey(
    table(
      "tickets",
      [
        ["ticket_id", "integer"],
        ["warden_id", "integer"],
        ["issued_ts", "timestamp"],
        ["fine_amt", "numeric"],
      ],
      { primaryKey: ["ticket_id"] },
    ),
    "warden_id",
    "traffic_wardens",
    "warden_id",
  ),
]);

const LAB = catalog([
  table(
    "lab_technicians",
    [
      ["technician_id", "integer"],
      ["technician_nm", "text"],
    ],
    { primaryKey: ["technician_id"] },
  ),
  withForeignKey(
    table(
      "samples",
      [
        ["sample_id", "integer"],
        ["technician_id", "integer"],
        ["tested_ts", "timestamp"],
        ["result_cd", "text"],
      ],
      { primaryKey: ["sample_id"], samples: { result_cd: ["pos", "neg"] } },
    ),
    "technician_id",
    "lab_technicians",
    "technician_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("the participle after a table's noun is its verb, not its date column", () => {
  it("traffic: 'which warden issued the most tickets last month' ranks wardens", async () => {
    await expectSql(
      TRAFFIC,
      {
        q: "which warden issued the most tickets last month",
        has: ["tw.warden_nm", "COUNT(*) AS ticket_count", "LIMIT 1"],
        not: ["GROUP BY t.issued_ts"],
      },
      options,
    );
  });

  it("lab: 'which technician tested the most samples this year' ranks technicians", async () => {
    await expectSql(
      LAB,
      {
        q: "which technician tested the most samples this year",
        has: ["lt.technician_nm", "COUNT(*) AS sample_count"],
        not: [/SELECT s\.tested_ts/],
      },
      options,
    );
  });
});
