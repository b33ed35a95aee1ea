/**
 * Values written differently in questions and in data: people say "California", tables store "CA".
 * A question's place name is read as its postal code when the catalog knows the code as a value and
 * not the name. Names that are also well-known cities ("New York", "Washington") are left out: there
 * the question may mean the city, and reading it as the state would answer something else.
 */
const US_STATES: Readonly<Record<string, string>> = {
  alabama: "AL",
  alaska: "AK",
  arizona: "AZ",
  arkansas: "AR",
  california: "CA",
  colorado: "CO",
  connecticut: "CT",
  delaware: "DE",
  florida: "FL",
  georgia: "GA",
  hawaii: "HI",
  idaho: "ID",
  illinois: "IL",
  indiana: "IN",
  iowa: "IA",
  kansas: "KS",
  kentucky: "KY",
  louisiana: "LA",
  maine: "ME",
  maryland: "MD",
  massachusetts: "MA",
  michigan: "MI",
  minnesota: "MN",
  mississippi: "MS",
  missouri: "MO",
  montana: "MT",
  nebraska: "NE",
  nevada: "NV",
  "new hampshire": "NH",
  "new jersey": "NJ",
  "new mexico": "NM",
  "north carolina": "NC",
  "north dakota": "ND",
  ohio: "OH",
  oklahoma: "OK",
  oregon: "OR",
  pennsylvania: "PA",
  "rhode island": "RI",
  "south carolina": "SC",
  "south dakota": "SD",
  tennessee: "TN",
  texas: "TX",
  utah: "UT",
  vermont: "VT",
  virginia: "VA",
  "west virginia": "WV",
  wisconsin: "WI",
  wyoming: "WY",
};

/** The postal code a run of lowercase question words names ("california" → "ca"), if any. */
export function placeCode(words: readonly string[]): string | undefined {
  return US_STATES[words.join(" ")]?.toLowerCase();
}
