// The demo retail dataset: deterministic output and the business invariants analysts rely on.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_DATA_VERSION,
  type DemoData,
  demoDataSql,
  demoRowCounts,
  generateDemoData,
} from "../../scripts/demo-data/index.ts";

let data: DemoData;
beforeAll(() => {
  data = generateDemoData();
});

describe("demo data", () => {
  it("is deterministic, and the SQL changes only together with DEMO_DATA_VERSION", () => {
    // When this fails after an intended change to the generator: bump DEMO_DATA_VERSION (so persisted
    // gateway stores reload) and update both values here.
    const sha256 = createHash("sha256").update(demoDataSql(data).join("\n")).digest("hex");
    expect({ version: DEMO_DATA_VERSION, sha256 }).toEqual({
      version: "2024.1",
      sha256: "5964c0e7cda82d112d71f455a388424ac01a08079394e5bb27430b43b07d2d2a",
    });
  });

  it("has the advertised size", () => {
    const counts = demoRowCounts(data);
    expect(counts).toMatchObject({
      countries: 20,
      customers: 2000,
      product_categories: 8,
      products: 200,
      orders: 25_000,
    });
    expect(counts.order_items).toBeGreaterThan(55_000);
    expect(counts.order_items).toBeLessThan(65_000);
  });

  it("spans three full years with a holiday peak", () => {
    const dates = data.orders.map((o) => o.orderDate);
    expect([dates[0], dates.at(-1)]).toEqual(["2022-01-01", "2024-12-31"]);
    const perMonth = new Map<string, number>();
    for (const d of dates) perMonth.set(d.slice(5, 7), (perMonth.get(d.slice(5, 7)) ?? 0) + 1);
    const avg = data.orders.length / 12;
    expect(perMonth.get("11")!).toBeGreaterThan(1.3 * avg);
    expect(perMonth.get("02")!).toBeLessThan(avg);
  });

  it("keeps order totals equal to the sum of their discounted lines", () => {
    const sums = new Map<number, number>(); // in 1/10000 of a currency unit, exact
    for (const i of data.orderItems)
      sums.set(i.orderId, (sums.get(i.orderId) ?? 0) + i.quantity * i.unitPriceCents * (100 - i.discountPct));
    // round(x, 2) half away from zero, as Postgres computes it from the numeric columns
    const wrong = data.orders.filter((o) => Math.floor(((sums.get(o.orderId) ?? 0) + 50) / 100) !== o.totalCents);
    expect(wrong).toEqual([]);
  });

  it("pays exactly the confirmed orders, in full", () => {
    const paid = new Map<number, number>();
    for (const p of data.payments) paid.set(p.orderId, (paid.get(p.orderId) ?? 0) + p.amountCents);
    const wrong = data.orders.filter((o) => {
      const confirmed = o.status !== "pending" && o.status !== "cancelled";
      return paid.get(o.orderId) !== (confirmed ? o.totalCents : undefined);
    });
    expect(wrong).toEqual([]);
  });

  it("has no order before the customer signed up", () => {
    const signup = new Map(data.customers.map((c) => [c.customerId, c.signupDate]));
    expect(data.orders.filter((o) => o.orderDate < signup.get(o.customerId)!)).toEqual([]);
  });
});
