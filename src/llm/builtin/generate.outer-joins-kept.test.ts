import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined } from "./test-helpers";

/**
 * "members with plots in more than one garden" beside gardens.site_lead_member_id became SQL that
 * cannot run: the related-rows subquery (EXISTS (… gardens g JOIN plots …)) took the gardens the
 * count outside it reads (COUNT(DISTINCT g.garden_id)). A table the answer reads outside must be
 * joined there; where it is not, the question is refused. Schemas: halls of residence and marinas,
 * invented here.
 */

const ledBy = (
  [people, personKey]: [string, string],
  places: [string, string, string],
  parts: [string, string],
): ReturnType<typeof catalog> => {
  const [place, placeLabel, leadKey] = places;
  const [part, partLabel] = parts;
  const placeKey = `${place.slice(0, -1)}_id`;
  return catalog([
    table(
      people,
      [
        [personKey, "integer"],
        ["email", "text"],
      ],
      { primaryKey: [personKey] },
    ),
    withForeignKey(
      table(
        place,
        [
          [placeKey, "integer"],
          [placeLabel, "text"],
          [leadKey, "integer"],
        ],
        { primaryKey: [placeKey] },
      ),
      leadKey,
      people,
      personKey,
    ),
    withForeignKey(
      table(
        part,
        [
          [`${part.slice(0, -1)}_id`, "integer"],
          [placeKey, "integer"],
          [partLabel, "text"],
        ],
        { primaryKey: [`${part.slice(0, -1)}_id`] },
      ),
      placeKey,
      place,
      placeKey,
    ),
  ]);
};

const HALLS = ledBy(["people", "person_id"], ["halls", "hall_nm", "warden_person_id"], ["rooms", "room_no"]);
const MARINAS = ledBy(
  ["owners", "owner_id"],
  ["marinas", "marina_nm", "harbourmaster_owner_id"],
  ["berths", "berth_cd"],
);

const options = { currentDate: "2026-12-07" };

describe("a table read outside a related-rows subquery is joined outside it", () => {
  it("halls: people with rooms in more than one hall", () => {
    expectDeclined(HALLS, "people with rooms in more than one hall", options, /halls both inside the related rows/);
  });

  it("marinas: owners with berths in more than one marina", () => {
    expectDeclined(MARINAS, "owners with berths in more than one marina", options, /marinas both inside/);
  });
});
