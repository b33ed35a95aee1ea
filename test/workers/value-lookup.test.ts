import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BuiltinSqlGenerator } from "../../src/llm";
import { runQuestionSql, type SqlTarget } from "../../src/sql";
import { engineDeps } from "../../src/wiring/engine-deps";
import { runWorkflow } from "../../src/workflow/engine";
import { CollectingSink } from "../../src/workflow/events";
import { namespaceTarget, uniqueTaskId } from "./helpers";

/**
 * Values the catalog does not list (a customer's name among thousands) are looked up in the real
 * PostgreSQL database through the neon driver and the gateway, link their table, and filter the
 * built-in generator's query (issue 20, item 4).
 */
const target = namespaceTarget;

async function ask(t: SqlTarget, question: string) {
  const sink = new CollectingSink();
  const outcome = await runWorkflow(
    { taskId: uniqueTaskId("lookup"), workflow: "fixed", namespace: t.namespace, question, currentDate: "2024-06-30" },
    engineDeps(env, t, new BuiltinSqlGenerator()),
    sink,
  );
  const linking = sink.events.find(
    (e) => e.event === "node_detail" && (e.data as { node?: string }).node === "schema_linking",
  );
  const data = linking?.data as unknown as {
    details: { tables_found: string[]; matched_values: Record<string, unknown>[] };
  };
  return { outcome, details: data.details };
}

describe("values looked up in the data", () => {
  it("a customer's name links the customers table, says it was looked up, and filters the answer", async () => {
    const pg = target("pg");
    const first = await runQuestionSql(pg, "SELECT name FROM customers ORDER BY customer_id LIMIT 1");
    const name = String(first.rows[0]?.name);
    const { outcome, details } = await ask(pg, `How many orders did ${name} place?`);
    expect(details.matched_values).toContainEqual({
      table: "public.customers",
      column: "name",
      value: name,
      looked_up: true,
    });
    expect(details.tables_found).toEqual(expect.arrayContaining(["customers", "orders"]));
    expect(outcome.status).toBe("completed");
    expect(outcome.sql).toContain(`'${name.replace(/'/g, "''")}'`);
    const expected = await runQuestionSql(
      pg,
      `SELECT count(*) AS n FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.name = '${name.replace(/'/g, "''")}'`,
    );
    expect(Object.values(outcome.result?.[0] ?? {})).toContain(Number(expected.rows[0]?.n));
  });

  it("a phrase that is no value links nothing and costs the question nothing", async () => {
    const { outcome, details } = await ask(target("pg"), "How many orders did Nobody Atall place?");
    expect(details.matched_values.filter((v) => v.looked_up)).toEqual([]);
    expect(outcome.status).toBe("failed"); // the generator says what it did not understand; it never ignores the name
  });
});
