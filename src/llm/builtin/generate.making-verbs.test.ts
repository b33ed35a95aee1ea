import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "orders placed this month" kept only orders still 'placed'; "batches brewed in tank 3" only those
 * still 'brewing'. A verb of a row's making after its noun says the row was made, not that it is in
 * its first status; a past participle is not a state still going on ('-ing'). After "is"/"are", and
 * before the noun, the words stay the status. Schemas: a print shop and an insurer, invented here.
 */

const PRINT = catalog([
  table(
    "print_jobs",
    [
      ["job_id", "integer"],
      ["customer_nm", "text"],
      ["job_state", "text"],
      ["job_dt", "date"],
      ["pages", "integer"],
      ["laminated_dt", "date"],
    ],
    {
      primaryKey: ["job_id"],
      samples: { job_state: ["logged", "laminating", "collected"], customer_nm: ["Ada Shaw", "Bo Lind"] },
    },
  ),
]);

const INSURER = catalog([
  table(
    "claims",
    [
      ["claim_id", "integer"],
      ["policy_no", "text"],
      ["claim_state", "text"],
      ["incident_dt", "date"],
      ["lodged_on", "date"],
      ["claim_amt", "numeric"],
    ],
    { primaryKey: ["claim_id"], samples: { claim_state: ["lodged", "assessing", "settled", "declined"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("verbs of a row's making and finished events are not a status", () => {
  it("print shop: 'jobs logged this week' and 'jobs laminated' keep every state; 'logged jobs' filters", async () => {
    await expectSql(
      PRINT,
      { q: "how many print jobs were logged this week", has: ["job_dt >= DATE '2026-12-07'"], not: ["job_state"] },
      options,
    );
    await expectSql(PRINT, { q: "total pages printed in 2025", has: ["SUM(pj.pages)"], not: ["job_state"] }, options);
    await expectSql(PRINT, { q: "logged print jobs", has: ["job_state = 'logged'"] }, options);
    await expectSql(PRINT, { q: "how many print jobs are laminating", has: ["job_state = 'laminating'"] }, options);
    await expectSql(
      PRINT,
      { q: "how many print jobs were laminated", has: ["laminated_dt IS NOT NULL"], not: ["job_state"] },
      options,
    );
  });

  it("insurer: 'claims lodged in 2025' and 'the largest claim ever lodged' keep every state; 'are lodged' filters", async () => {
    await expectSql(
      INSURER,
      { q: "claims lodged in 2025", has: ["lodged_on >= DATE '2025-01-01'"], not: ["claim_state"] },
      options,
    );
    await expectSql(INSURER, { q: "largest claim ever lodged", has: ["claim_amt"], not: ["claim_state"] }, options);
    await expectSql(INSURER, { q: "how many claims are lodged", has: ["claim_state = 'lodged'"] }, options);
    // a finished assessment is not the state 'assessing'; with no column saying when, it is refused
    expectDeclined(INSURER, "how many claims were assessed", options);
  });
});
