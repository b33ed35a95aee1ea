import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Round 9 (judged blind): "courses that are full" listed every course and "how many moves did we
 * complete last month" counted every move scheduled: "full" and "complete" are filler words in "a
 * full list", "the complete set", but said of the rows they are a condition, which must be read or
 * the question refused. Schemas: a workshop calendar and a cleaning company, invented here.
 */

const WORKSHOPS = catalog([
  table(
    "workshops",
    [
      ["workshop_id", "integer"],
      ["workshop_nm", "text"],
      ["seat_limit", "integer"],
      ["begins_dt", "date"],
    ],
    { primaryKey: ["workshop_id"] },
  ),
]);

const CLEANERS = catalog([
  table(
    "cleaning_jobs",
    [
      ["job_id", "integer"],
      ["job_status", "text"],
      ["job_dt", "date"],
    ],
    { primaryKey: ["job_id"], samples: { job_status: ["BOOKED", "DONE", "CANCELLED"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a filler word said of the rows is a condition", () => {
  it("workshops: that are full (refused); the complete list (a filler)", async () => {
    expectDeclined(WORKSHOPS, "workshops that are full", options, /"full"/);
    await expectSql(WORKSHOPS, { q: "the complete list of workshops", has: ["SELECT w.* FROM workshops w"] }, options);
  });

  it("cleaners: jobs we completed (refused); the full list (a filler)", async () => {
    expectDeclined(CLEANERS, "how many cleaning jobs did we complete last week?", options, /"complete"/);
    await expectSql(CLEANERS, { q: "full list of cleaning jobs", has: ["SELECT cj.* FROM cleaning_jobs cj"] }, options);
  });
});
