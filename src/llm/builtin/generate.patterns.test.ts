import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { CLINIC } from "../../../test/fixtures/catalogs/clinic";
import { generateSql } from "./generate";
import { likePattern, patternFrame } from "./patterns";
import { expectSql } from "./test-helpers";
import { tokenize } from "./tokens";

/**
 * Quoted text matched as part of a value ("names starting with 'J'", "'Press' in its name"): a
 * case-insensitive LIKE on the column the words name. Two schemas: a veterinary clinic and a small
 * publisher.
 */

const PUBLISHER = catalog([
  table(
    "imprints",
    [
      ["imprint_id", "integer"],
      ["name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["imprint_id"] },
  ),
  table(
    "books",
    [
      ["book_id", "integer"],
      ["imprint_id", "integer"],
      ["title", "text"],
      ["pages", "integer"],
    ],
    { primaryKey: ["book_id"] },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("pattern frames around a quoted literal", () => {
  const frame = (q: string) => {
    const tokens = tokenize(q);
    const at = tokens.findIndex((t) => t.kind === "quoted");
    const f = patternFrame(tokens, at);
    return f === undefined ? undefined : { kind: f.kind, names: f.nameWords.map((t) => t.text) };
  };

  it("reads starts/ends/contains and 'with X in its name'", () => {
    expect(frame(`journals whose names start with the letter "J"`)).toEqual({
      kind: "prefix",
      names: ["journals", "names"],
    });
    expect(frame(`vets with an email ending with "@clinic.org"`)).toEqual({ kind: "suffix", names: ["vets", "email"] });
    expect(frame(`titles containing "war"`)).toEqual({ kind: "contains", names: ["titles"] });
    expect(frame(`the imprint with "Press" in its name`)).toEqual({ kind: "contains", names: ["imprint", "name"] });
    expect(frame(`the imprint "Press"`)).toBeUndefined();
  });

  it("escapes the literal's own wildcards", () => {
    expect(likePattern("prefix", "50%_off")).toBe("50\\%\\_off%");
    expect(likePattern("contains", "a\\b")).toBe("%a\\\\b%");
  });
});

describe("pattern filters in questions", () => {
  it("prefix on a named column (clinic) and on a table's name (publisher)", async () => {
    await expectSql(
      CLINIC,
      {
        q: `How many visits are there for vets whose last names start with "Mc"?`,
        has: ["JOIN vets", ".last_name ILIKE 'Mc%'"],
      },
      options,
    );
    await expectSql(
      PUBLISHER,
      {
        q: `How many books are from imprints whose names begin with "North"?`,
        has: ["ILIKE 'North%'", "JOIN imprints"],
      },
      options,
    );
  });

  it("suffix and contains (clinic, publisher)", async () => {
    await expectSql(
      CLINIC,
      { q: `List vets with an email ending with "@clinic.org".`, has: ["email ILIKE '%@clinic.org'"] },
      options,
    );
    await expectSql(
      PUBLISHER,
      { q: `How many books are from the imprint with "Press" in its name?`, has: ["ILIKE '%Press%'"] },
      options,
    );
    await expectSql(PUBLISHER, { q: `List books whose title contains "war".`, has: ["title ILIKE '%war%'"] }, options);
  });

  it("refuses a frame whose column cannot be told", () => {
    const r = generateSql(PUBLISHER, `How many books have something that starts with "A"?`, options);
    expect(r.ok).toBe(false);
  });
});
