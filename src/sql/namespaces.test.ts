import { describe, expect, it } from "vitest";
import { loadNamespaces } from "../config/namespaces";
import { ConfigError } from "../config/yaml-config";
import { NamespaceRegistry } from "./namespaces";

describe("namespaces", () => {
  const registry = new NamespaceRegistry(
    {
      shop: {
        type: "postgres",
        url: "postgres://reader:pw@127.0.0.1:5432/shop",
        schema: "sales",
        schemas: ["sales", "ref"],
        row_limit: 50,
        max_result_bytes: 65_536,
      },
    },
    { embeddedAvailable: true },
  );

  it("serves demo without configuration where the embedded database exists", () => {
    expect(registry.names()).toEqual(["demo", "shop"]);
    const demo = registry.resolve("demo");
    expect(demo.ok && demo.target.kind).toBe("embedded");
    expect(new NamespaceRegistry({}, { embeddedAvailable: false }).names()).toEqual([]);
  });

  it("lists the known namespaces for an unknown one", () => {
    expect(registry.resolve("nope")).toEqual({ ok: false, reason: "unknown_namespace", known: ["demo", "shop"] });
  });

  it("applies limits and schemas from the configuration", () => {
    const shop = registry.resolve("shop");
    expect(shop.ok && shop.target).toMatchObject({
      database: "shop",
      defaultSchema: "sales",
      allowedSchemas: ["sales", "ref"],
      rowLimit: 50,
      maxResultBytes: 65_536,
    });
    const demo = registry.resolve("demo");
    expect(demo.ok && demo.target).toMatchObject({
      rowLimit: 1000,
      maxResultBytes: 1024 * 1024,
      statementTimeoutMs: 15_000,
    });
  });

  it("refuses a result limit above what a task can store", () => {
    // A Durable Object's SQLite row holds at most 2 MB; the task's result lives in one.
    const tooBig = "namespaces:\n  shop:\n    type: embedded\n    max_result_bytes: 4194304\n";
    expect(() => loadNamespaces(tooBig)).toThrow(/max_result_bytes/);
  });

  it("narrows to one allowed schema and refuses others", () => {
    const narrowed = registry.resolve("shop", { schema_name: "ref" });
    expect(narrowed.ok && narrowed.target.allowedSchemas).toEqual(["ref"]);
    expect(registry.resolve("shop", { schema_name: "pg_catalog" })).toMatchObject({
      ok: false,
      reason: "unknown_schema",
    });
    expect(registry.resolve("shop", { database_name: "other" })).toMatchObject({
      ok: false,
      reason: "unknown_database",
      known: ["shop"],
    });
    expect(registry.resolve("shop", { database_name: "shop" }).ok).toBe(true);
  });

  it("names the bad key of a broken namespaces.yml, without its values", () => {
    const broken = "namespaces:\n  shop:\n    type: postgres\n    url: mysql://secret@host/db\n    colour: red\n";
    try {
      loadNamespaces(broken);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain("namespaces.shop.url");
      expect(message).toContain("namespaces.shop.colour");
      expect(message).not.toContain("secret");
    }
  });
});
