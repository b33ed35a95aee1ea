import { describe, expect, it } from "vitest";
import { catalog, table } from "../../../test/fixtures/catalogs/build";
import { generateSql } from "./generate";
import { extractOutputList, ownMeasure } from "./output-list";
import { expectSql } from "./test-helpers";

// What to show and in what order, said after the question: "…? Show first name, last name and the
// total, highest first." The list, its closing order and the words inside it, on two invented schemas.

const BOATYARD = catalog([
  table(
    "owners",
    [
      ["owner_id", "integer"],
      ["first_name", "text"],
      ["last_name", "text"],
      ["email", "text"],
    ],
    { primaryKey: ["owner_id"] },
  ),
  table(
    "boats",
    [
      ["boat_id", "integer"],
      ["owner_id", "integer"],
      ["name", "text"],
      ["berth_fee", "numeric"],
    ],
    { primaryKey: ["boat_id"] },
  ),
  table(
    "charges",
    [
      ["charge_id", "integer"],
      ["owner_id", "integer"],
      ["amount", "numeric"],
      ["charged_on", "date"],
    ],
    { primaryKey: ["charge_id"] },
  ),
  table(
    "repairs",
    [
      ["repair_id", "integer"],
      ["boat_id", "integer"],
      ["repair_date", "date"],
      ["return_date", "date"],
      ["billing_address", "text"],
      ["total", "numeric"],
    ],
    { primaryKey: ["repair_id"] },
  ),
]);

const KENNEL = catalog([
  table(
    "clients",
    [
      ["client_id", "integer"],
      ["first_name", "text"],
      ["last_name", "text"],
      ["phone", "text"],
    ],
    { primaryKey: ["client_id"] },
  ),
  table(
    "payments",
    [
      ["payment_id", "integer"],
      ["client_id", "integer"],
      ["amount", "numeric"],
      ["paid_on", "date"],
    ],
    { primaryKey: ["payment_id"] },
  ),
  table(
    "stays",
    [
      ["stay_id", "integer"],
      ["client_id", "integer"],
      ["stay_date", "date"],
      ["return_date", "date"],
      ["nights", "integer"],
      ["billing_city", "text"],
      ["total", "numeric"],
    ],
    { primaryKey: ["stay_id"] },
  ),
]);

const options = { currentDate: "2026-06-30" };

describe("an order closing the list of what to show", () => {
  it("goes back to the question, and a colon opens a list without a verb", () => {
    expect(
      extractOutputList("Which 3 boats have the highest berth fee? Show the name and berth fee, highest first."),
    ).toMatchObject({
      rest: "Which 3 boats have the highest berth fee, highest first?",
      items: [{ text: "name" }, { text: "berth fee" }],
    });
    expect(
      extractOutputList("Top 3 owners by total charges: first name, last name and total, lowest first."),
    ).toMatchObject({
      rest: "Top 3 owners by total charges, lowest first",
      items: [{ text: "first name" }, { text: "last name" }, { text: "total" }],
    });
  });

  it("ranks rows and shows the listed columns (boatyard)", async () => {
    await expectSql(
      BOATYARD,
      {
        q: "Which 3 boats have the highest berth fee? Show the name and berth fee, highest first.",
        has: ["b.name", "b.berth_fee", "ORDER BY berth_fee DESC", "LIMIT 3"],
      },
      options,
    );
  });

  it("ranks rows and shows the listed columns (kennel)", async () => {
    await expectSql(
      KENNEL,
      {
        q: "Which 5 stays have the most nights? Show the stay date and nights, highest first.",
        has: ["s.stay_date", "s.nights", "ORDER BY nights DESC", "LIMIT 5"],
      },
      options,
    );
  });
});

describe("a total of money movements, ranked and listed", () => {
  it("sums the charges' amounts per owner and shows both names (boatyard)", async () => {
    await expectSql(
      BOATYARD,
      {
        q: "Top 3 owners by total charges: first name, last name and total, highest first.",
        has: ["o.first_name, o.last_name, SUM(c.amount)", "DESC", "LIMIT 3"],
        not: ["COUNT("],
      },
      options,
    );
  });

  it("sums the payments' amounts per client (kennel)", async () => {
    await expectSql(
      KENNEL,
      {
        q: "Top 2 clients by total payments: show first name, last name and the total, highest first.",
        has: ["c.first_name, c.last_name, SUM(p.amount)", "DESC", "LIMIT 2"],
        not: ["COUNT("],
      },
      options,
    );
  });

  it("refuses an order opposite to the ranking rather than re-rank", () => {
    const result = generateSql(BOATYARD, "Top 3 owners by total charges, lowest first", options);
    expect(result.ok).toBe(false);
    expect(generateSql(KENNEL, "Top 2 clients by total payments, lowest first", options).ok).toBe(false);
  });
});

describe("an aggregate word alone in the list is the answer's own measure", () => {
  it("takes the one measure of a matching kind, else nothing", () => {
    const count = { kind: "agg", fn: "count" } as const;
    const q = (fns: ("count" | "sum" | "avg")[]) =>
      ({ select: fns.map((fn) => ({ expr: { ...count, fn } })) }) as unknown as Parameters<typeof ownMeasure>[0];
    expect(ownMeasure(q(["count"]), "count")).toBe(0);
    expect(ownMeasure(q(["count"]), "sum")).toBe(0);
    expect(ownMeasure(q(["sum"]), "count")).toBeUndefined();
    expect(ownMeasure(q(["count", "avg"]), "count")).toBeUndefined();
  });

  it("shows the count beside each client's names (kennel)", async () => {
    await expectSql(
      KENNEL,
      {
        q: "How many stays has each client had? Show first name, last name and the count.",
        has: ["c.first_name, c.last_name, COUNT(*)"],
      },
      options,
    );
  });

  it("shows the count beside each owner's names (boatyard)", async () => {
    await expectSql(
      BOATYARD,
      {
        q: "How many charges has each owner had? Show first name, last name and the count.",
        has: ["o.first_name, o.last_name, COUNT(*)"],
      },
      options,
    );
  });
});

describe("a column named like an aggregate word", () => {
  it("is ranked and sorted by, not aggregated (boatyard)", async () => {
    await expectSql(
      BOATYARD,
      { q: "Show the 3 biggest repairs by total, highest first.", has: ["r.total", "ORDER BY total DESC", "LIMIT 3"] },
      options,
    );
    await expectSql(BOATYARD, { q: "List the repairs sorted by total", has: ["ORDER BY r.total"] }, options);
  });

  it("is ranked and sorted by, not aggregated (kennel)", async () => {
    await expectSql(
      KENNEL,
      { q: "Show the 2 biggest stays by total.", has: ["s.total", "ORDER BY total DESC", "LIMIT 2"], not: ["SUM("] },
      options,
    );
    await expectSql(KENNEL, { q: "List the stays sorted by total", has: ["ORDER BY s.total"] }, options);
  });
});

describe("the columns listed for ranked rows", () => {
  it("keep the ranking and take the date the ranking uses (boatyard)", async () => {
    await expectSql(
      BOATYARD,
      {
        q: "Show the 3 most recent repairs: repair id and date.",
        has: ["SELECT r.repair_id, r.repair_date", "ORDER BY r.repair_date DESC", "LIMIT 3"],
        not: ["return_date"],
      },
      options,
    );
    await expectSql(
      BOATYARD,
      {
        q: "What are the 3 most recent repairs? Give the repair id and date.",
        has: ["SELECT r.repair_id, r.repair_date", "ORDER BY r.repair_date DESC", "LIMIT 3"],
        not: ["return_date"],
      },
      options,
    );
  });

  it("keep the ranking and take the date the ranking uses (kennel)", async () => {
    await expectSql(
      KENNEL,
      {
        q: "Show the 2 most recent stays: stay id and date.",
        has: ["SELECT s.stay_id, s.stay_date", "ORDER BY s.stay_date DESC", "LIMIT 2"],
        not: ["return_date"],
      },
      options,
    );
    await expectSql(
      KENNEL,
      {
        q: "What are the 2 most recent stays? Give the stay id and date.",
        has: ["SELECT s.stay_id, s.stay_date", "ORDER BY s.stay_date DESC", "LIMIT 2"],
        not: ["return_date"],
      },
      options,
    );
  });
});
