import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { CLINIC } from "../../../test/fixtures/catalogs/clinic";
import { perfectObjectAt } from "./clauses";
import { generateSql } from "./generate";
import { expectSql } from "./test-helpers";
import { tokenize } from "./tokens";

/**
 * Rows that have (or lack) related rows, said with any verb in the perfect ("vets that have treated
 * pets", "publishers who have not released any books"), and the answer's columns listed before the
 * clause. Two schemas: a veterinary clinic and a small publisher, keys read from their names.
 */

const PUBLISHER = catalog([
  table(
    "imprints",
    [
      ["imprint_id", "integer"],
      ["imprint_name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["imprint_id"] },
  ),
  table(
    "titles",
    [
      ["title_id", "integer"],
      ["imprint_id", "integer"],
      ["title", "text"],
      ["genre", "text"],
      ["rating", "numeric"],
    ],
    { primaryKey: ["title_id"], samples: { genre: ["poetry", "crime"] } },
  ),
]);

const options = { currentDate: "2026-06-15" };

describe("a participle in the perfect whose object is a table says related rows exist", () => {
  it("finds the object after auxiliaries, negations, prepositions and determiners", () => {
    const at = (q: string, word: string) => {
      const tokens = tokenize(q);
      const i = tokens.findIndex((t) => t.text === word);
      const j = perfectObjectAt(tokens, i);
      return j === undefined ? undefined : tokens[j]?.text;
    };
    expect(at("vets that have treated pets", "treated")).toBe("pets");
    expect(at("drugs that have not been used in any treatments", "used")).toBe("treatments");
    expect(at("imprints who have never released a title", "released")).toBe("title");
    // Not in the perfect: "treated pets" is an adjective, "released by" a passive agent.
    expect(at("list the treated pets", "treated")).toBeUndefined();
    expect(at("titles released by imprints", "released")).toBeUndefined();
  });

  it("EXISTS for 'that have <verb> <table>' (clinic)", async () => {
    await expectSql(
      CLINIC,
      { q: "List the vets that have performed visits.", has: ["FROM vets", "WHERE EXISTS (SELECT 1 FROM visits"] },
      options,
    );
  });

  it("EXISTS for 'who have <verb> <table>' (publisher)", async () => {
    await expectSql(
      PUBLISHER,
      { q: "List the imprints who have published crime titles.", has: ["FROM imprints", "JOIN titles", "'crime'"] },
      options,
    );
  });

  it("refuses when the verb's object is not read as the related table (publisher)", () => {
    // "titles" could also be read as a name column (title ~ name): answering with every imprint
    // would silently drop the clause.
    const r = generateSql(PUBLISHER, "Which imprints have published titles?", options);
    if (r.ok) expect(r.sql).toContain("titles");
  });

  it("NOT EXISTS for 'who have not <verb> any <table>' (clinic, publisher)", async () => {
    await expectSql(
      CLINIC,
      { q: "Return vets who have not handled any visits.", has: ["NOT EXISTS (SELECT 1 FROM visits"] },
      options,
    );
    await expectSql(
      PUBLISHER,
      {
        q: "Return the imprint IDs and names of imprints that have not been credited on any titles.",
        has: ["imprint_id", "imprint_name", "NOT EXISTS (SELECT 1 FROM titles"],
      },
      options,
    );
  });

  it("values before the object qualify the related rows (clinic, publisher)", async () => {
    await expectSql(
      CLINIC,
      { q: "List vets who have received billing alerts.", has: ["alerts", "'billing'"] },
      options,
    );
    await expectSql(
      PUBLISHER,
      { q: "Which imprints have printed poetry titles?", has: ["titles", "'poetry'"] },
      options,
    );
  });

  it("a verb that names a column is not read as mere existence (publisher)", () => {
    // "rated" is what titles.rating holds: the question is about ratings, not just about having titles.
    const r = generateSql(PUBLISHER, "Which imprints have rated titles?", options);
    if (r.ok) expect(r.sql).not.toMatch(/WHERE EXISTS \(SELECT 1 FROM titles t WHERE t\.imprint_id = i\.imprint_id\)/);
  });
});

describe("the answer's columns listed before the clause that picks its rows", () => {
  it("'Return the distinct list of <rows> IDs, first names and last names that …' (clinic)", async () => {
    await expectSql(
      CLINIC,
      {
        q: "Return the distinct list of vet IDs, first names and last names that have recorded visits.",
        has: ["v.id", "v.first_name", "v.last_name", "FROM vets v", "EXISTS (SELECT 1 FROM visits"],
      },
      options,
    );
  });

  it("'Return the distinct list of <rows> IDs and names that …' (publisher)", async () => {
    await expectSql(
      PUBLISHER,
      {
        q: "Return the distinct list of imprint IDs and names that have issued titles.",
        has: ["imprint_id", "imprint_name", "EXISTS (SELECT 1 FROM titles"],
      },
      options,
    );
  });
});

describe("'have <participle> a <noun>' names a nullable column spelled by both", () => {
  const SCHOOL = catalog([
    table(
      "programs",
      [
        ["program_id", "integer"],
        ["name", "text"],
      ],
      { primaryKey: ["program_id"] },
    ),
    table(
      "pupils",
      [
        ["pupil_id", "integer"],
        ["program_id", "integer"],
        ["declared_major", "text"],
      ],
      { primaryKey: ["pupil_id"] },
    ),
  ]);
  const STAFF = catalog([
    table(
      "employees",
      [
        ["employee_id", "integer"],
        ["team", "text"],
        ["signed_contract", "date"],
      ],
      { primaryKey: ["employee_id"] },
    ),
  ]);

  it("is present: IS NOT NULL (school, staff)", async () => {
    await expectSql(
      SCHOOL,
      { q: "How many pupils have declared a major in each program?", has: ["declared_major IS NOT NULL", "GROUP BY"] },
      options,
    );
    await expectSql(
      STAFF,
      { q: "How many employees have signed a contract in each team?", has: ["signed_contract IS NOT NULL"] },
      options,
    );
  });
});

describe("a participle right after a table noun only says how the rows relate", () => {
  it("'<rows> <participle> in/by …' inside a clause about related rows (clinic, publisher)", async () => {
    await expectSql(
      PUBLISHER,
      {
        q: 'How many imprints have titles published in the genre "crime"?',
        has: ["FROM imprints", "'crime'"],
      },
      options,
    );
    await expectSql(CLINIC, { q: "How many vets have alerts sent for billing?", has: ["vets", "'billing'"] }, options);
  });
});

describe("a verb between two table nouns says the subject's rows have related rows", () => {
  it("'Which <rows> <verb> <table>' with a linking verb (clinic, publisher)", async () => {
    await expectSql(
      CLINIC,
      { q: "Which vets handle visits?", has: ["FROM vets", "EXISTS (SELECT 1 FROM visits"] },
      options,
    );
    await expectSql(
      PUBLISHER,
      { q: "Which imprints publish crime titles?", has: ["FROM imprints", "titles", "'crime'"] },
      options,
    );
  });

  it("declines a verb the data does not record, unless a comment uses it (clinic, publisher)", () => {
    expect(generateSql(CLINIC, "Which vets praised visits?", options).ok).toBe(false);
    expect(generateSql(PUBLISHER, "Which imprints have admired titles?", options).ok).toBe(false);
  });
});

describe("'Which X have <verb> Y …, and how many Y have they <verb>?' counts Y for each X", () => {
  it("groups the count by the listed rows (clinic, publisher)", async () => {
    const vets = await expectSql(
      CLINIC,
      {
        q: "Which vets have performed visits and how many visits have they performed?",
        has: ["FROM visits", "JOIN vets", "COUNT(*) AS visit_count", "GROUP BY 1, 2"],
      },
      options,
    );
    // The noun naming the counted rows is not the state of their visit_date.
    expect(vets).not.toMatch(/IS NOT NULL/);
    await expectSql(
      PUBLISHER,
      {
        q: "Which imprints have published crime titles and how many titles have they published?",
        has: ["i.imprint_name", "COUNT(*) AS title_count", "t.genre = 'crime'", "GROUP BY 1"],
      },
      options,
    );
  });

  it("leaves a count of the listed rows themselves alone (clinic, publisher)", () => {
    for (const [c, q] of [
      [CLINIC, "Which vets have performed visits and how many vets are there?"],
      [PUBLISHER, "Which imprints have published crime titles and how many imprints are there?"],
    ] as const) {
      const r = generateSql(c, q, options);
      if (r.ok) expect(r.sql).not.toMatch(/GROUP BY/);
    }
  });
});

describe("a linking verb closing a count after its group's noun only relates the rows", () => {
  it("answers 'How many titles has each imprint published?' (publisher) and refuses a verb naming a column", async () => {
    await expectSql(
      PUBLISHER,
      { q: "How many titles has each imprint published?", has: ["i.imprint_name", "COUNT(*) AS title_count"] },
      options,
    );
    const r = generateSql(PUBLISHER, "How many titles has each imprint rated?", options);
    expect(r.ok ? r.sql : r.reason).toMatch(/rating/);
  });
});
