import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * A plural noun naming a table whole names its rows: a number column carrying the noun among other
 * words (plays.ms_played, claims.claim_amt, tracks.track_no) is not what it measures. A record label
 * and an insurer.
 */

const LABEL = catalog([
  table(
    "albums",
    [
      ["id", "integer"],
      ["title", "text"],
      ["released_on", "date"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    table(
      "tracks",
      [
        ["id", "integer"],
        ["album_id", "integer"],
        ["title", "text"],
        ["track_no", "integer"],
        ["explicit", "boolean"],
      ],
      { primaryKey: ["id"] },
    ),
    "album_id",
    "albums",
    "id",
  ),
  table(
    "listeners",
    [
      ["id", "integer"],
      ["username", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    table(
      "plays",
      [
        ["id", "integer"],
        ["listener_id", "integer"],
        ["ms_played", "integer"],
        ["played_at", "timestamp"],
      ],
      { primaryKey: ["id"] },
    ),
    "listener_id",
    "listeners",
    "id",
  ),
]);

const INSURER = catalog([
  table(
    "adjusters",
    [
      ["id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["id"] },
  ),
  withForeignKey(
    table(
      "claims",
      [
        ["id", "integer"],
        ["adjuster_id", "integer"],
        ["claim_amt", "numeric"],
        ["filed_dt", "date"],
      ],
      { primaryKey: ["id"] },
    ),
    "adjuster_id",
    "adjusters",
    "id",
  ),
  table(
    "ratings",
    [
      ["id", "integer"],
      ["adjuster_id", "integer"],
      ["rating", "integer"],
    ],
    { primaryKey: ["id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a plural table noun is counted, not read from a column carrying it", () => {
  it("label: explicit tracks on each album are counted, not SUM(track_no)", () =>
    expectSql(
      LABEL,
      {
        q: "how many explicit tracks are on each album",
        has: ["COUNT(*) AS track_count", "t.explicit = true"],
        not: ["track_no"],
      },
      options,
    ));
  it("insurer: claims filed per month are counted, not SUM(claim_amt)", () =>
    expectSql(INSURER, { q: "claims filed per month", has: ["COUNT(*) AS claim_count"], not: ["claim_amt"] }, options));
  it("an average of such rows per group (an average of counts) is declined, not AVG of the column", () => {
    expectDeclined(LABEL, "average plays per listener", options);
    expectDeclined(INSURER, "average claims per adjuster", options);
  });
  it("a column named just the noun is still its measure: average ratings", () =>
    expectSql(INSURER, { q: "average ratings", has: ["AVG(r.rating)"] }, options));
});
