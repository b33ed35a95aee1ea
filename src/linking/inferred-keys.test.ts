import { describe, expect, it } from "vitest";
import type { Catalog, CatalogTable } from "../sql/catalog.types";
import { indexCatalog } from "./catalog-index";
import { inferReferences, keyNameFit, ownKey } from "./inferred-keys";
import { linkSchema } from "./link-schema";

/** Tables without any declared key, as exported or legacy schemas often are. */
const table = (name: string, columns: [string, string][], extra: Partial<CatalogTable> = {}): CatalogTable => ({
  schema: "public",
  name,
  rowEstimate: 100,
  columns: columns.map(([n, type]) => ({ name: n, type, nullable: true })),
  primaryKey: [],
  foreignKeys: [],
  ...extra,
});
const catalog = (tables: CatalogTable[]): Catalog => ({
  namespace: "t",
  dialect: "postgres",
  tables,
  loadedAt: "2026-01-01T00:00:00Z",
});

// A lending library keyed by initialisms (bid, mid), with a link table and a lookup.
const LIBRARY = [
  table("book", [
    ["bid", "bigint"],
    ["title", "text"],
    ["gid", "bigint"],
  ]),
  table("genre", [
    ["gid", "bigint"],
    ["label", "text"],
  ]),
  table("member", [
    ["mid", "bigint"],
    ["full_name", "text"],
  ]),
  table("loan", [
    ["bid", "bigint"],
    ["mid", "bigint"],
    ["loaned_on", "date"],
  ]),
  table("book_review", [
    ["bid", "bigint"],
    ["stars", "integer"],
  ]),
];

// A clinic keyed by `id`, referenced as `<table>_id`.
const CLINIC = [
  table("patient", [
    ["id", "integer"],
    ["name", "text"],
  ]),
  table("physician", [
    ["id", "integer"],
    ["name", "text"],
  ]),
  table("visits", [
    ["id", "integer"],
    ["patient_id", "integer"],
    ["physician_id", "integer"],
    ["paid", "boolean"],
  ]),
];

// A vendor-prefixed naming convention (every table starts with "zq"), lower-cased by Postgres.
const PREFIXED = [
  table(
    "zqvendor",
    [
      ["zqvendorid", "varchar(20)"],
      ["zqvendorname", "text"],
    ],
    { primaryKey: ["zqvendorid"] },
  ),
  table(
    "zqinvoice",
    [
      ["zqinvid", "varchar(20)"],
      ["zqinvvendorid", "varchar(20)"],
      ["zqinvtotal", "numeric"],
    ],
    { primaryKey: ["zqinvid"] },
  ),
];

const refs = (tables: CatalogTable[]) =>
  inferReferences(tables)
    .map((r) => `${r.from}.${r.fromColumn} -> ${r.to}.${r.toColumn}`)
    .sort();

describe("keys read from names", () => {
  it("finds a table's own key: declared, id, <table>_id or an initialism of its name", () => {
    expect(ownKey(LIBRARY[0]!)).toBe("bid");
    expect(ownKey(LIBRARY[3]!)).toBeUndefined(); // loan's first column names another table
    expect(ownKey(CLINIC[0]!)).toBe("id");
    expect(keyNameFit(table("order_items", []), "order_item_id")).toBe(3);
    expect(keyNameFit(table("member", []), "paid")).toBe(0);
    expect(
      ownKey(
        table("payment", [
          ["paid", "boolean"],
          ["amount", "numeric"],
        ]),
      ),
    ).toBeUndefined();
  });

  it("links initialism keys, a link table and a lookup (library schema)", () => {
    expect(refs(LIBRARY)).toEqual([
      "public.book.gid -> public.genre.gid",
      "public.book_review.bid -> public.book.bid",
      "public.loan.bid -> public.book.bid",
      "public.loan.mid -> public.member.mid",
    ]);
  });

  it("links <table>_id to a table keyed by id, and never id to id (clinic schema)", () => {
    expect(refs(CLINIC)).toEqual([
      "public.visits.patient_id -> public.patient.id",
      "public.visits.physician_id -> public.physician.id",
    ]);
  });

  it("sees through a prefix every table shares, and needs matching types", () => {
    expect(refs(PREFIXED)).toEqual(["public.zqinvoice.zqinvvendorid -> public.zqvendor.zqvendorid"]);
    const mismatched = [
      PREFIXED[0]!,
      table("zqinvoice", [
        ["zqinvid", "bigint"],
        ["zqinvvendorid", "bigint"],
      ]),
    ];
    expect(refs(mismatched)).toEqual([]);
  });

  it("reads a reference that names the table when its key is an abbreviation (box office)", () => {
    const boxOffice = [
      table(
        "bxcustomer",
        [
          ["bxcsid", "integer"],
          ["bxcsname", "text"],
        ],
        { primaryKey: ["bxcsid"] },
      ),
      table(
        "bxticket",
        [
          ["bxtkid", "integer"],
          ["bxtkcustomerid", "integer"],
        ],
        { primaryKey: ["bxtkid"] },
      ),
    ];
    expect(refs(boxOffice)).toEqual(["public.bxticket.bxtkcustomerid -> public.bxcustomer.bxcsid"]);
  });

  it("finds the key where it is not the first column, and prefers the best-fitting name", () => {
    // A dump with sorted columns: `pid` is publication's key, not its link table's.
    const papers = [
      table("publication", [
        ["abstract", "text"],
        ["pid", "integer"],
        ["title", "text"],
      ]),
      table("publication_keyword", [
        ["pid", "integer"],
        ["kid", "integer"],
      ]),
      table("writes", [
        ["aid", "integer"],
        ["pid", "integer"],
      ]),
    ];
    expect(ownKey(papers[0]!)).toBe("pid");
    expect(refs(papers)).toEqual([
      "public.publication_keyword.pid -> public.publication.pid",
      "public.writes.pid -> public.publication.pid",
    ]);
    // `business_id` fits business better than the initialism `bid` does.
    const reviews = [
      table("business", [
        ["bid", "integer"],
        ["business_id", "text"],
        ["name", "text"],
      ]),
      table("review", [
        ["rid", "integer"],
        ["business_id", "text"],
        ["rating", "integer"],
      ]),
    ];
    expect(refs(reviews)).toEqual(["public.review.business_id -> public.business.business_id"]);
  });

  it("keys a lookup by its name column when it has no id (city guide, states)", () => {
    const guide = [
      table("venue", [
        ["id", "integer"],
        ["city_name", "text"],
      ]),
      table("geo", [
        ["city_name", "text"],
        ["region", "text"],
      ]),
    ];
    expect(refs(guide)).toEqual(["public.venue.city_name -> public.geo.city_name"]);
    const states = [
      table("border", [
        ["state_name", "text"],
        ["border", "text"],
      ]),
      table("state", [
        ["state_name", "text"],
        ["population", "integer"],
      ]),
    ];
    // `state_name` fits state better than border, which lists it first too.
    expect(refs(states)).toEqual(["public.border.state_name -> public.state.state_name"]);
  });

  it("links <singular>_id to a plural table whose stem is not a word (bikes, boxes)", () => {
    const refs = (tables: CatalogTable[]) =>
      inferReferences(tables).map((r) => `${r.from}.${r.fromColumn}->${r.to}.${r.toColumn}`);
    const bikes = [
      table(
        "bikes",
        [
          ["id", "integer"],
          ["brand", "text"],
        ],
        { primaryKey: ["id"] },
      ),
      table(
        "rentals",
        [
          ["id", "integer"],
          ["bike_id", "integer"],
        ],
        { primaryKey: ["id"] },
      ),
    ];
    expect(refs(bikes)).toEqual(["public.rentals.bike_id->public.bikes.id"]);
    const boxes = [
      table("boxes", [
        ["id", "integer"],
        ["label", "text"],
      ]),
      table("parcels", [
        ["id", "integer"],
        ["box_id", "integer"],
      ]),
    ];
    expect(refs(boxes)).toContain("public.parcels.box_id->public.boxes.id");
  });

  it("keys a reference table by the code named for it (carriers, currencies)", () => {
    const refs = (tables: CatalogTable[]) =>
      inferReferences(tables).map((r) => `${r.from}.${r.fromColumn}->${r.to}.${r.toColumn}`);
    const carriers = [
      table("carrier", [
        ["carrier_code", "text"],
        ["carrier_name", "text"],
      ]),
      table("trip", [
        ["trip_id", "integer"],
        ["carrier_code", "text"],
        ["seats", "integer"],
      ]),
    ];
    expect(ownKey(carriers[0] as CatalogTable)).toBe("carrier_code");
    expect(refs(carriers)).toEqual(["public.trip.carrier_code->public.carrier.carrier_code"]);
    const currencies = [
      table("currencies", [
        ["currency_code", "text"],
        ["symbol", "text"],
      ]),
      table("invoices", [
        ["id", "integer"],
        ["currency_code", "text"],
        ["total", "numeric"],
      ]),
      // A code not named for its table keys nothing: "region_code" in districts.
      table("districts", [
        ["region_code", "text"],
        ["district_name", "text"],
      ]),
    ];
    expect(refs(currencies)).toContain("public.invoices.currency_code->public.currencies.currency_code");
    expect(ownKey(currencies[2] as CatalogTable)).toBeUndefined();
  });

  it("never overrides a declared foreign key", () => {
    const declared = CLINIC.map((t) =>
      t.name === "visits"
        ? {
            ...t,
            foreignKeys: [{ columns: ["patient_id"], refSchema: "public", refTable: "patient", refColumns: ["id"] }],
          }
        : t,
    );
    expect(refs(declared)).toEqual(["public.visits.physician_id -> public.physician.id"]);
  });

  it("makes the inferred columns keys and joins for linking", () => {
    const index = indexCatalog(catalog(LIBRARY));
    expect(index.table("loan")?.column("mid")?.isForeignKey).toBe(true);
    expect(index.table("book")?.column("bid")?.isPrimaryKey).toBe(true);
    const linked = linkSchema(catalog(LIBRARY), "which members borrowed a book", { maxTables: 2 });
    expect(linked.tables.map((t) => t.table.name)).toContain("loan");
    expect(linked.joins).toContainEqual({
      from: { table: "public.loan", columns: ["mid"] },
      to: { table: "public.member", columns: ["mid"] },
    });
  });
});
