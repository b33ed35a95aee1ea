import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { resolveContext, tableOf } from "./stage-helpers";
import { expectSql } from "./test-helpers";
import { tokenize } from "./tokens";
import { columnUnit, inColumnUnit } from "./units";

// Units of measure: a column named by what it measures ("longest" finds duration_seconds), a number
// in another unit converted to the column's ("longer than 1 hour" → 3600 seconds), and a unit that
// cannot be told refused. Two invented schemas: a podcast host and a parcel service.

const PODCAST = catalog([
  table(
    "episodes",
    [
      ["episode_id", "integer"],
      ["title", "text"],
      ["duration_seconds", "integer"],
      ["size_bytes", "bigint"],
      ["listens", "integer"],
    ],
    { primaryKey: ["episode_id"] },
  ),
]);

const parcels = table(
  "parcels",
  [
    ["parcel_id", "integer"],
    ["label", "text"],
    ["weight_kg", "numeric"],
    ["postage", "numeric"],
    ["length", "numeric"],
  ],
  { primaryKey: ["parcel_id"] },
);
(parcels.columns[3] as { comment?: string }).comment = "Postage paid, in USD";
const PARCELS = catalog([parcels]);

const options = { currentDate: "2026-06-30" };

describe("a column's unit", () => {
  it("is read from its name's last word or from 'in <unit>' in its comment", () => {
    const podcast = tableOf(resolveContext(PODCAST), "episodes");
    expect(columnUnit(podcast.column("duration_seconds") as never)).toEqual({ quantity: "duration", factor: 1 });
    expect(columnUnit(podcast.column("listens") as never)).toBeUndefined();
    const parcel = tableOf(resolveContext(PARCELS), "parcels");
    expect(columnUnit(parcel.column("postage") as never)).toEqual({ quantity: "money", factor: 1 });
    expect(columnUnit(parcel.column("length") as never)).toBeUndefined();
  });

  it("converts a compared number, or says why not", () => {
    const parcel = tableOf(resolveContext(PARCELS), "parcels");
    const base = { op: ">" as const, before: [], after: [], cue: tokenize("over")[0] as never };
    const grams = { ...base, value: 500, unit: "grams", text: "over 500 grams" };
    expect(inColumnUnit(grams, parcel.column("weight_kg") as never)).toMatchObject({ value: 0.5 });
    expect(inColumnUnit(grams, parcel.column("postage") as never)).toContain("how to compare parcels.postage");
    expect(inColumnUnit({ ...grams, unit: "hours" }, parcel.column("length") as never)).toContain(
      "which unit parcels.length holds",
    );
  });
});

describe("a quantity named by what it measures", () => {
  it("ranks by the column measuring it (podcast)", async () => {
    await expectSql(
      PODCAST,
      { q: "What are the 3 longest episodes?", has: ["ORDER BY duration_seconds DESC", "LIMIT 3"] },
      options,
    );
    await expectSql(
      PODCAST,
      { q: "Show the 2 largest episodes by size.", has: ["e.size_bytes", "DESC", "LIMIT 2"], not: ["listens"] },
      options,
    );
  });

  it("ranks by the column measuring it (parcels)", async () => {
    await expectSql(
      PARCELS,
      { q: "What are the 3 heaviest parcels?", has: ["ORDER BY weight_kg DESC", "LIMIT 3"] },
      options,
    );
  });
});

describe("a number in another unit than the column's", () => {
  it("is converted (podcast)", async () => {
    await expectSql(
      PODCAST,
      { q: "How many episodes are longer than 1 hour?", has: ["WHERE e.duration_seconds > 3600"] },
      options,
    );
    await expectSql(
      PODCAST,
      {
        q: "List the episodes shorter than 2 minutes, longest first.",
        has: ["WHERE e.duration_seconds < 120", "ORDER BY duration_seconds DESC"],
      },
      options,
    );
  });

  it("is converted, and a column of unknown unit is refused (parcels)", async () => {
    await expectSql(
      PARCELS,
      { q: "How many parcels are heavier than 500 grams?", has: ["WHERE p.weight_kg > 0.5"] },
      options,
    );
    await expectSql(
      PARCELS,
      { q: "Which parcels have postage under 50 cents?", has: ["WHERE p.postage < 0.5"], not: ["SUM("] },
      options,
    );
    const r = generateSql(PARCELS, "Which parcels are longer than 2 hours?", options);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain("which unit parcels.length holds");
  });
});
