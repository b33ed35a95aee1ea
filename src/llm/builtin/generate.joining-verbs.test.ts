import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * Which date a verb of joining or enrolling names: the rows' own start, unless the verb names a
 * table of such events on the way to what the question names. A freight broker, a club, a school
 * and a bootcamp.
 */

function withEvents(owner: string, ownerDate: string, events: string, eventDate: string) {
  return catalog([
    table(
      owner,
      [
        ["id", "integer"],
        ["name", "text"],
        [ownerDate, "date"],
      ],
      { primaryKey: ["id"] },
    ),
    withForeignKey(
      table(
        events,
        [
          ["id", "integer"],
          [`${owner.replace(/s$/, "")}_id`, "integer"],
          [eventDate, "timestamp"],
          ["amount", "numeric"],
        ],
        { primaryKey: ["id"] },
      ),
      `${owner.replace(/s$/, "")}_id`,
      owner,
      "id",
    ),
  ]);
}

const BROKER = withEvents("clients", "since_dt", "shipments", "created_ts");
const CLUB = withEvents("members", "start_dt", "bookings", "created_at");
// No related date a synonym of joining reaches: the verb is read by the rows' own date alone.
const LIBRARY = withEvents("readers", "since_dt", "loans", "loaned_ts");
const GYM = withEvents("members", "start_dt", "visits", "visited_at");

function courses(learners: string) {
  const one = learners.replace(/s$/, "");
  return catalog([
    table(
      learners,
      [
        ["id", "integer"],
        ["name", "text"],
        ["enrolled_on", "date"],
      ],
      { primaryKey: ["id"] },
    ),
    table(
      "courses",
      [
        ["id", "integer"],
        ["title", "text"],
      ],
      { primaryKey: ["id"], samples: { title: ["Algebra I", "Python Basics"] } },
    ),
    withForeignKey(
      withForeignKey(
        table(
          "enrollments",
          [
            ["id", "integer"],
            [`${one}_id`, "integer"],
            ["course_id", "integer"],
            ["enrolled_at", "timestamp"],
          ],
          { primaryKey: ["id"] },
        ),
        `${one}_id`,
        learners,
        "id",
      ),
      "course_id",
      "courses",
      "id",
    ),
  ]);
}

const SCHOOL = courses("students");
const BOOTCAMP = courses("learners");

const options = { currentDate: "2026-06-30" };

describe("joining is dated on the rows themselves, not on a related date a synonym reaches", () => {
  it("broker: clients who joined before 2020", () =>
    expectSql(
      BROKER,
      { q: "clients who joined before 2020", has: ["WHERE c.since_dt < DATE '2020-01-01'"], not: ["created_ts"] },
      options,
    ));
  it("club: how many members signed up in 2025", () =>
    expectSql(
      CLUB,
      { q: "how many members signed up in 2025", has: ["m.start_dt >= DATE '2025-01-01'"], not: ["created_at"] },
      options,
    ));
  it("library and gym: the verb alone is read by the rows' own start", async () => {
    await expectSql(LIBRARY, { q: "readers who joined in 2024", has: ["r.since_dt >= DATE '2024-01-01'"] }, options);
    await expectSql(
      GYM,
      { q: "how many members joined last month", has: ["m.start_dt >= DATE '2026-05-01'"], not: ["visited_at"] },
      options,
    );
  });
});

describe("a verb naming a table of its events dates them when the question goes through it", () => {
  it("school: students who enrolled in Algebra I last month use the enrollment's date", async () => {
    await expectSql(
      SCHOOL,
      {
        q: "students who enrolled in Algebra I last month",
        has: ["c.title = 'Algebra I'", "e.enrolled_at >= DATE '2026-05-01'"],
        not: ["s.enrolled_on"],
      },
      options,
    );
    // With no course named, the students' own enrolment date stays.
    await expectSql(
      SCHOOL,
      { q: "students enrolled last month", has: ["s.enrolled_on >= DATE '2026-05-01'"] },
      options,
    );
  });
  it("bootcamp: learners who enrolled in Python Basics in 2025", () =>
    expectSql(
      BOOTCAMP,
      {
        q: "learners who enrolled in Python Basics in 2025",
        has: ["c.title = 'Python Basics'", "e.enrolled_at >= DATE '2025-01-01'"],
        not: ["l.enrolled_on"],
      },
      options,
    ));
});
