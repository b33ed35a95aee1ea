import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "accounts whose every invoice was paid" listed accounts with some paid invoice, "issues created and
 * resolved on the same day" listed issues with both dates set: a condition on every related row, or
 * two columns compared with each other, is refused rather than answered as a join or two filters.
 * "for every <noun>" that only groups stays answered. Schemas: a school and a courier, invented here.
 */

const SCHOOL = catalog([
  table(
    "pupils",
    [
      ["pupil_id", "integer"],
      ["pupil_nm", "text"],
      ["form_cd", "text"],
    ],
    { primaryKey: ["pupil_id"], samples: { form_cd: ["7A", "7B"] } },
  ),
  withForeignKey(
    table(
      "homeworks",
      [
        ["hw_id", "integer"],
        ["pupil_id", "integer"],
        ["hw_state", "text"],
        ["set_dt", "date"],
        ["handed_in_dt", "date"],
      ],
      { primaryKey: ["hw_id"], samples: { hw_state: ["handed_in", "late", "missing"] } },
    ),
    "pupil_id",
    "pupils",
    "pupil_id",
  ),
]);

const COURIER = catalog([
  table(
    "senders",
    [
      ["shipper_id", "integer"],
      ["sender_name", "text"],
      ["city", "text"],
    ],
    { primaryKey: ["shipper_id"], samples: { city: ["Porto", "Braga"] } },
  ),
  withForeignKey(
    table(
      "parcels",
      [
        ["parcel_id", "integer"],
        ["shipper_id", "integer"],
        ["parcel_status", "text"],
        ["posted_at", "timestamp"],
        ["dropped_at", "timestamp"],
      ],
      { primaryKey: ["parcel_id"], samples: { parcel_status: ["delivered", "lost", "returned"] } },
    ),
    "shipper_id",
    "senders",
    "shipper_id",
  ),
]);

const options = { currentDate: "2026-12-07" };
const EVERY = /conditions on every related row/;
const SAME = /comparisons of two columns or rows/;

describe("conditions on every related row and comparisons of two columns are refused", () => {
  it("school: every homework, all their homeworks and 'the same day' are refused; 'for every pupil' groups", async () => {
    expectDeclined(SCHOOL, "pupils whose every homework was handed in", options, EVERY);
    expectDeclined(SCHOOL, "pupils who were late for every homework they were set", options, EVERY);
    expectDeclined(SCHOOL, "homeworks set and handed in on the same day", options, SAME);
    await expectSql(SCHOOL, { q: "number of homeworks for every pupil", has: ["COUNT(*) AS homework_count"] }, options);
  });

  it("courier: every parcel, all of their parcels and 'the same day' are refused; 'for each sender' groups", async () => {
    expectDeclined(COURIER, "senders whose every parcel was delivered", options, EVERY);
    expectDeclined(COURIER, "senders with all of their parcels lost", options);
    expectDeclined(COURIER, "parcels posted and dropped on the same day", options, SAME);
    expectDeclined(COURIER, "senders who had every parcel returned", options, EVERY);
    await expectSql(COURIER, { q: "how many parcels for each sender", has: ["COUNT(*) AS parcel_count"] }, options);
    // a pronoun after "does" opens a clause of the question's own, not one narrowing the noun
    await expectSql(
      COURIER,
      { q: "for each sender, what percentage of all parcels does it account for", has: ["AS pct_of_total"] },
      options,
    );
  });
});
