import { stem } from "./text";

/**
 * Groups of words analysts use for the same thing. A question word links to a catalog word of the
 * same group at a discount (see SYNONYM_FACTOR), so an exact name always wins over a synonym.
 * A word may sit in several groups ("sold" is both sales and quantity).
 */
const GROUPS: readonly string[] = [
  "revenue sales sale sell sold selling amount total income turnover gmv earnings spend spent spending value mrr arr billing",
  "customer client user buyer shopper purchaser account consumer",
  "product item sku article good merchandise",
  "order purchase transaction checkout basket",
  "category type kind class genre",
  "country nation",
  "date day time timestamp when",
  "quantity qty unit units piece volume sold sell selling",
  "price pricing priced fee charge",
  "cost expense",
  // Not "state": in data it is nearly always a place (policyholders.state), and as a synonym it read
  // "claims per state" as claims per status when the place was a join away.
  "status stage",
  "name title label",
  "email mail",
  "employee staff worker headcount",
  "payment pay paid",
  "invoice bill billing",
  "subscription contract",
  "segment tier",
  "region area territory zone",
  "city town",
  "discount rebate promotion",
  "signup sign register registration join joined enroll onboard create creation",
  "ticket case incident request",
  "priority severity urgency",
  "channel source medium",
  "method type",
  "cancel cancellation churn terminate",
  "resolve resolution solve close",
  "seat license",
  "event activity action",
  "duration length",
  "role permission",
  "industry sector vertical",
  "company organization organisation firm business",
  "plan tier package",
  "delivered delivery",
  "birth born birthday dob",
  "shipped shipment ship",
];

/** Weight of a synonym match relative to an exact one. */
export const SYNONYM_FACTOR = 0.7;

export type SynonymMap = ReadonlyMap<string, readonly string[]>;

function buildMap(groups: readonly string[]): Map<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const stems = [...new Set(group.split(/\s+/).filter(Boolean).map(stem))];
    for (const s of stems) {
      const set = map.get(s) ?? new Set<string>();
      for (const other of stems) if (other !== s) set.add(other);
      map.set(s, set);
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]));
}

export const DEFAULT_SYNONYMS: SynonymMap = buildMap(GROUPS);

/** The default map plus extra groups (each a space-separated list of words), e.g. from user knowledge. */
export function extendSynonyms(extra: readonly string[]): SynonymMap {
  return extra.length === 0 ? DEFAULT_SYNONYMS : buildMap([...GROUPS, ...extra]);
}

/** Stems related to `s` (not including `s` itself). */
export function synonymsOf(s: string, map: SynonymMap = DEFAULT_SYNONYMS): readonly string[] {
  return map.get(s) ?? [];
}
