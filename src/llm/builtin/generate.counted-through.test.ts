import { describe, it } from "vitest";
import { catalog, table, withForeignKey } from "../../../test/fixtures/catalogs/build";
import { expectDeclined, expectSql } from "./test-helpers";

/**
 * "How many customers have ordered from more than one bakery?" counted bakeries through each
 * customer's home_bakery_id, one each, so none qualified: the verb names rows of their own (orders)
 * that point at both tables, and the related rows to count are theirs. Refused where the joins take
 * another way. Schemas: a gym chain and a library service, invented here.
 */

const homeAndEvents = (
  places: [string, string],
  people: [string, string],
  events: [string, string],
): ReturnType<typeof catalog> => {
  const [place, placeLabel] = places;
  const [person, personLabel] = people;
  const [event, eventDate] = events;
  const placeKey = `${place.slice(0, -1)}_id`;
  const personKey = `${person.slice(0, -1)}_id`;
  return catalog([
    table(
      place,
      [
        [placeKey, "integer"],
        [placeLabel, "text"],
      ],
      { primaryKey: [placeKey] },
    ),
    withForeignKey(
      table(
        person,
        [
          [personKey, "integer"],
          [personLabel, "text"],
          [`home_${placeKey}`, "integer"],
        ],
        { primaryKey: [personKey] },
      ),
      `home_${placeKey}`,
      place,
      placeKey,
    ),
    withForeignKey(
      withForeignKey(
        table(
          event,
          [
            [`${event.slice(0, -1)}_id`, "integer"],
            [personKey, "integer"],
            [placeKey, "integer"],
            [eventDate, "timestamp"],
          ],
          { primaryKey: [`${event.slice(0, -1)}_id`] },
        ),
        personKey,
        person,
        personKey,
      ),
      placeKey,
      place,
      placeKey,
    ),
  ]);
};

const GYMS = homeAndEvents(["clubs", "club_nm"], ["members", "member_nm"], ["visits", "visited_ts"]);
const LIBRARIES = homeAndEvents(["branches", "branch_nm"], ["readers", "reader_nm"], ["borrowings", "borrowed_ts"]);

const options = { currentDate: "2026-12-07" };

describe("related rows a verb's events point at are counted through them", () => {
  it("gyms: members who visited more than one club", async () => {
    expectDeclined(GYMS, "How many members have visited more than one club?", options, /the members' visits/);
    await expectSql(
      GYMS,
      { q: "Clubs with more than 100 members", has: ["m.home_club_id = c.club_id", "> 100"] },
      options,
    );
  });

  it("libraries: readers who borrowed from more than one branch", () => {
    expectDeclined(LIBRARIES, "Readers who borrowed from more than one branch", options, /the readers' borrowings/);
  });
});
