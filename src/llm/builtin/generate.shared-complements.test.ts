import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "Trips that started and ended at Central Station" kept the trips that started there and read
 * "ended" as end_ts IS NOT NULL: one place after two joined verbs belongs to both, each its own
 * column (start and end station). Refused, naming the words. Schemas: a ferry line and an airport
 * shuttle, invented here.
 */

const stops = (name: string, label: string, samples: string[]) =>
  table(
    name,
    [
      [`${name.slice(0, -1)}_id`, "integer"],
      [label, "text"],
    ],
    { primaryKey: [`${name.slice(0, -1)}_id`], samples: { [label]: samples } },
  );

const twoRoles = (name: string, key: string, target: string, roles: [string, string], dates: [string, string]) => {
  const t = table(
    name,
    [
      [key, "integer"],
      [`${roles[0]}_${target.slice(0, -1)}_id`, "integer"],
      [`${roles[1]}_${target.slice(0, -1)}_id`, "integer"],
      [dates[0], "timestamp"],
      [dates[1], "timestamp"],
    ],
    { primaryKey: [key] },
  );
  for (const role of roles) withForeignKey(t, `${role}_${target.slice(0, -1)}_id`, target, `${target.slice(0, -1)}_id`);
  return t;
};

const FERRY_LINE = catalog([
  stops("ports", "port_nm", ["Dover", "Calais"]),
  twoRoles("sailings", "sailing_id", "ports", ["departed", "arrived"], ["departed_ts", "arrived_ts"]),
]);

const SHUTTLE = catalog([
  stops("stops", "stop_nm", ["Airport", "Old Town"]),
  twoRoles("rides", "ride_id", "stops", ["boarded", "alighted"], ["boarded_ts", "alighted_ts"]),
]);

const options = { currentDate: "2026-12-07" };

describe("one place after two joined verbs is refused", () => {
  it("ferry line: sailings that departed and arrived at Dover", async () => {
    expectDeclined(FERRY_LINE, "Sailings that departed and arrived at Dover", options, /"departed and arrived at"/);
    await expectSql(
      FERRY_LINE,
      { q: "Sailings that departed from Dover", has: ["p.port_id = s.departed_port_id", "p.port_nm = 'Dover'"] },
      options,
    );
  });

  it("shuttle: rides that boarded and alighted at the airport", () => {
    expectDeclined(SHUTTLE, "Rides that boarded and alighted at Airport", options, /"boarded and alighted at"/);
  });
});
