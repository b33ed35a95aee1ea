/**
 * The demo retail database as SQL: one deterministic script list shared by the gateway's embedded
 * PGlite and by tests that load the same data into a real PostgreSQL database.
 */
import { type DemoData, generateDemoData } from "./generate.ts";
import { DEMO_COMMENTS_SQL, DEMO_CONSTRAINTS_SQL, DEMO_SCHEMA_DDL } from "./schema.ts";

export { type DemoData, generateDemoData } from "./generate.ts";

/**
 * Bump whenever the generated SQL changes (schema, comments, reference lists or generator logic): the
 * gateway reloads a persisted PGlite database whose stored version differs. The demo-data test pins a
 * hash of the SQL so a change without a bump fails loudly.
 */
export const DEMO_DATA_VERSION = "2024.1";

/** Rows per INSERT: large enough to amortise parsing, small enough to keep each statement < ~200 KB. */
const ROWS_PER_INSERT = 1000;
const TABLES_IN_DROP_ORDER = [
  "payments",
  "order_items",
  "orders",
  "products",
  "product_categories",
  "customers",
  "countries",
];

/** A value already in SQL form (numeric literals built from integers, so no float rounding). */
interface SqlText {
  sql: string;
}
type Literal = string | number | boolean | null | SqlText;

const lit = (v: Literal): string =>
  v === null
    ? "NULL"
    : typeof v === "string"
      ? `'${v.replace(/'/g, "''")}'`
      : typeof v === "object"
        ? v.sql
        : String(v);
const money = (cents: number): SqlText => ({
  sql: `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`,
});
const rate = (pct: number): SqlText => ({ sql: `0.${String(pct).padStart(2, "0")}` });

function inserts(table: string, columns: string[], rows: Literal[][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => `(${r.map(lit).join(",")})`)
      .join(",\n");
    out.push(`INSERT INTO ${table} (${columns.join(", ")}) VALUES\n${values};`);
  }
  return out;
}

export interface DemoRowCounts {
  countries: number;
  customers: number;
  product_categories: number;
  products: number;
  orders: number;
  order_items: number;
  payments: number;
}

export function demoRowCounts(data: DemoData): DemoRowCounts {
  return {
    countries: data.countries.length,
    customers: data.customers.length,
    product_categories: data.categories.length,
    products: data.products.length,
    orders: data.orders.length,
    order_items: data.orderItems.length,
    payments: data.payments.length,
  };
}

/**
 * The whole database as a list of SQL scripts to run in order inside one transaction. Each script may
 * hold several statements, so run them with the simple query protocol (pg `client.query(text)` without
 * params, PGlite `exec`). Drops existing demo tables first, so a reload replaces the data.
 */
export function demoDataSql(data: DemoData = generateDemoData()): string[] {
  return [
    `${TABLES_IN_DROP_ORDER.map((t) => `DROP TABLE IF EXISTS ${t} CASCADE;`).join("\n")}\n${DEMO_SCHEMA_DDL}`,
    ...inserts(
      "countries",
      ["country_code", "name", "region"],
      data.countries.map((c) => [c.countryCode, c.name, c.region]),
    ),
    ...inserts(
      "customers",
      ["customer_id", "name", "email", "country", "city", "segment", "signup_date"],
      data.customers.map((c) => [c.customerId, c.name, c.email, c.country, c.city, c.segment, c.signupDate]),
    ),
    ...inserts(
      "product_categories",
      ["category_id", "name", "description"],
      data.categories.map((c) => [c.categoryId, c.name, c.description]),
    ),
    ...inserts(
      "products",
      ["product_id", "name", "category_id", "unit_price", "cost", "is_active"],
      data.products.map((p) => [
        p.productId,
        p.name,
        p.categoryId,
        money(p.unitPriceCents),
        money(p.costCents),
        p.isActive,
      ]),
    ),
    ...inserts(
      "orders",
      ["order_id", "customer_id", "order_date", "status", "channel", "total_amount"],
      data.orders.map((o) => [o.orderId, o.customerId, o.orderDate, o.status, o.channel, money(o.totalCents)]),
    ),
    ...inserts(
      "order_items",
      ["order_item_id", "order_id", "product_id", "quantity", "unit_price", "discount"],
      data.orderItems.map((i) => [
        i.orderItemId,
        i.orderId,
        i.productId,
        i.quantity,
        money(i.unitPriceCents),
        rate(i.discountPct),
      ]),
    ),
    ...inserts(
      "payments",
      ["payment_id", "order_id", "paid_at", "method", "amount"],
      data.payments.map((p) => [p.paymentId, p.orderId, p.paidAt, p.method, money(p.amountCents)]),
    ),
    `${DEMO_CONSTRAINTS_SQL}\n${DEMO_COMMENTS_SQL}\nANALYZE;`,
  ];
}

/** The subset of a pg Client / PoolClient (or PGlite via a wrapper) the loader needs. */
export interface SqlScriptRunner {
  query(sql: string): Promise<unknown>;
}

/** Loads the demo database into a real PostgreSQL database (tables in `public`), atomically. */
export async function loadDemoData(client: SqlScriptRunner): Promise<DemoRowCounts> {
  const data = generateDemoData();
  await client.query("BEGIN");
  try {
    for (const script of demoDataSql(data)) await client.query(script);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
  return demoRowCounts(data);
}
