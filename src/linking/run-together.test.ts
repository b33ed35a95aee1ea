import { describe, expect, it } from "vitest";
import { catalog } from "../../test/fixtures/catalogs/build";
import type { CatalogTable } from "../sql/catalog.types";
import { indexCatalog } from "./catalog-index";
import { droppablePrefix, NameVocabulary, runTogetherWords } from "./run-together";
import { wordStems } from "./text";

const vocabulary = new NameVocabulary(["vendor", "purchase", "ticket", "seat"]);

const table = (name: string, columns: string[]): CatalogTable => ({
  schema: "public",
  name,
  rowEstimate: 10,
  columns: columns.map((n) => ({ name: n, type: n.endsWith("amount") ? "numeric" : "text", nullable: true })),
  primaryKey: [],
  foreignKeys: [],
});

describe("run-together names", () => {
  it("cuts a name into known words, an unknown head first at most", () => {
    expect(vocabulary.segment("joindate")).toEqual(["join", "date"]);
    expect(vocabulary.segment("settlementdatestr")).toEqual(["settlement", "date", "str"]);
    expect(vocabulary.segment("custid")).toEqual(["cust", "id"]);
    expect(vocabulary.segment("venueid")).toEqual(["venue", "id"]);
    expect(vocabulary.segment("postalcode")).toEqual(["postal", "code"]);
    expect(vocabulary.segment("db2x")).toBeUndefined();
  });

  it("drops a prefix every column shares when what is left is words (an ERP and a box office)", () => {
    expect(droppablePrefix(["zqvndid", "zqvndname", "zqvndcity", "zqvndjoindate"], vocabulary)).toBe("zqvnd");
    expect(droppablePrefix(["bxtkid", "bxtkseat", "bxtkprice", "bxtkstatus", "bxtkeventid"], vocabulary)).toBe("bxtk");
    const words = runTogetherWords(["bxtkid", "bxtkseat", "bxtkprice", "bxtkeventid"], vocabulary);
    expect(words.get("bxtkeventid")).toEqual(["event", "id"]);
  });

  it("keeps names that only start alike, or that are already split", () => {
    expect(droppablePrefix(["status", "state", "start"], vocabulary)).toBe("");
    expect(droppablePrefix(["price", "priority", "prize"], vocabulary)).toBe("");
    expect(droppablePrefix(["order_id", "order_date", "order_total"], vocabulary)).toBe("");
    expect(droppablePrefix(["vendorId", "vendorName", "vendorCity"], vocabulary)).toBe("");
    expect(droppablePrefix(["id"], vocabulary)).toBe("");
  });

  it("gives the catalog index the words, so linking and the generator read them", () => {
    const index = indexCatalog(
      catalog([
        table("zqvendor", ["zqvndid", "zqvndname", "zqvndcountry", "zqvndjoindate"]),
        table("zqpurchase", ["zqpoid", "zqpovndid", "zqpoamount", "zqpostatus"]),
        table("zqinvoice", ["zqinvid", "zqinvpoid", "zqinvamount", "zqinvdate"]),
      ]),
    );
    const vendor = index.table("zqvendor")!;
    expect(vendor.nameStems).toEqual(["vendor"]);
    expect(vendor.column("zqvndcountry")?.nameStems).toEqual(wordStems(["country"]));
    expect(vendor.column("zqvndjoindate")?.nameStems).toEqual(wordStems(["join", "date"]));
    expect(index.table("zqpurchase")!.column("zqpoamount")?.nameStems).toEqual(["amount"]);
    // Snake-case schemas are untouched.
    const plain = indexCatalog(catalog([table("orders", ["order_id", "order_date", "amount"])]));
    expect(plain.table("orders")!.column("order_date")?.nameStems).toEqual(wordStems(["order", "date"]));
  });
});
