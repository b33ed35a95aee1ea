/**
 * DDL of the demo retail database. Table and column comments are written for schema linking: they are
 * what an analyst would say about each column, including units and the meaning of status values.
 */

export const DEMO_SCHEMA_DDL = `
CREATE TABLE countries (
  country_code char(2) PRIMARY KEY,
  name text NOT NULL UNIQUE,
  region text NOT NULL
);
CREATE TABLE customers (
  customer_id integer PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  country text NOT NULL,
  city text,
  segment text NOT NULL CHECK (segment IN ('Consumer', 'Corporate', 'Small Business')),
  signup_date date NOT NULL
);
CREATE TABLE product_categories (
  category_id integer PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text NOT NULL
);
CREATE TABLE products (
  product_id integer PRIMARY KEY,
  name text NOT NULL,
  category_id integer NOT NULL,
  unit_price numeric(10,2) NOT NULL CHECK (unit_price > 0),
  cost numeric(10,2) NOT NULL CHECK (cost >= 0),
  is_active boolean NOT NULL DEFAULT true
);
CREATE TABLE orders (
  order_id integer PRIMARY KEY,
  customer_id integer NOT NULL,
  order_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'shipped', 'delivered', 'cancelled', 'returned')),
  channel text NOT NULL CHECK (channel IN ('web', 'mobile', 'store')),
  total_amount numeric(12,2) NOT NULL
);
CREATE TABLE order_items (
  order_item_id integer PRIMARY KEY,
  order_id integer NOT NULL,
  product_id integer NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL,
  discount numeric(4,2) NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < 1)
);
CREATE TABLE payments (
  payment_id integer PRIMARY KEY,
  order_id integer NOT NULL,
  paid_at timestamptz NOT NULL,
  method text NOT NULL CHECK (method IN ('card', 'paypal', 'bank_transfer', 'gift_card')),
  amount numeric(12,2) NOT NULL CHECK (amount > 0)
);
`;

/** Comments by table, then by column; the '' key holds the table comment. */
const COMMENTS: Record<string, Record<string, string>> = {
  countries: {
    "": "Countries the shop sells to, with the sales region each belongs to",
    country_code: "ISO 3166-1 alpha-2 country code, e.g. DE",
    name: "Country name in English, e.g. Germany; customers.country refers to it",
    region: "Sales region: 'North America', 'Latin America', 'Europe', 'Asia Pacific' or 'Middle East & Africa'",
  },
  customers: {
    "": "Registered customers of the shop, one row per customer account",
    customer_id: "Unique customer identifier",
    name: "Full name of the customer (first and last name)",
    email: "Email address used to sign up; unique per customer",
    country: "Country the customer lives in (English name, e.g. Germany); references countries.name",
    city: "City of the customer's default shipping address; null when unknown",
    segment: "Customer segment: 'Consumer' (private person), 'Corporate' or 'Small Business'",
    signup_date: "Date the customer created their account",
  },
  product_categories: {
    "": "Product categories of the catalogue, e.g. Electronics or Books",
    category_id: "Unique category identifier",
    name: "Category name, e.g. Electronics, Clothing, Home & Garden",
    description: "What the category contains",
  },
  products: {
    "": "Products in the catalogue, including discontinued ones",
    product_id: "Unique product identifier",
    name: "Product name as shown in the shop",
    category_id: "Category of the product; references product_categories.category_id",
    unit_price:
      "Current list price per unit in USD (past orders may have been charged less: see order_items.unit_price)",
    cost: "Current purchase cost per unit in USD; unit_price minus cost is the gross margin per unit",
    is_active: "True while the product is on sale; false for discontinued products",
  },
  orders: {
    "": "Customer orders, one row per order (checkout); the line items are in order_items",
    order_id: "Unique order identifier",
    customer_id: "Customer who placed the order; references customers.customer_id",
    order_date: "Date the order was placed",
    status:
      "Fulfilment status: 'pending' (not yet shipped), 'shipped', 'delivered', 'cancelled' (never paid) or 'returned' (delivered then sent back)",
    channel: "Sales channel the order came through: 'web' (website), 'mobile' (app) or 'store' (physical store)",
    total_amount:
      "Order total in USD after discounts: the sum over its items of quantity * unit_price * (1 - discount)",
  },
  order_items: {
    "": "Line items of orders: one row per product in an order",
    order_item_id: "Unique line item identifier",
    order_id: "Order the line belongs to; references orders.order_id",
    product_id: "Product sold; references products.product_id",
    quantity: "Number of units ordered",
    unit_price: "Price per unit in USD charged at the time of the order, before discount",
    discount: "Discount rate applied to the line as a fraction, e.g. 0.15 means 15 % off",
  },
  payments: {
    "": "Payments received for orders; confirmed orders (shipped, delivered, returned) are fully paid, sometimes in two parts. Refunds of returned orders are not recorded here",
    payment_id: "Unique payment identifier",
    order_id: "Order the payment is for; references orders.order_id",
    paid_at: "Date and time the payment was received (UTC)",
    method: "Payment method: 'card', 'paypal', 'bank_transfer' or 'gift_card'",
    amount: "Amount paid in USD",
  },
};

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export const DEMO_COMMENTS_SQL = Object.entries(COMMENTS)
  .flatMap(([table, cols]) =>
    Object.entries(cols).map(([col, text]) =>
      col === ""
        ? `COMMENT ON TABLE ${table} IS ${quote(text)};`
        : `COMMENT ON COLUMN ${table}.${col} IS ${quote(text)};`,
    ),
  )
  .join("\n");

/**
 * Foreign keys and indexes, added after the bulk load: per-row FK triggers made the INSERTs of
 * order_items three times slower in PGlite, while one ALTER TABLE validates all rows in a single pass.
 */
export const DEMO_CONSTRAINTS_SQL = `
ALTER TABLE customers ADD FOREIGN KEY (country) REFERENCES countries (name);
ALTER TABLE products ADD FOREIGN KEY (category_id) REFERENCES product_categories (category_id);
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (customer_id);
ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (order_id);
ALTER TABLE order_items ADD FOREIGN KEY (product_id) REFERENCES products (product_id);
ALTER TABLE payments ADD FOREIGN KEY (order_id) REFERENCES orders (order_id);
CREATE INDEX customers_country_idx ON customers (country);
CREATE INDEX products_category_idx ON products (category_id);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_order_date_idx ON orders (order_date);
CREATE INDEX order_items_order_idx ON order_items (order_id);
CREATE INDEX order_items_product_idx ON order_items (product_id);
CREATE INDEX payments_order_idx ON payments (order_id);
`;
