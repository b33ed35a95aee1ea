import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * A word naming a table exactly is that table, not one a synonym reaches: "customers" beside
 * customers and accounts tables lists customers; "per account" beside accounts and account_users
 * groups by accounts, since one word ("account", a synonym of user) does not name account_users
 * whole. A utility, a bank, a software vendor and an agency.
 */

/** People, their accounts, and rows on the accounts with a status. */
function peopleAccountsRows(people: string, rows: string, samples: Record<string, string[]>) {
  const key = `${people.replace(/s$/, "")}_id`;
  return catalog([
    table(
      people,
      [
        [key, "integer"],
        ["full_name", "text"],
      ],
      { primaryKey: [key] },
    ),
    withForeignKey(
      table(
        "accounts",
        [
          ["acct_no", "integer"],
          [key, "integer"],
          ["acct_type", "text"],
          ["currency_cd", "text"],
        ],
        { primaryKey: ["acct_no"], samples },
      ),
      key,
      people,
      key,
    ),
    withForeignKey(
      table(
        rows,
        [
          ["id", "integer"],
          ["acct_no", "integer"],
          ["row_status", "text"],
        ],
        { primaryKey: ["id"], samples: { row_status: ["open", "overdue", "paid"] } },
      ),
      "acct_no",
      "accounts",
      "acct_no",
    ),
  ]);
}

const UTILITY = peopleAccountsRows("customers", "bills", { acct_type: ["gas", "power"] });
const BANK = peopleAccountsRows("clients", "statements", {
  acct_type: ["savings", "checking"],
  currency_cd: ["EUR", "USD"],
});

/** Owners and the users of each owner, in a table named for both. */
function ownersAndUsers(owners: string, users: string) {
  const key = `${owners.replace(/s$/, "")}_id`;
  return catalog([
    table(
      owners,
      [
        [key, "integer"],
        ["owner_nm", "text"],
        ["created_at", "timestamp"],
      ],
      { primaryKey: [key] },
    ),
    withForeignKey(
      table(
        users,
        [
          ["user_id", "integer"],
          [key, "integer"],
          ["email", "text"],
          ["role", "text"],
        ],
        { primaryKey: ["user_id"], samples: { role: ["admin", "member"] } },
      ),
      key,
      owners,
      key,
    ),
  ]);
}

const VENDOR = ownersAndUsers("accounts", "account_users");
const AGENCY = ownersAndUsers("clients", "client_users");

const options = { currentDate: "2026-12-07" };

describe("a table named exactly is listed, not a table its synonym reaches", () => {
  it("utility: customers with overdue bills are customers", () =>
    expectSql(
      UTILITY,
      { q: "customers with overdue bills", has: ["FROM customers c", "b.row_status = 'overdue'"] },
      options,
    ));
  it("bank: clients with savings accounts in EUR are clients", () =>
    expectSql(
      BANK,
      { q: "clients with savings accounts in EUR", has: ["FROM clients c", "a.acct_type = 'savings'"] },
      options,
    ));
});

describe("one word does not name a two-word table whole through a synonym", () => {
  it("vendor: users per account are grouped by the accounts", () =>
    expectSql(
      VENDOR,
      { q: "how many users per account", has: ["JOIN accounts a", "GROUP BY 1, 2"], not: ["au.user_id,"] },
      options,
    ));
  it("agency: admins per client are grouped by the clients", () =>
    expectSql(
      AGENCY,
      { q: "number of admins per client", has: ["JOIN clients c", "cu.role = 'admin'"], not: ["cu.user_id,"] },
      options,
    ));
});
