import { describe, expect, it } from "vitest";
import demoQuestions from "../../../eval/demo.jsonl?raw";
import freshQuestions from "../../../eval/fresh.jsonl?raw";
import holdoutQuestions from "../../../eval/holdout.jsonl?raw";
import { generateSql } from "../../../src/llm/builtin/generate";
import { checkSql, type GuardPolicy } from "../../../src/sql";
import { DEMO_CATALOG } from "../../fixtures/catalogs/demo";

/**
 * Threat: a question's SQL reads what it must not (other tenants' running SQL, settings, server
 * state) or stalls the database (issue 14, finding 5). The guard allows functions and operators by
 * an explicit list; everything else is refused with a message that names it.
 */
const POLICY: GuardPolicy = { allowedSchemas: ["public"] };

/** Every function the review named, and their relatives: each refused, by name. */
const REFUSED_FUNCTIONS: [string, string][] = [
  ["txid_current", "SELECT txid_current()"],
  ["pg_current_xact_id", "SELECT pg_current_xact_id()"],
  ["pg_stat_get_activity", "SELECT * FROM pg_stat_get_activity(NULL)"],
  ["pg_show_all_settings", "SELECT * FROM pg_show_all_settings()"],
  ["pg_lock_status", "SELECT * FROM pg_lock_status()"],
  ["current_setting", "SELECT current_setting('data_directory')"],
  ["pg_stat_statements_reset", "SELECT pg_stat_statements_reset()"],
  ["pg_prewarm", "SELECT pg_prewarm('orders')"],
  ["pg_total_relation_size", "SELECT pg_total_relation_size('secret.t')"],
  ["pg_relation_size", "SELECT pg_relation_size('orders')"],
  ["pg_table_size", "SELECT pg_table_size('orders')"],
  ["pg_database_size", "SELECT pg_database_size('other_tenant')"],
  ["pg_get_viewdef", "SELECT pg_get_viewdef('secret.v')"],
  ["pg_get_functiondef", "SELECT pg_get_functiondef(1)"],
  ["pg_stat_get_backend_activity", "SELECT pg_stat_get_backend_activity(1)"],
  ["pg_blocking_pids", "SELECT pg_blocking_pids(1)"],
  ["version", "SELECT version()"],
  ["inet_server_addr", "SELECT inet_server_addr()"],
  ["current_database", "SELECT current_database()"],
  ["has_table_privilege", "SELECT has_table_privilege('secret.t', 'select')"],
  ["currval", "SELECT currval('orders_id_seq')"],
  ["setseed", "SELECT setseed(0.5)"],
  ["obj_description", "SELECT obj_description(1)"],
  ["pg_sleep", "SELECT count(*) FROM orders WHERE pg_sleep(1) IS NULL"],
  ["pg_current_xact_id", "SELECT o.id FROM orders o WHERE o.id IN (SELECT pg_current_xact_id()::text::int)"],
];

describe("the guard allows functions by an explicit list (finding 5)", () => {
  it.each(REFUSED_FUNCTIONS)("refuses %s, naming it", async (name, sql) => {
    const verdict = await checkSql(sql, POLICY);
    expect(verdict).toMatchObject({ ok: false, reason: "forbidden_function" });
    if (!verdict.ok) expect(verdict.message).toContain(`The function ${name}() is not allowed`);
  });

  it("says which functions are allowed when it refuses an unknown one", async () => {
    const verdict = await checkSql("SELECT frobnicate(total) FROM orders", POLICY);
    expect(verdict).toMatchObject({ ok: false, reason: "forbidden_function" });
    if (!verdict.ok)
      expect(verdict.message).toMatch(
        /frobnicate\(\) is not allowed: only built-in aggregates, window, math, string, date\/time, JSON/,
      );
  });

  it("refuses a function of the data's own schema: public.lower() is not the built-in", async () => {
    const verdict = await checkSql("SELECT public.lower(name) FROM customers", POLICY);
    expect(verdict).toMatchObject({ ok: false, reason: "forbidden_function" });
    if (!verdict.ok) expect(verdict.message).toContain("public.lower()");
    expect(await checkSql("SELECT pg_catalog.lower(name) FROM customers", POLICY)).toMatchObject({ ok: true });
  });

  it("refuses operators outside the built-in types', and OPERATOR() of another schema", async () => {
    for (const [sql, op] of [
      ["SELECT 1 FROM orders WHERE total === 3", "==="],
      ["SELECT total OPERATOR(public.+) 1 FROM orders", "public.+"],
      ["SELECT 1 FROM orders WHERE id = ANY (SELECT 1) AND total <~> 2", "<~>"],
    ]) {
      const verdict = await checkSql(sql!, POLICY);
      expect(verdict, sql).toMatchObject({ ok: false, reason: "forbidden_operator" });
      if (!verdict.ok) expect(verdict.message).toContain(`operator ${op}`);
    }
    expect(
      await checkSql(
        "SELECT total OPERATOR(pg_catalog.+) 1 FROM orders WHERE attrs ->> 'a' ~* 'x' AND tags && ARRAY['a']",
        POLICY,
      ),
    ).toMatchObject({ ok: true });
  });

  it("refuses the session's identity and catalog lookups by cast", async () => {
    for (const sql of ["SELECT CURRENT_USER", "SELECT session_user", "SELECT current_schema"]) {
      expect(await checkSql(sql, POLICY), sql).toMatchObject({ ok: false, reason: "forbidden_function" });
    }
    expect(await checkSql("SELECT 'pg_authid'::regclass::oid", POLICY)).toMatchObject({
      ok: false,
      reason: "system_catalog",
    });
    expect(
      await checkSql(
        "SELECT CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, to_tsvector('english'::regconfig, 'a b')",
        POLICY,
      ),
    ).toMatchObject({ ok: true });
  });

  it("admits the SQL syntax that the parser turns into built-in calls (EXTRACT, SUBSTRING, TRIM, SIMILAR TO, AT TIME ZONE, OVERLAPS)", async () => {
    const sql =
      "SELECT EXTRACT(YEAR FROM created_at), SUBSTRING(name FROM 2 FOR 3), TRIM(BOTH ' ' FROM name), POSITION('a' IN name), OVERLAY(name PLACING 'x' FROM 1), " +
      "created_at AT TIME ZONE 'UTC', (created_at, created_at) OVERLAPS (now(), now()), NORMALIZE(name), GREATEST(1, 2), LEAST(1, 2), COALESCE(a, b), NULLIF(a, b) " +
      "FROM orders WHERE name SIMILAR TO 'a%' AND name NOT LIKE 'b%' AND total BETWEEN 1 AND 2 AND total NOT BETWEEN SYMMETRIC 5 AND 3 AND a IS DISTINCT FROM b";
    expect(await checkSql(sql, POLICY), sql).toMatchObject({ ok: true });
  });
});

type EvalQuestion = { id: string; question: string; gold_sql: string; current_date?: string };
const parse = (text: string): EvalQuestion[] =>
  text
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("#"))
    .map((l) => JSON.parse(l) as EvalQuestion);
const SETS = { demo: parse(demoQuestions), holdout: parse(holdoutQuestions), fresh: parse(freshQuestions) };

describe("what the service itself writes keeps passing the allow-list", () => {
  it.each(Object.entries(SETS))(
    "the built-in generator's SQL and the gold SQL of eval/%s.jsonl",
    async (_set, questions) => {
      let generated = 0;
      for (const q of questions) {
        const gold = await checkSql(q.gold_sql, POLICY);
        expect(gold, `${q.id} gold: ${q.gold_sql}\n${JSON.stringify(gold)}`).toMatchObject({ ok: true });
        const result = generateSql(DEMO_CATALOG, q.question, { currentDate: q.current_date ?? "2024-12-31" });
        if (!result.ok) continue;
        generated++;
        const verdict = await checkSql(result.sql, POLICY);
        expect(verdict, `${q.id}: ${result.sql}\n${JSON.stringify(verdict)}`).toMatchObject({ ok: true });
      }
      expect(generated).toBeGreaterThan(questions.length / 3);
    },
  );
  // Every demo metric, compiled by every grain, passes the guard: src/semantic/compile.test.ts.
});
