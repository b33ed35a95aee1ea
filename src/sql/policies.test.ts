import { describe, expect, it } from "vitest";
import { loadAuthClients } from "../config/auth-clients";
import { loadNamespaces } from "../config/namespaces";
import { ConfigError } from "../config/yaml-config";
import type { Catalog } from "./catalog.types";
import {
  applyPolicies,
  bindFilter,
  checkRowFilter,
  missingAttributes,
  namesHiddenColumn,
  quoteLiteral,
  type TablePolicy,
} from "./policies";
import { catalogUnderPolicies, checkPolicies } from "./policy-catalog";

/** The rewrite and the configuration checks, without a database (the real-database proofs: test/workers/policies.test.ts). */
const customers: TablePolicy = {
  schema: "public",
  table: "customers",
  rowFilter: "region = {{ user.region }}",
  hideColumns: ["email"],
};
const relations = {
  columns: new Map([["public.customers", ["id", "name", "email", "region"]]]),
  derived: new Map<string, string>(),
};
const context = {
  policies: [customers],
  searchPath: ["public"],
  relations,
  subject: { sub: "a", attributes: { region: "EU" } },
};

async function rewrite(sql: string): Promise<string> {
  const outcome = await applyPolicies(sql, context);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.sql;
}

const READ = `(SELECT "id", "name", "region" FROM "public"."customers" WHERE (region = E'EU') OFFSET 0)`;

describe("the rewrite", () => {
  it("keeps the alias, or names the subselect after the table", async () => {
    expect(await rewrite("SELECT * FROM customers")).toBe(`SELECT * FROM ${READ} AS "customers"`);
    expect(await rewrite("SELECT c.name FROM public.customers AS c")).toBe(`SELECT c.name FROM ${READ} AS c`);
    expect(await rewrite("SELECT c.name FROM customers c")).toBe(`SELECT c.name FROM ${READ} c`);
  });

  it("leaves a CTE of the same name alone, but not the table read inside it", async () => {
    expect(await rewrite("WITH customers AS (SELECT * FROM customers) SELECT * FROM customers")).toBe(
      `WITH customers AS (SELECT * FROM ${READ} AS "customers") SELECT * FROM customers`,
    );
  });

  it("rewrites each reference of a set operation and a subquery", async () => {
    const sql = await rewrite("SELECT id FROM customers UNION SELECT (SELECT max(id) FROM customers)");
    expect(sql.split(READ).length).toBe(3);
  });

  it("binds attributes as literals: quotes doubled, backslashes escaped, lists expanded, an empty list NULL", () => {
    expect(quoteLiteral("O'Brien \\")).toBe("E'O''Brien \\\\'");
    expect(bindFilter("a IN ({{ user.xs }})", { sub: "s", attributes: { xs: ["p", "q"] } })).toBe("a IN (E'p', E'q')");
    expect(bindFilter("a IN ({{user.xs}})", { sub: "s", attributes: { xs: [] } })).toBe("a IN (NULL)");
  });

  it("an attribute is the token's own: `constructor` is missing unless the token carries it", () => {
    const policy = { ...customers, rowFilter: "a = {{ user.constructor }}" };
    expect(missingAttributes([policy], { sub: "s", attributes: {} })).toEqual(["constructor"]);
  });

  it("tells a verified example that names a hidden column, quoted or not, from one that does not", () => {
    expect(namesHiddenColumn('SELECT c."EMAIL" FROM customers c', [customers])).toBe(true);
    expect(namesHiddenColumn("SELECT name, email_verified FROM customers", [customers])).toBe(false);
    expect(namesHiddenColumn("SELECT email FROM customers", [])).toBe(false);
  });

  it("reports tables filtered and columns hidden, sorted", async () => {
    const outcome = await applyPolicies("SELECT 1 FROM customers", context);
    expect(outcome.ok && outcome.applied).toEqual({
      tables_filtered: ["public.customers"],
      columns_hidden: ["public.customers.email"],
    });
  });
});

describe("configuration errors", () => {
  const bad = async (filter: string, columns?: string[]) => {
    try {
      await checkRowFilter("shop", { ...customers, rowFilter: filter }, columns);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems.join("; ");
    }
    throw new Error("expected a ConfigError");
  };

  it("a filter that is not one expression", async () => {
    expect(await bad("region = 'x') OR (1 = 1")).toMatch(
      /namespaces\.shop\.policies\[customers\]\.row_filter: not a SQL expression/,
    );
    expect(await bad("region = 'x', true")).toMatch(/must be one expression/);
    expect(await bad("region = ")).toMatch(/not a SQL expression/);
    expect(await bad("true GROUP BY 1")).toMatch(/one expression|not a SQL expression/);
  });

  it("a placeholder inside a string, or a $n of its own", async () => {
    expect(await bad("region = '{{ user.region }}'")).toMatch(/where a value goes/);
    expect(await bad("region = $1")).toMatch(/where a value goes/);
  });

  it("a column the table does not have (it would resolve to the user's query around it)", async () => {
    expect(await bad("regoin = {{ user.region }}", ["id", "region"])).toMatch(/names column "regoin"/);
  });

  it("an unknown table or hidden column", async () => {
    await expect(
      checkPolicies(
        "shop",
        [customers, { schema: "public", table: "nope", hideColumns: [] }],
        new Map([["public.customers", ["id"]]]),
      ),
    ).rejects.toThrow(
      /policies\[customers\]\.hide_columns: public\.customers has no column "email".*policies\[nope\]\.table/,
    );
  });

  it("a placeholder that is not {{ user.<attribute> }}, two policies for one table, a policy with nothing to do", () => {
    const yaml = (policies: string) =>
      `namespaces:\n  shop:\n    type: postgres\n    url: postgres://u@h/db\n    policies:\n${policies}`;
    expect(() => loadNamespaces(yaml('      - table: orders\n        row_filter: "region = {{ region }}"\n'))).toThrow(
      /namespaces\.shop\.policies\.0\.row_filter: placeholders/,
    );
    expect(() =>
      loadNamespaces(
        yaml("      - table: orders\n        hide_columns: [a]\n      - table: orders\n        hide_columns: [b]\n"),
      ),
    ).toThrow(/one policy per table/);
    expect(() => loadNamespaces(yaml("      - table: orders\n"))).toThrow(/needs row_filter, hide_columns or both/);
  });

  it("an end_user_key shorter than 32 characters names the key", () => {
    const text =
      "clients:\n  app: { secret: s, end_user_key: short }\njwt:\n  secret_key: 0123456789abcdef0123456789abcdef0123\n";
    expect(() => loadAuthClients(text)).toThrow(/clients\.app\.end_user_key: must be at least 32 characters/);
  });
});

describe("the catalog an end user sees", () => {
  it("has no hidden column, no samples of a filtered table, no view over it", () => {
    const catalog: Catalog = {
      namespace: "shop",
      dialect: "postgres",
      loadedAt: "",
      tables: [
        {
          schema: "public",
          name: "customers",
          rowEstimate: 3,
          primaryKey: ["id"],
          foreignKeys: [],
          columns: [
            { name: "id", type: "integer", nullable: false },
            { name: "email", type: "text", nullable: false },
            { name: "region", type: "text", nullable: false, samples: ["EU", "US"] },
          ],
        },
        {
          schema: "public",
          name: "v",
          kind: "view",
          viewOf: ["public.customers"],
          rowEstimate: -1,
          primaryKey: [],
          foreignKeys: [],
          columns: [{ name: "email", type: "text", nullable: false }],
        },
        {
          schema: "public",
          name: "other",
          rowEstimate: 1,
          primaryKey: [],
          foreignKeys: [],
          columns: [{ name: "kind", type: "text", nullable: false, samples: ["a"] }],
        },
      ],
    };
    const seen = catalogUnderPolicies(catalog, [customers]);
    expect(seen.tables.map((t) => t.name)).toEqual(["customers", "other"]);
    expect(seen.tables[0]!.columns).toEqual([
      { name: "id", type: "integer", nullable: false },
      { name: "region", type: "text", nullable: false },
    ]);
    expect(seen.tables[1]!.columns[0]!.samples).toEqual(["a"]);
  });
});
