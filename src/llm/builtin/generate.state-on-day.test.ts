import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "permits valid on 1 July 2026" took the permits whose valid_from was that very day: a word of a
 * state and a single day ask which rows were in that state then, begun by the day and not ended
 * before it, from the rows' one pair of start and end dates. An event on the day ("issued today")
 * stays an event. Schemas: an insurer's policies and a club's memberships, invented here.
 */

const POLICIES = catalog([
  table(
    "policies",
    [
      ["policy_id", "integer"],
      ["holder_nm", "text"],
      ["issued_dt", "date"],
      ["effective_dt", "date"],
      ["expiry_dt", "date"],
      ["premium_amt", "numeric"],
    ],
    { primaryKey: ["policy_id"] },
  ),
]);

const CLUB = catalog([
  table(
    "memberships",
    [
      ["membership_id", "integer"],
      ["member_nm", "text"],
      ["joined_on", "date"],
      ["left_on", "date"],
    ],
    { primaryKey: ["membership_id"] },
  ),
  table(
    "guest_passes",
    [
      ["pass_id", "integer"],
      ["guest_nm", "text"],
      ["valid_from", "date"],
      ["valid_until", "date"],
    ],
    { primaryKey: ["pass_id"] },
  ),
  table(
    "lockers",
    [
      ["locker_id", "integer"],
      ["assigned_dt", "date"],
    ],
    { primaryKey: ["locker_id"] },
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("a state on a day is begun by it and not ended before it", () => {
  it("policies: 'in force on 1 March 2026' spans effective_dt and expiry_dt; 'issued today' is the event", async () => {
    await expectSql(
      POLICIES,
      {
        q: "how many policies were in force on 1 March 2026",
        has: ["p.effective_dt < DATE '2026-03-02'", "(p.expiry_dt IS NULL OR p.expiry_dt >= DATE '2026-03-01')"],
      },
      options,
    );
    await expectSql(
      POLICIES,
      { q: "total premium of policies valid today", has: ["p.effective_dt < DATE '2026-12-08'"] },
      options,
    );
    await expectSql(
      POLICIES,
      { q: "policies issued today", has: ["p.issued_dt >= DATE '2026-12-07'"], not: ["expiry_dt"] },
      options,
    );
  });

  it("club: 'active on 2025-06-30' and 'valid on 2026-01-15' span their pairs; a state without a pair is refused", async () => {
    await expectSql(
      CLUB,
      {
        q: "memberships active on 2025-06-30",
        has: ["m.joined_on < DATE '2025-07-01'", "(m.left_on IS NULL OR m.left_on >= DATE '2025-06-30')"],
      },
      options,
    );
    // was read as passes whose valid_from is that very day
    await expectSql(
      CLUB,
      {
        q: "guest passes valid on 2026-01-15",
        has: ["gp.valid_from < DATE '2026-01-16'", "(gp.valid_until IS NULL OR gp.valid_until >= DATE '2026-01-15')"],
      },
      options,
    );
    expectDeclined(CLUB, "lockers valid today", options, /takes one start and one end date of lockers/);
  });
});
