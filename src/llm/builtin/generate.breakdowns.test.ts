import { describe, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "breakdown of denial reasons" listed each reason once: a breakdown asks for a figure per group, so
 * a query without groups is refused; one that names what is counted per group stays answered. Schemas: a help desk and a kennel, invented here.
 */

const HELPDESK = catalog([
  table(
    "tickets",
    [
      ["ticket_id", "integer"],
      ["close_code", "text"],
      ["channel", "text"],
      ["opened_ts", "timestamp"],
    ],
    {
      primaryKey: ["ticket_id"],
      samples: { close_code: ["fixed", "duplicate", "wontfix"], channel: ["phone", "chat"] },
    },
  ),
]);

const KENNEL = catalog([
  table(
    "dogs",
    [
      ["dog_id", "integer"],
      ["dog_nm", "text"],
      ["breed", "text"],
      ["size_band", "text"],
    ],
    { primaryKey: ["dog_id"], samples: { breed: ["Beagle", "Whippet"], size_band: ["small", "medium", "large"] } },
  ),
]);

const options = { currentDate: "2026-12-07" };
const NO_GROUPS = /a breakdown gives a figure per group/;

describe("a breakdown without groups is refused", () => {
  it("help desk: 'breakdown of close codes' is refused; 'tickets by close code breakdown' counts", async () => {
    expectDeclined(HELPDESK, "breakdown of close codes", options, NO_GROUPS);
    expectDeclined(HELPDESK, "close code breakdown for chat tickets", options, NO_GROUPS);
    await expectSql(
      HELPDESK,
      { q: "breakdown of tickets by close code", has: ["t.close_code, COUNT(*)", "GROUP BY 1"] },
      options,
    );
  });

  it("kennel: 'size band breakdown' is refused; 'breakdown of dogs by size band' counts", async () => {
    expectDeclined(KENNEL, "size band breakdown", options, NO_GROUPS);
    await expectSql(
      KENNEL,
      { q: "breakdown of dogs by size band", has: ["d.size_band, COUNT(*)", "GROUP BY 1"] },
      options,
    );
  });
});
