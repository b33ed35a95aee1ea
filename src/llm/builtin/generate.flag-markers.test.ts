import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectSql } from "./test-helpers";

/**
 * Flags named the legacy way, with a marker after what they flag (hazmat_flg, on_display_flag,
 * framed_yn, ship_out_flg): the words before the marker name the flag. Schemas: a gallery (works
 * and loans out to other venues) and a freight yard (containers and the inspections of them),
 * invented here.
 */

const GALLERY = catalog([
  table(
    "works",
    [
      ["work_id", "integer"],
      ["title", "text"],
      ["medium", "text"],
      ["on_display_flag", "boolean"],
      ["framed_yn", "boolean"],
      ["gift_aid_flg", "boolean"],
    ],
    { primaryKey: ["work_id"], samples: { medium: ["oil", "bronze", "ink"] } },
  ),
  withForeignKey(
    table(
      "loans",
      [
        ["loan_id", "integer"],
        ["work_id", "integer"],
        ["loan_type", "text"],
        ["began_dt", "date"],
      ],
      { primaryKey: ["loan_id"], samples: { loan_type: ["outgoing", "gifted", "framed"] } },
    ),
    "work_id",
    "works",
    "work_id",
  ),
]);

const YARD = catalog([
  table(
    "containers",
    [
      ["container_id", "integer"],
      ["box_no", "text"],
      ["hazmat_flg", "boolean"],
      ["reefer_ind", "boolean"],
      ["ship_out_flg", "boolean"],
      ["gross_kg", "numeric"],
    ],
    { primaryKey: ["container_id"] },
  ),
  withForeignKey(
    table(
      "inspections",
      [
        ["insp_id", "integer"],
        ["container_id", "integer"],
        ["finding", "text"],
        ["insp_dt", "date"],
      ],
      { primaryKey: ["insp_id"], samples: { finding: ["hazmat", "clear", "shipping"] } },
    ),
    "container_id",
    "containers",
    "container_id",
  ),
]);

const options = { currentDate: "2026-12-07" };

describe("flags with a marker after their words", () => {
  it("gallery: 'works on display', 'framed works' filter on_display_flag and framed_yn", async () => {
    await expectSql(GALLERY, { q: "works currently on display", has: ["WHERE w.on_display_flag = true"] }, options);
    await expectSql(
      GALLERY,
      { q: "how many oil works are on display", has: ["w.medium = 'oil'", "w.on_display_flag = true"] },
      options,
    );
  });

  it("yard: 'hazmat containers' and 'reefer containers' filter hazmat_flg and reefer_ind", async () => {
    await expectSql(
      YARD,
      { q: "total gross kg of reefer containers", has: ["SUM(c.gross_kg)", "WHERE c.reefer_ind = true"] },
      options,
    );
    await expectSql(
      YARD,
      { q: "how many hazmat containers", has: ["FROM containers c WHERE c.hazmat_flg = true"], not: ["inspections"] },
      options,
    );
  });

  it("a flag of the rows beats a value of related rows, whole or half of a two-word flag", async () => {
    // 'framed' is also a loan type, "gift" (of gift_aid_flg) stems like 'gifted' and "shipped" (of ship_out_flg)
    // like the finding 'shipping': the rows' own flags win.
    await expectSql(GALLERY, { q: "framed works", has: ["WHERE w.framed_yn = true"], not: ["loan_type"] }, options);
    await expectSql(
      GALLERY,
      { q: "gift aid works", has: ["WHERE w.gift_aid_flg = true"], not: ["loan_type"] },
      options,
    );
    await expectSql(
      YARD,
      { q: "hazmat containers by weight", has: ["WHERE c.hazmat_flg = true"], not: ["finding"] },
      options,
    );
    await expectSql(
      YARD,
      { q: "how many containers were shipped out", has: ["WHERE c.ship_out_flg = true"], not: ["finding"] },
      options,
    );
  });

  it("half of a two-word flag is not another table's look-alike value (a mobile operator)", async () => {
    const MOBILE = catalog([
      table(
        "numbers",
        [
          ["number_id", "integer"],
          ["msisdn", "text"],
          ["port_in_flg", "boolean"],
        ],
        { primaryKey: ["number_id"] },
      ),
      withForeignKey(
        table(
          "tickets",
          [
            ["ticket_id", "integer"],
            ["number_id", "integer"],
            ["category", "text"],
          ],
          { primaryKey: ["ticket_id"], samples: { category: ["porting", "billing"] } },
        ),
        "number_id",
        "numbers",
        "number_id",
      ),
    ]);
    await expectSql(
      MOBILE,
      { q: "numbers ported in", has: ["FROM numbers n WHERE n.port_in_flg = true"], not: ["category"] },
      options,
    );
  });
});
