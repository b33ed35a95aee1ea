import { describe, expect, it } from "vitest";
import { CLINIC } from "../../../test/fixtures/catalogs/clinic";
import { DEPOT } from "../../../test/fixtures/catalogs/depot";
import type { QuestionParts } from "./assemble";
import { readQuestion } from "./read-question";
import { resolveContext } from "./stage-helpers";

/**
 * The bindings stage on its own: a question read against a catalog into QuestionParts (values with
 * their columns, the date range, the intent, related-row clauses), or a refusal naming the words.
 * Schemas: a depot of crates (invented) and the clinic fixture.
 */

const TODAY = "2026-06-15";

function read(catalog: typeof DEPOT, question: string): QuestionParts {
  const parts = readQuestion(resolveContext(catalog, question), question, TODAY);
  if ("reason" in parts) throw new Error(`"${question}" was refused: ${parts.reason}`);
  return parts;
}

const columnsOf = (parts: QuestionParts) =>
  parts.values.map((v) => v.postings.map((p) => `${p.column.table.table.name}.${p.column.column.name}`));

describe("readQuestion binds values, dates and clauses (depot, clinic)", () => {
  it("binds a value to its column and directs 'from X to Y' (depot)", () => {
    const parts = read(DEPOT, "How many crates went from Rotterdam to Hamburg in 2025?");
    expect(columnsOf(parts)).toEqual([["crates.from_harbour"], ["crates.to_harbour"]]);
    expect(parts.range).toMatchObject({ start: "2025-01-01", end: "2026-01-01" });
    expect(parts.intent.agg?.fn).toBe("count");
  });

  it("reads a status value and a relation object (depot, clinic)", () => {
    expect(columnsOf(read(DEPOT, "List the sealed crates in the Lowlands district"))).toEqual([
      ["crates.crate_state"],
      ["depots.district"],
    ]);
    const parts = read(CLINIC, "List the vets that have performed visits.");
    expect(parts.relationObjects?.map((t) => t.text)).toEqual(["visits"]);
  });

  it("refuses what one filter cannot say, naming the words (depot)", () => {
    const ctx = resolveContext(DEPOT);
    const or = readQuestion(ctx, "How many crates are sealed or in Lowlands?", TODAY);
    expect(or).toMatchObject({ reason: expect.stringMatching(/"or"/) });
    const dates = readQuestion(ctx, "How many crates were sealed in 2024 and in 2025?", TODAY);
    expect(dates).toMatchObject({ reason: expect.stringMatching(/date/) });
  });
});
