/**
 * The built-in metric definitions of the `demo` namespace, so the demo answers metric questions with
 * no configuration (a Worker cannot read metrics/demo.yml at run time). metrics/demo.yml is the same
 * text for people to read and copy; test/workers/metrics.test.ts fails when the two differ.
 */
export const DEMO_METRICS_YAML = `# Metric definitions of the 'demo' namespace (the retail demo database, scripts/demo-data).
#
# This file is the human-readable copy of the built-in definitions in src/semantic/demo-metrics.ts
# (a test keeps the two identical): 'demo' has its metrics with no configuration, and this file is
# the example to copy for metrics/<namespace>.yml. Format: src/semantic/definitions.ts; notes in
# metrics/README.md.
semantic_models:
  orders:
    table: orders
    description: Customer orders, one row per checkout
    default_time_dimension: order_date
    entities:
      order: { type: primary, expr: order_id }
      customer: { type: foreign, expr: customer_id }
    time_dimensions:
      order_date:
        expr: order_date
        label: Order date
        synonyms: [date, order time]
        granularities: [day, week, month, quarter, year]
        default_granularity: month
    dimensions:
      status: { expr: status, label: Order status, synonyms: [order status, fulfilment status, state] }
      channel: { expr: channel, label: Sales channel, synonyms: [sales channel, source] }
    measures:
      order_count: { agg: count, expr: order_id, description: "Orders placed, whatever their status" }
      ordering_customers: { agg: count_distinct, expr: customer_id, description: Distinct customers with an order }

  order_items:
    table: order_items
    description: Order lines; their time is the order's date
    default_time_dimension: order_date
    entities:
      order_item: { type: primary, expr: order_item_id }
      order: { type: foreign, expr: order_id }
      product: { type: foreign, expr: product_id }
    measures:
      revenue:
        agg: sum
        expr: quantity * unit_price * (1 - discount)
        description: Line amounts after discount (their sum per order is orders.total_amount)
      items_sold: { agg: sum, expr: quantity, description: Units sold }
      line_discount: { agg: avg, expr: discount, description: Average discount rate per order line (0.15 = 15 %) }

  products:
    table: products
    entities:
      product: { type: primary, expr: product_id }
      category: { type: foreign, expr: category_id }
    dimensions:
      product: { expr: name, label: Product, synonyms: [product name, item, sku] }

  product_categories:
    table: product_categories
    entities:
      category: { type: primary, expr: category_id }
    dimensions:
      product_category: { expr: name, label: Product category, synonyms: [category, categories, product type] }

  customers:
    table: customers
    entities:
      customer: { type: primary, expr: customer_id }
      country: { type: foreign, expr: country }
    time_dimensions:
      signup_date: { expr: signup_date, label: Signup date, synonyms: [signup, registration date] }
    dimensions:
      country: { expr: country, label: Country, synonyms: [nation, market] }
      city: { expr: city, label: City, synonyms: [town] }
      segment: { expr: segment, label: Customer segment, synonyms: [customer segment, customer type] }

  countries:
    table: countries
    entities:
      country: { type: primary, expr: name }
    dimensions:
      region: { expr: region, label: Sales region, synonyms: [sales region, continent, area] }

  payments:
    table: payments
    description: Payments received; confirmed orders are paid, sometimes in two parts
    default_time_dimension: paid_at
    entities:
      payment: { type: primary, expr: payment_id }
      order: { type: foreign, expr: order_id }
    time_dimensions:
      paid_at: { expr: paid_at, label: Payment date, synonyms: [payment date, payment time] }
    dimensions:
      payment_method: { expr: method, label: Payment method, synonyms: [method, payment type, paid with, pay with] }
    measures:
      payment_amount: { agg: sum, expr: amount, description: Amount received }
      payment_count: { agg: count, expr: payment_id }

metrics:
  revenue:
    type: simple
    measure: revenue
    label: Revenue
    description: Sales after line discounts, all orders (see net_revenue)
    synonyms: [sales, turnover, gmv, income, gross revenue]
    domain: sales
    layer1: orders
  net_revenue:
    type: simple
    measure: revenue
    label: Net revenue
    description: Revenue of orders neither cancelled nor returned
    synonyms: [net sales, kept revenue]
    filters:
      - { dimension: status, operator: not_in, values: [cancelled, returned] }
    domain: sales
    layer1: orders
  order_count:
    type: simple
    measure: order_count
    label: Orders
    description: Number of orders placed
    synonyms: [orders, number of orders, order volume, how many orders, count of orders]
    domain: sales
    layer1: orders
  cancelled_orders:
    type: simple
    measure: order_count
    label: Cancelled orders
    synonyms: [cancellations, canceled orders]
    filters:
      - { dimension: status, value: cancelled }
    domain: sales
    layer1: orders
  cancellation_rate:
    type: ratio
    numerator: cancelled_orders
    denominator: order_count
    label: Cancellation rate
    description: Share of orders that were cancelled
    synonyms: [cancel rate, share of cancelled orders]
    domain: sales
    layer1: orders
  average_order_value:
    type: ratio
    numerator: revenue
    denominator: order_count
    label: Average order value
    description: Revenue divided by the number of orders (a ratio of sums)
    synonyms: [aov, avg order value, average order, average basket, basket size, average order size]
    domain: sales
    layer1: orders
  active_customers:
    type: simple
    measure: ordering_customers
    label: Active customers
    description: Distinct customers who placed at least one order in the period
    synonyms: [buying customers, ordering customers, unique customers, customers who ordered, number of customers]
    domain: sales
    layer1: customers
  revenue_per_customer:
    type: derived
    expr: revenue / NULLIF(active_customers, 0)
    label: Revenue per customer
    description: Revenue divided by the active customers of the same period and group
    synonyms: [revenue per active customer, average revenue per customer, arpu, spend per customer]
    domain: sales
    layer1: customers
  cumulative_revenue:
    type: cumulative
    measure: revenue
    label: Cumulative revenue
    description: Running total of revenue over the grain, from the start of the requested period
    synonyms: [running revenue, running total revenue, revenue running total, revenue to date, accumulated revenue]
    domain: sales
    layer1: orders
  trailing_3_month_revenue:
    type: cumulative
    measure: revenue
    window: 3 months
    label: Trailing 3-month revenue
    description: Revenue of the three months up to and including each period
    synonyms:
      [rolling 3 month revenue, rolling three month revenue, trailing three month revenue, rolling quarter revenue]
    domain: sales
    layer1: orders
  items_sold:
    type: simple
    measure: items_sold
    label: Items sold
    synonyms: [units sold, quantity sold, units, items, quantity]
    domain: sales
    layer1: products
  average_discount:
    type: simple
    measure: line_discount
    label: Average discount
    synonyms: [avg discount, discount rate, mean discount]
    domain: sales
    layer1: products
  payments_received:
    type: simple
    measure: payment_amount
    label: Payments received
    synonyms: [payments, payment amount, amount paid, amount received, collected, cash collected]
    domain: finance
    layer1: payments
  payment_count:
    type: simple
    measure: payment_count
    label: Number of payments
    synonyms: [number of payments, payment transactions, how many payments]
    domain: finance
    layer1: payments
`;
