/**
 * Deterministic retail dataset: a web shop selling in 20 countries from 2022-01-01 to 2024-12-31.
 * Only integer and IEEE-exact float arithmetic (+, -, *, /, floor) is used, never Math.exp/log/sin or
 * Math.random, so the output is byte-identical on every machine.
 * Money is kept in integer cents (line amounts in 1/10000 units) so totals match Postgres numeric maths.
 */

import { Rng } from "./prng.ts";
import { CATEGORIES, COUNTRIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from "./reference.ts";

export interface CountryRow {
  countryCode: string;
  name: string;
  region: string;
}
export interface CustomerRow {
  customerId: number;
  name: string;
  email: string;
  country: string;
  city: string | null;
  segment: "Consumer" | "Corporate" | "Small Business";
  signupDate: string;
}
export interface CategoryRow {
  categoryId: number;
  name: string;
  description: string;
}
export interface ProductRow {
  productId: number;
  name: string;
  categoryId: number;
  unitPriceCents: number;
  costCents: number;
  isActive: boolean;
}
export interface OrderRow {
  orderId: number;
  customerId: number;
  orderDate: string;
  status: OrderStatus;
  channel: "web" | "mobile" | "store";
  totalCents: number;
}
export interface OrderItemRow {
  orderItemId: number;
  orderId: number;
  productId: number;
  quantity: number;
  unitPriceCents: number;
  /** Discount in whole percent (15 means 0.15). */
  discountPct: number;
}
export interface PaymentRow {
  paymentId: number;
  orderId: number;
  paidAt: string;
  method: "card" | "paypal" | "bank_transfer" | "gift_card";
  amountCents: number;
}
export type OrderStatus = "pending" | "shipped" | "delivered" | "cancelled" | "returned";

export interface DemoData {
  countries: CountryRow[];
  customers: CustomerRow[];
  categories: CategoryRow[];
  products: ProductRow[];
  orders: OrderRow[];
  orderItems: OrderItemRow[];
  payments: PaymentRow[];
}

const DAY_MS = 86_400_000;
const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;
const isoDate = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);
const monthOf = (d: number): number => new Date(d * DAY_MS).getUTCMonth() + 1;
const yearOf = (d: number): number => new Date(d * DAY_MS).getUTCFullYear();

const FIRST_DAY = day(2022, 1, 1);
const LAST_DAY = day(2024, 12, 31);
/** The data is a snapshot taken at the end of LAST_DAY: recent orders are still pending or shipped. */
const AS_OF = LAST_DAY;
const CUSTOMER_COUNT = 2000;
const PRODUCTS_PER_CATEGORY = 25;
const ORDER_COUNT = 25_000;

/** Index of the first element of an ascending cumulative array greater than r. */
function searchCumulative(cum: readonly number[], r: number, length = cum.length): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulative(weights: readonly number[]): number[] {
  let s = 0;
  return weights.map((w) => (s += w));
}

/** Black Friday (day after the fourth Thursday of November) through Cyber Monday. */
function isBlackFridayWeekend(d: number): boolean {
  const y = yearOf(d);
  const nov1 = day(y, 11, 1);
  const firstThu = nov1 + ((4 - new Date(nov1 * DAY_MS).getUTCDay() + 7) % 7);
  const friday = firstThu + 22;
  return d >= friday && d <= friday + 3;
}

function dayWeight(d: number): number {
  const year = { 2022: 1, 2023: 1.18, 2024: 1.38 }[yearOf(d)] ?? 1;
  // Jan/Feb slump after the holidays, a summer bump, and the Q4 holiday peak.
  const season = [0.75, 0.72, 0.9, 0.95, 1, 1.05, 1.08, 1.02, 0.95, 1, 1.35, 1.6][monthOf(d) - 1] as number;
  const weekday = [1.15, 0.95, 0.9, 0.92, 0.95, 1.05, 1.2][new Date(d * DAY_MS).getUTCDay()] as number;
  const m = monthOf(d);
  const dom = new Date(d * DAY_MS).getUTCDate();
  const special = isBlackFridayWeekend(d) ? 3 : m === 12 && dom >= 24 && dom <= 26 ? 0.4 : 1;
  return year * season * weekday * special;
}

function psychologicalPrice(cents: number): number {
  return Math.max(99, Math.round(cents / 100) * 100 - 1);
}

function asciiLocal(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

export function generateDemoData(seed = "datus-demo"): DemoData {
  const rng = new Rng(seed);

  const countries: CountryRow[] = COUNTRIES.map((c) => ({ countryCode: c.code, name: c.name, region: c.region }));
  const categories: CategoryRow[] = CATEGORIES.map((c, i) => ({
    categoryId: i + 1,
    name: c.name,
    description: c.description,
  }));

  // Customers: a third signed up before the period, the rest join steadily; ids follow signup order.
  const emails = new Set<string>();
  const draft = Array.from({ length: CUSTOMER_COUNT }, () => {
    const signup = rng.chance(0.35) ? rng.int(day(2020, 1, 1), FIRST_DAY - 1) : rng.int(FIRST_DAY, day(2024, 11, 30));
    const country = rng.weighted(
      COUNTRIES,
      COUNTRIES.map((c) => c.weight),
    );
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const segment = rng.weighted(["Consumer", "Corporate", "Small Business"] as const, [70, 18, 12]);
    const domain =
      segment === "Consumer"
        ? rng.pick(EMAIL_DOMAINS)
        : `${asciiLocal(last)}-${rng.pick(["corp", "group", "trading", "studio"])}.com`;
    let email = `${asciiLocal(first)}.${asciiLocal(last)}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${asciiLocal(first)}.${asciiLocal(last)}${n}@${domain}`;
    emails.add(email);
    const city = rng.chance(0.03) ? null : rng.pick(country.cities);
    // Heavy-tailed purchase frequency: a few customers order far more often than most.
    const u = rng.float();
    return {
      signup,
      name: `${first} ${last}`,
      email,
      country: country.name,
      city,
      segment,
      activity: 0.15 + 4 * u * u * u,
    };
  });
  draft.sort((a, b) => a.signup - b.signup);
  const customers: CustomerRow[] = draft.map((c, i) => ({
    customerId: i + 1,
    name: c.name,
    email: c.email,
    country: c.country,
    city: c.city,
    segment: c.segment,
    signupDate: isoDate(c.signup),
  }));
  const activityCum = cumulative(draft.map((c) => c.activity));

  // Products: 25 per category; some were discontinued at the end of 2023 (is_active = false).
  const products: ProductRow[] = [];
  const productWeight: number[] = [];
  CATEGORIES.forEach((cat, ci) => {
    const names = new Set<string>();
    while (names.size < PRODUCTS_PER_CATEGORY) names.add(`${rng.pick(cat.adjectives)} ${rng.pick(cat.nouns)}`);
    for (const name of names) {
      const u = rng.float();
      const price = psychologicalPrice((cat.priceMin + (cat.priceMax - cat.priceMin) * u * u) * 100);
      const costShare = cat.costShareMin + (cat.costShareMax - cat.costShareMin) * rng.float();
      products.push({
        productId: products.length + 1,
        name,
        categoryId: ci + 1,
        unitPriceCents: price,
        costCents: Math.round(price * costShare),
        isActive: !rng.chance(0.08),
      });
      const w = rng.float();
      productWeight.push(0.3 + 2 * w * w);
    }
  });
  const byCategory = CATEGORIES.map((_, ci) => products.filter((p) => p.categoryId === ci + 1));

  // Order dates: sampled by a daily weight (growth, seasonality, weekday, Black Friday), then sorted
  // so order ids increase with time as a serial key would.
  const days: number[] = [];
  for (let d = FIRST_DAY; d <= LAST_DAY; d++) days.push(d);
  const dayCum = cumulative(days.map(dayWeight));
  const orderDays = Array.from(
    { length: ORDER_COUNT },
    () => days[searchCumulative(dayCum, rng.float() * (dayCum.at(-1) as number))] as number,
  );
  orderDays.sort((a, b) => a - b);

  const orders: OrderRow[] = [];
  const orderItems: OrderItemRow[] = [];
  const payments: PaymentRow[] = [];
  let eligible = 0;
  for (const d of orderDays) {
    while (eligible < draft.length && (draft[eligible] as { signup: number }).signup <= d) eligible++;
    const ci = searchCumulative(activityCum, rng.float() * (activityCum[eligible - 1] as number), eligible);
    const customer = customers[ci] as CustomerRow;
    const business = customer.segment !== "Consumer";
    const year = yearOf(d);
    const month = monthOf(d);
    const orderId = orders.length + 1;

    const channel = business
      ? rng.weighted(["web", "mobile", "store"] as const, [80, 5, 15])
      : rng.weighted(
          ["web", "mobile", "store"] as const,
          year === 2022 ? [55, 25, 20] : year === 2023 ? [50, 31, 19] : [45, 37, 18],
        );

    // Basket: category chosen by popularity with seasonal tilts, then a product active at that date.
    const itemCount = rng.weighted([1, 2, 3, 4, 5], business ? [15, 25, 25, 20, 15] : [34, 31, 19, 10, 6]);
    const chosen = new Set<number>();
    let sum = 0; // in 1/10000 currency units
    let hasClothing = false;
    for (let k = 0; k < itemCount; k++) {
      const catWeights = CATEGORIES.map(
        (c) =>
          c.popularity *
          (c.name === "Toys" && month >= 11 ? 3 : 1) *
          (c.name === "Sports" && month >= 5 && month <= 7 ? 1.5 : 1) *
          (c.name === "Home & Garden" && month >= 3 && month <= 5 ? 1.5 : 1) *
          (c.name === "Clothing" && (month === 9 || month === 10) ? 1.3 : 1),
      );
      const cat = rng.weighted(byCategory, catWeights);
      const candidates = cat.filter((p) => p.isActive || year < 2024);
      if (candidates.length === 0) continue;
      const product = rng.weighted(
        candidates,
        candidates.map((p) => productWeight[p.productId - 1] as number),
      );
      if (chosen.has(product.productId)) continue;
      chosen.add(product.productId);
      if (product.categoryId === 2) hasClothing = true;
      const bulky = product.categoryId === 5 || product.categoryId === 8;
      const quantity = business
        ? rng.weighted([1, 2, 3, 5, 10], [45, 20, 15, 12, 8])
        : rng.weighted([1, 2, 3, 4], bulky ? [60, 25, 10, 5] : [82, 13, 4, 1]);
      // Prices were raised at each new year; order_items keep the price charged at the time.
      const unitPriceCents =
        year === 2024
          ? product.unitPriceCents
          : psychologicalPrice(product.unitPriceCents * (year === 2022 ? 0.92 : 0.96));
      const promo = isBlackFridayWeekend(d) ? 0.6 : month === 1 && d - day(year, 1, 1) < 15 ? 0.35 : 0.12;
      const discountPct = rng.chance(promo)
        ? rng.pick(isBlackFridayWeekend(d) ? [15, 20, 25, 30] : [5, 10, 15])
        : business && rng.chance(0.3)
          ? 10
          : 0;
      orderItems.push({
        orderItemId: orderItems.length + 1,
        orderId,
        productId: product.productId,
        quantity,
        unitPriceCents,
        discountPct,
      });
      sum += quantity * unitPriceCents * (100 - discountPct);
    }
    // round(x, 2) in Postgres rounds half away from zero; amounts are positive so this is half-up.
    const totalCents = Math.floor((sum + 50) / 100);

    const age = AS_OF - d;
    const status: OrderStatus =
      age <= 2
        ? rng.weighted(["pending", "shipped", "cancelled"] as const, [50, 40, 10])
        : age <= 7
          ? rng.weighted(["pending", "shipped", "delivered", "cancelled"] as const, [10, 60, 25, 5])
          : age <= 14
            ? rng.weighted(["shipped", "delivered", "cancelled"] as const, [25, 70, 5])
            : rng.weighted(["delivered", "cancelled", "returned"] as const, [
                90 - (hasClothing ? 8 : 0),
                6,
                4 + (hasClothing ? 8 : 0),
              ]);
    orders.push({ orderId, customerId: customer.customerId, orderDate: isoDate(d), status, channel, totalCents });

    // Payments exist once an order is confirmed; returns are refunded outside this table.
    if (status === "pending" || status === "cancelled") continue;
    const method =
      channel === "store"
        ? rng.weighted(["card", "gift_card", "bank_transfer"] as const, [88, 10, 2])
        : rng.weighted(
            ["card", "paypal", "bank_transfer", "gift_card"] as const,
            business ? [45, 10, 43, 2] : [62, 28, 4, 6],
          );
    const seconds = rng.int(7 * 3600, 23 * 3600);
    const delayDays = method === "bank_transfer" && age > 3 ? rng.int(1, 3) : 0;
    const paidAt = `${new Date((d + delayDays) * DAY_MS + seconds * 1000).toISOString().replace("T", " ").slice(0, 19)}+00`;
    if (method === "card" && totalCents > 2000 && rng.chance(0.04)) {
      // Part paid with a gift card, the rest by card: payments still add up to the order total.
      const giftCents = Math.floor(totalCents * (0.1 + 0.4 * rng.float()));
      payments.push({ paymentId: payments.length + 1, orderId, paidAt, method: "gift_card", amountCents: giftCents });
      payments.push({
        paymentId: payments.length + 1,
        orderId,
        paidAt,
        method: "card",
        amountCents: totalCents - giftCents,
      });
    } else {
      payments.push({ paymentId: payments.length + 1, orderId, paidAt, method, amountCents: totalCents });
    }
  }

  return { countries, customers, categories, products, orders, orderItems, payments };
}
