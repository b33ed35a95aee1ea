import { describe, it } from "vitest";
import { LIBRARY_CATALOG } from "../../../test/fixtures/catalogs/library";
import { SAAS_CATALOG } from "../../../test/fixtures/catalogs/saas";
import { expectSql } from "./test-helpers";

// "from <period>" on its own is the period's rows; read as "since", later rows were counted too.
const options = { currentDate: "2026-06-30" };

describe("'from' before a period bounds it on both sides unless 'onwards' follows", () => {
  it("library: loans from last month end with the month", () =>
    expectSql(
      LIBRARY_CATALOG,
      {
        q: "how many loans from last month",
        has: ["l.loaned_on >= DATE '2026-05-01' AND l.loaned_on < DATE '2026-06-01'"],
      },
      options,
    ));
  it("library: loans from 2025 onwards run on", () =>
    expectSql(
      LIBRARY_CATALOG,
      { q: "loans from 2025 onwards", has: ["WHERE l.loaned_on >= DATE '2025-01-01' ORDER BY"], not: ["<"] },
      options,
    ));
  it("saas: invoices from 2024 are 2024's", () =>
    expectSql(
      SAAS_CATALOG,
      { q: "invoices from 2024", has: ["i.issued_on >= DATE '2024-01-01' AND i.issued_on < DATE '2025-01-01'"] },
      options,
    ));
});
