import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { letterValue } from "./bindings";
import { namesDataSet } from "./explained";
import { eventTable } from "./measures";
import { resolveContext } from "./stage-helpers";
import { expectSql } from "./test-helpers";
import { tokenize } from "./tokens";

// Words a stranger's question uses for values and events: a number inside a label ("PEGI-16"), a
// single letter ("rated M", "blood type O"), "in the catalog", and a participle that names the
// table of its events ("played the most times", "visited more than 3 times"). Two invented schemas.

const ARCADE = catalog([
  table(
    "games",
    [
      ["game_id", "integer"],
      ["title", "text"],
      ["rating", "text"],
      ["age_band", "text"],
    ],
    { primaryKey: ["game_id"], samples: { rating: ["E", "T", "M"], age_band: ["PEGI-12", "PEGI-16", "PEGI-18"] } },
  ),
  table(
    "players",
    [
      ["player_id", "integer"],
      ["nickname", "text"],
    ],
    { primaryKey: ["player_id"] },
  ),
  table(
    "plays",
    [
      ["play_id", "integer"],
      ["game_id", "integer"],
      ["player_id", "integer"],
      ["played_on", "date"],
    ],
    { primaryKey: ["play_id"] },
  ),
]);

const WARDS = catalog([
  table(
    "wards",
    [
      ["ward_id", "integer"],
      ["name", "text"],
    ],
    { primaryKey: ["ward_id"], samples: { name: ["Ward-7", "Ward-12", "Ward-20"] } },
  ),
  table(
    "patients",
    [
      ["patient_id", "integer"],
      ["full_name", "text"],
      ["blood_type", "text"],
    ],
    { primaryKey: ["patient_id"], samples: { blood_type: ["A", "B", "AB", "O"] } },
  ),
  table(
    "visits",
    [
      ["visit_id", "integer"],
      ["patient_id", "integer"],
      ["ward_id", "integer"],
      ["visited_on", "date"],
    ],
    { primaryKey: ["visit_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("a number inside a value", () => {
  it("is part of the label it is written in (arcade)", async () => {
    await expectSql(
      ARCADE,
      { q: "How many games are in age band PEGI-16?", has: ["WHERE g.age_band = 'PEGI-16'"] },
      options,
    );
  });

  it("is part of the label it is written in (wards)", async () => {
    await expectSql(WARDS, { q: "How many visits were there to Ward-12?", has: ["WHERE w.name = 'Ward-12'"] }, options);
  });
});

describe("a single letter after the column it is a value of", () => {
  it("is that column's value only when the column holds it", () => {
    const ctx = resolveContext(WARDS);
    const tokens = tokenize("patients with blood type O");
    expect(letterValue(ctx, tokens, tokens[4] as never).map((p) => p.value)).toEqual(["O"]);
    const other = tokenize("patients with blood type X");
    expect(letterValue(ctx, other, other[4] as never)).toEqual([]);
  });

  it("filters the rows (arcade)", async () => {
    await expectSql(ARCADE, { q: "List the games rated M.", has: ["WHERE g.rating = 'M'"] }, options);
  });

  it("filters the rows (wards)", async () => {
    await expectSql(WARDS, { q: "How many patients have blood type O?", has: ["WHERE p.blood_type = 'O'"] }, options);
  });
});

describe("words for the whole data set", () => {
  it("say nothing about which rows, unless the schema uses them as names", () => {
    const [word] = tokenize("catalog");
    expect(namesDataSet(resolveContext(ARCADE), word as never)).toBe(true);
    const shop = catalog([table("catalog", [["item_id", "integer"]])]);
    expect(namesDataSet(resolveContext(shop), word as never)).toBe(false);
  });

  it("are read past (arcade and wards)", async () => {
    await expectSql(ARCADE, { q: "How many games are in the catalog?", has: ["COUNT(*)", "FROM games g"] }, options);
    await expectSql(
      WARDS,
      { q: "How many patients are in the database?", has: ["COUNT(*)", "FROM patients p"] },
      options,
    );
  });
});

describe("a participle naming the table of its events", () => {
  it("finds the one table named so", () => {
    const played = eventTable(resolveContext(ARCADE), tokenize("which game was played the most"));
    expect(played?.table.table.name).toBe("plays");
    const visited = eventTable(resolveContext(WARDS), tokenize("patients who visited twice"));
    expect(visited?.table.table.name).toBe("visits");
    expect(eventTable(resolveContext(WARDS), tokenize("patients named Ann"))).toBeUndefined();
  });

  it("counts its rows to rank (arcade)", async () => {
    await expectSql(
      ARCADE,
      {
        q: "Which game has been played the most times?",
        has: ["COUNT(*) AS play_count", "FROM plays p JOIN games g", "LIMIT 1"],
      },
      options,
    );
    await expectSql(
      ARCADE,
      { q: "Which 3 players have played the most?", has: ["COUNT(*) AS play_count", "LIMIT 3"] },
      options,
    );
  });

  it("counts its rows to rank and to compare (wards)", async () => {
    await expectSql(
      WARDS,
      { q: "Which patient has visited the most times?", has: ["COUNT(*) AS visit_count", "LIMIT 1"] },
      options,
    );
    await expectSql(
      WARDS,
      {
        q: "Which patients have visited more than 3 times?",
        has: ["HAVING COUNT(DISTINCT v.visit_id) > 3"],
        not: ["IS NOT NULL"],
      },
      options,
    );
    await expectSql(
      ARCADE,
      {
        q: "Which players have played more than 5 times?",
        has: ["HAVING COUNT(DISTINCT p", ") > 5"],
        not: ["IS NOT NULL"],
      },
      options,
    );
  });
});
