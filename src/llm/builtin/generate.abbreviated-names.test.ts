import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * Names written "nm" (city_nm, dept_nm) are names: the label a grouping shows and the column a
 * value of a name filters, never a time zone or a cost centre beside them. A ride service, a
 * recruiter, a trial register and a publisher.
 */

/** Facts pointing at a lookup whose name is abbreviated, beside another unsampled text column. */
function factsByLookup(facts: string, lookup: string, code: string, name: string, other: string) {
  return catalog([
    table(
      lookup,
      [
        [code, "text"],
        [name, "text"],
        [other, "text"],
      ],
      { primaryKey: [code], samples: { [name]: ["North", "South"] } },
    ),
    withForeignKey(
      table(
        facts,
        [
          ["id", "integer"],
          [code, "text"],
          ["amount_amt", "numeric"],
        ],
        { primaryKey: ["id"] },
      ),
      code,
      lookup,
      code,
    ),
  ]);
}

const RIDES = factsByLookup("trips", "cities", "city_cd", "city_nm", "tz_nm");
const HIRING = factsByLookup("jobs", "departments", "dept_cd", "dept_nm", "cost_center");

/** Rows with an agent named in an abbreviated column. */
function sponsored(rows: string, agent: string, value: string) {
  return catalog([
    table(
      rows,
      [
        ["id", "integer"],
        ["title", "text"],
        [agent, "text"],
      ],
      { primaryKey: ["id"], samples: { [agent]: [value, "Other Co"] } },
    ),
  ]);
}

const TRIALS = sponsored("studies", "sponsor_nm", "Novaris");
const PUBLISHER = sponsored("books", "publisher_nm", "Harbor Press");

/** A table with a label named for its own noun, and the rows elsewhere that use it. */
function tagsAndUses(tags: string, uses: string) {
  const one = tags.replace(/s$/, "");
  return catalog([
    table(
      tags,
      [
        [`${one}_id`, "integer"],
        [`${one}_nm`, "text"],
      ],
      { primaryKey: [`${one}_id`] },
    ),
    withForeignKey(
      table(
        uses,
        [
          ["id", "integer"],
          [`${one}_id`, "integer"],
        ],
        { primaryKey: ["id"] },
      ),
      `${one}_id`,
      tags,
      `${one}_id`,
    ),
  ]);
}

const TRACKER = tagsAndUses("labels", "issue_labels");
const BLOG = tagsAndUses("tags", "post_tags");
const DIRECTORY = catalog([
  table(
    "members",
    [
      ["member_id", "integer"],
      ["member_nm", "text"],
      ["joined_dt", "date"],
      ["referred_by_member_id", "integer"],
    ],
    { primaryKey: ["member_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("an abbreviated name is the label a grouping shows", () => {
  it("rides: trips per city show the city's name, not its time zone", () =>
    expectSql(RIDES, { q: "number of trips per city", has: ["c.city_nm"], not: ["tz_nm"] }, options));
  it("hiring: jobs per department show the department's name, not its cost centre", () =>
    expectSql(HIRING, { q: "number of jobs per department", has: ["d.dept_nm"], not: ["cost_center"] }, options));
});

describe("a participle with its agent relates the rows listed to the value", () => {
  it("trials and publisher: rows sponsored or published by a named agent", async () => {
    await expectSql(
      TRIALS,
      { q: "studies sponsored by Novaris", has: ["FROM studies s", "s.sponsor_nm = 'Novaris'"] },
      options,
    );
    await expectSql(
      PUBLISHER,
      { q: "books published by Harbor Press", has: ["FROM books b", "b.publisher_nm = 'Harbor Press'"] },
      options,
    );
  });
});

describe("rows counted per their own key or own name are refused: each counts once", () => {
  it("tracker and directory: counted per their own name or key", () => {
    expectDeclined(TRACKER, "most used label", options, /each would count once/);
    expectDeclined(DIRECTORY, "how many members per member", options, /each would count once/);
  });
  it("the uses, when named, are counted per label (tracker, blog)", async () => {
    await expectSql(TRACKER, { q: "number of issue labels per label", has: ["COUNT(*)", "JOIN labels"] }, options);
    await expectSql(BLOG, { q: "number of post tags per tag", has: ["COUNT(*)", "JOIN tags"] }, options);
  });
});
