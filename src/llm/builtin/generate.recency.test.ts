import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";

/**
 * Recency and sort phrases: the date a ranking of rows orders by ("earliest hire date first"), "X
 * first" as a sort of every row, groupings inside a recency ranking, and "the first <related row>".
 * Two invented schemas: a staffing agency and a ferry line.
 */

const AGENCY = catalog([
  table(
    "workers",
    [
      ["worker_id", "integer"],
      ["full_name", "text"],
      ["born_on", "date"],
      ["hired_on", "date"],
    ],
    { primaryKey: ["worker_id"] },
  ),
  table(
    "shifts",
    [
      ["shift_id", "integer"],
      ["worker_id", "integer"],
      ["shift_date", "date"],
      ["hours", "numeric"],
    ],
    {
      primaryKey: ["shift_id"],
    },
  ),
]);

const FERRY = catalog([
  table(
    "passengers",
    [
      ["passenger_id", "integer"],
      ["passenger_name", "text"],
      ["registered_at", "timestamp"],
      ["last_trip_at", "timestamp"],
    ],
    { primaryKey: ["passenger_id"] },
  ),
  table(
    "crossings",
    [
      ["crossing_id", "integer"],
      ["passenger_id", "integer"],
      ["port", "text"],
      ["departed_at", "timestamp"],
      ["fare", "numeric"],
    ],
    {
      primaryKey: ["crossing_id"],
    },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("the date a recency ranking orders by", () => {
  it("is the date the words after the cue name, sorting every row when the question ends in 'first'", async () => {
    await expectSql(
      AGENCY,
      {
        q: "List the workers, earliest hired on first.",
        has: ["ORDER BY w.hired_on", "LIMIT 1000"],
        not: ["IS NOT NULL"],
      },
      options,
    );
    await expectSql(
      FERRY,
      { q: "List the 5 latest crossings by departed at.", has: ["ORDER BY c.departed_at DESC", "LIMIT 5"] },
      options,
    );
  });
  it("is refused among several equally fitting dates, naming them", () => {
    const r = generateSql(AGENCY, "Who are the newest workers?", options);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.reason).toContain("workers.born_on, workers.hired_on");
  });
  it("is named after 'most recently' / 'least recently' (agency, ferry)", async () => {
    await expectSql(
      AGENCY,
      { q: "Who are the 2 most recently hired workers?", has: ["ORDER BY w.hired_on DESC", "LIMIT 2"] },
      options,
    );
    await expectSql(
      FERRY,
      { q: "Which 4 crossings departed least recently?", has: ["ORDER BY c.departed_at", "LIMIT 4"], not: ["DESC"] },
      options,
    );
  });
  it("prefers the date that says a row was created", async () => {
    await expectSql(
      FERRY,
      { q: "Show the 3 newest passengers.", has: ["ORDER BY p.registered_at DESC", "LIMIT 3"] },
      options,
    );
  });
});

describe("a recency ranking with a grouping it cannot keep", () => {
  it("is refused, never answered for all groups at once (agency, ferry)", () => {
    expect(generateSql(AGENCY, "Show the 3 most recent shifts for each worker", options).ok).toBe(false);
    expect(generateSql(FERRY, "List the 5 latest crossings by port.", options).ok).toBe(false);
  });
});

describe("'X first' sorts every row", () => {
  it("'by fare, highest first' keeps no top 10 (ferry)", async () => {
    await expectSql(FERRY, { q: "List the crossings by fare, highest first.", has: ["DESC", "LIMIT 1000"] }, options);
  });
});

describe("'the first/last <related row>'", () => {
  it("is refused: listing the subject would be a wrong answer (agency, ferry)", () => {
    expect(generateSql(AGENCY, "Which worker worked the first shift?", options).ok).toBe(false);
    expect(generateSql(FERRY, "Which passenger took the last crossing?", options).ok).toBe(false);
  });
});
