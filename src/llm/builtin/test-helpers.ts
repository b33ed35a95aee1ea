import { expect } from "vitest";
import type { Catalog } from "../../sql/catalog.types";
import { parsePostgres } from "../../sql/pg-parser";
import { type GenerateOptions, generateSql } from "./generate";

/** One question and what its SQL must (and must not) contain, whitespace-normalised. */
export interface SqlCase {
  q: string;
  has: (string | RegExp)[];
  not?: (string | RegExp)[];
}

const flat = (sql: string): string => sql.replace(/\s+/g, " ").trim();

/** Generates, checks the fragments, and checks that Postgres' own parser accepts the statement. */
export async function expectSql(catalog: Catalog, c: SqlCase, options: GenerateOptions): Promise<string> {
  const result = generateSql(catalog, c.q, options);
  if (!result.ok) throw new Error(`"${c.q}" was not answered: ${result.reason}`);
  const sql = flat(result.sql);
  for (const h of c.has) {
    if (typeof h === "string") expect(sql, c.q).toContain(h);
    else expect(sql, c.q).toMatch(h);
  }
  for (const n of c.not ?? []) {
    if (typeof n === "string") expect(sql, c.q).not.toContain(n);
    else expect(sql, c.q).not.toMatch(n);
  }
  const parsed = await parsePostgres(result.sql);
  expect(parsed.ok, `${c.q}: ${parsed.ok ? "" : parsed.message}\n${result.sql}`).toBe(true);
  expect(result.explanation.length, c.q).toBeGreaterThan(0);
  return result.sql;
}

/** The SQL, or the reason the question was refused: one string to assert on either way. */
export function sqlOrReason(catalog: Catalog, question: string, options: GenerateOptions): string {
  const result = generateSql(catalog, question, options);
  return result.ok ? result.sql : result.reason;
}

/** The question is refused, for a reason matching `reason` when one is given. */
export function expectDeclined(catalog: Catalog, question: string, options: GenerateOptions, reason?: RegExp): void {
  const result = generateSql(catalog, question, options);
  expect(result.ok, `${question}: ${result.ok ? result.sql : ""}`).toBe(false);
  if (!result.ok && reason !== undefined) expect(result.reason, question).toMatch(reason);
}
