import { describe, expect, it } from "vitest";
import { DEPOT } from "../../../test/fixtures/catalogs/depot";
import { NURSERY } from "../../../test/fixtures/catalogs/nursery";
import { matchValues, type ValuePosting } from "../../linking";
import type { ValueHit } from "./assemble";
import {
  bindLiteral,
  bothValues,
  directedValue,
  namesSchemaObject,
  qualifiesColumn,
  undirectedRoute,
  valueOfNamedTable,
} from "./bindings";
import { existenceVerbs, isRelationVerb, tableNouns } from "./existence";
import { flagAlternative, twoWordFlag } from "./flags";
import type { ResolveContext } from "./phrase";
import { columnName, columnOf, resolveContext } from "./stage-helpers";
import { type Token, tokenize } from "./tokens";

/**
 * Stage 3 of the built-in generator, rule by rule: question words bound to the catalog (values,
 * quoted literals, existence verbs, boolean flags). Each rule runs on a ResolveContext built from an
 * invented catalog as generateSql builds it, on two schemas: a plant nursery and a freight depot.
 */

const nursery = resolveContext(NURSERY);
const depot = resolveContext(DEPOT);

const texts = (ts: readonly Token[]) => ts.map((t) => t.text);
const word = (tokens: readonly Token[], text: string) => tokens.find((t) => t.text === text) as Token;

/** The column values matchValues finds in the question, as ValueHits (what readQuestion starts from). */
function valueHits(ctx: ResolveContext, q: string): { tokens: Token[]; hits: ValueHit[] } {
  const tokens = tokenize(q);
  const hits = matchValues(ctx.index, texts(tokens)).map((m) => ({
    tokens: tokens.slice(m.start, m.end),
    postings: m.postings,
    negated: false,
  }));
  return { tokens, hits };
}

const columnsOf = (hit: { postings: readonly ValuePosting[] }) => hit.postings.map((p) => columnName(p.column));

describe("bindLiteral: which column a quoted literal is compared with", () => {
  const bind = (ctx: ResolveContext, q: string) => {
    const tokens = tokenize(q);
    const literal = tokens.find((t) => t.kind === "quoted") as Token;
    const result = bindLiteral(ctx, literal, tokens.slice(Math.max(0, literal.i - 3), literal.i));
    return "refused" in result ? result.refused : { words: texts(result.tokens), columns: columnsOf(result) };
  };

  it("a sampled value binds to the columns holding it", () => {
    expect(bind(nursery, "seedlings 'Basil'")).toEqual({ words: ["Basil"], columns: ["seedlings.cultivar"] });
    expect(bind(depot, "crates from 'Hamburg'")).toEqual({
      words: ["Hamburg"],
      columns: ["crates.from_harbour", "crates.to_harbour"],
    });
  });

  it("'named'/'called' X binds to the label of the table named before it", () => {
    expect(bind(nursery, "growers named 'Ana'")).toEqual({
      words: ["Ana", "growers"],
      columns: ["growers.grower_name"],
    });
    expect(bind(depot, "depots called 'Southpoint'")).toEqual({
      words: ["Southpoint", "depots"],
      columns: ["depots.depot_name"],
    });
  });

  it("a word right before the literal naming a text column binds it to that column", () => {
    expect(bind(nursery, "seedlings of cultivar 'Sage'")).toEqual({
      words: ["Sage", "cultivar"],
      columns: ["seedlings.cultivar"],
    });
    expect(bind(depot, "crates for recipient 'Ann Lee'")).toEqual({
      words: ["Ann Lee", "recipient"],
      columns: ["parcels.recipient"],
    });
  });

  it("a table noun right before the literal binds it to the table's label", () => {
    expect(bind(nursery, "harvests of the grower 'Ana'")).toMatchObject({ columns: ["growers.grower_name"] });
    expect(bind(depot, "crates from the depot 'Southpoint'")).toMatchObject({ columns: ["depots.depot_name"] });
  });

  it("no word naming a column: refused, saying the value", () => {
    expect(bind(nursery, "seedlings moved from 'Hilltop'")).toMatch(/^did not find a column for the value "Hilltop"/);
    expect(bind(depot, "crates that went via 'Calais'")).toMatch(/^did not find a column for the value "Calais"/);
  });

  it("the refusal lists the labels of linked tables as candidates", () => {
    const linked = resolveContext(DEPOT, "depots shipping via 'Calais'");
    const tokens = tokenize("depots shipping via 'Calais'");
    const result = bindLiteral(linked, tokens[3] as Token, tokens.slice(0, 3));
    expect(result).toEqual({
      refused:
        'did not find a column for the value "Calais": no word next to it names one (candidates: depots.depot_name)',
    });
  });
});

describe("namesSchemaObject: a 'value' whose words name a table or its own column is that name", () => {
  const posting = (ctx: ResolveContext, column: string, value: string): ValuePosting[] => [
    { column: columnOf(ctx, column), value, fromComment: false },
  ];
  it.each([
    [nursery, "growers", "seedlings.cultivar", true],
    [nursery, "cultivar", "seedlings.cultivar", true],
    [nursery, "fennel", "seedlings.cultivar", false],
    [depot, "crates", "crates.crate_state", true],
    [depot, "state", "crates.crate_state", true],
    [depot, "sealed", "crates.crate_state", false],
  ] as const)("%#: '%s' as a value of %s → %s", (ctx, words, column, names) => {
    expect(namesSchemaObject(ctx, tokenize(words), posting(ctx, column, words))).toBe(names);
  });
});

describe("valueOfNamedTable: 'the X <table noun>' is that table's value, the noun part of it", () => {
  const bound = (ctx: ResolveContext, q: string) => {
    const { tokens, hits } = valueHits(ctx, q);
    const hit = valueOfNamedTable(ctx, tokens, hits[0] as ValueHit);
    return { words: texts(hit.tokens), columns: columnsOf(hit) };
  };

  it("takes the singular noun after a definite article", () => {
    expect(bound(depot, "crates shipped by the Northgate depot")).toEqual({
      words: ["northgate", "depot"],
      columns: ["depots.depot_name"],
    });
    expect(bound(nursery, "harvests of the Coastal grower")).toEqual({
      words: ["coastal", "grower"],
      columns: ["growers.zone"],
    });
  });

  it("leaves a plural noun or a missing article alone: those are rows in a state", () => {
    expect(bound(depot, "crates shipped by Northgate depots").words).toEqual(["northgate"]);
    expect(bound(nursery, "harvests of Coastal growers").words).toEqual(["coastal"]);
  });
});

describe("directedValue: 'from X' binds to the origin column, 'to X' to the destination", () => {
  const directed = (ctx: ResolveContext, q: string) => {
    const { tokens, hits } = valueHits(ctx, q);
    return hits.map((h) => columnsOf(directedValue(tokens, h)));
  };

  it("splits a value both direction columns hold", () => {
    expect(directed(depot, "crates from Rotterdam to Hamburg")).toEqual([
      ["crates.from_harbour"],
      ["crates.to_harbour"],
    ]);
    expect(directed(depot, "crates in Antwerp")).toEqual([["crates.from_harbour", "crates.to_harbour"]]);
  });

  it("leaves values of a column with no direction alone", () => {
    expect(directed(nursery, "seedlings from Coastal")).toEqual([["growers.zone"]]);
  });
});

describe("undirectedRoute: 'from X to Y' whose two values land in the same columns is refused", () => {
  const route = (ctx: ResolveContext, q: string) => {
    const { tokens, hits } = valueHits(ctx, q);
    return undirectedRoute(
      tokens,
      hits.map((h) => directedValue(tokens, h)),
    );
  };

  it("names the route when no column tells origin from destination", () => {
    expect(route(nursery, "seedlings moved from Coastal to Upland")).toBe("from coastal to upland");
  });

  it("is silent when direction columns tell them apart", () => {
    expect(route(depot, "crates from Rotterdam to Hamburg")).toBeUndefined();
  });
});

describe("bothValues: 'both X and Y' of one column asks for rows having each", () => {
  const both = (ctx: ResolveContext, q: string) => {
    const { tokens, hits } = valueHits(ctx, q);
    return bothValues(tokens, hits);
  };

  it("names the pair when the two values share a column", () => {
    expect(both(nursery, "growers with seedlings in both Basil and Fennel")).toBe("both basil and fennel");
    expect(both(depot, "crates both packed and sealed")).toBe("both packed and sealed");
  });

  it("is silent for values of different columns, or without 'both'", () => {
    expect(both(depot, "crates both packed and from Hamburg")).toBeUndefined();
    expect(both(nursery, "growers with Basil and Fennel seedlings")).toBeUndefined();
  });
});

describe("qualifiesColumn: '<table word> <its column>' names the column, not a value", () => {
  const qualifies = (ctx: ResolveContext, q: string) => {
    const [a, b] = tokenize(q);
    return qualifiesColumn(ctx, a as Token, b);
  };
  it.each([
    [nursery, "seedling cultivar", true],
    [nursery, "grower zone", true],
    // The column's own name has the word: "harvest" is not a separate qualifier.
    [nursery, "harvest weight", false],
    [depot, "depot district", true],
    [depot, "crate state", false],
    [depot, "fragile district", false],
  ] as const)("%#: %s → %s", (ctx, q, expected) => {
    expect(qualifies(ctx, q)).toBe(expected);
  });
});

describe("existenceVerbs: a verb whose object is a table only says related rows exist", () => {
  const verbs = (ctx: ResolveContext, q: string) => {
    const tokens = tokenize(q);
    const found = existenceVerbs(ctx, tokens, tableNouns(ctx, tokens), () => false);
    return [...found].map(([verb, object]) => [tokens[verb]?.text, tokens[object]?.text]);
  };

  it("a linking verb in the perfect or the present, between two table nouns", () => {
    expect(verbs(depot, "depots that have sent crates")).toEqual([["sent", "crates"]]);
    expect(verbs(depot, "Which depots send crates")).toEqual([["send", "crates"]]);
    expect(verbs(nursery, "Which growers sell seedlings")).toEqual([["sell", "seedlings"]]);
  });

  it("any other verb only when a comment of the object's table uses it", () => {
    // seedlings: "Trays of seedlings and the grower who sowed them".
    expect(verbs(nursery, "growers that have sowed seedlings")).toEqual([["sowed", "seedlings"]]);
    expect(verbs(nursery, "growers that have planted seedlings")).toEqual([]);
    expect(verbs(depot, "depots that have sealed crates")).toEqual([]);
  });

  it("not a verb that itself names a table", () => {
    expect(verbs(nursery, "growers that have harvested seedlings")).toEqual([]);
  });
});

describe("isRelationVerb: a verb before the table it acts on is not the value it resembles", () => {
  const relation = (ctx: ResolveContext, q: string, verb: string, stemmed: boolean) => {
    const tokens = tokenize(q);
    return isRelationVerb(tokens, word(tokens, verb).i, stemmed, tableNouns(ctx, tokens));
  };

  it("before a determiner and a table noun", () => {
    expect(relation(depot, "depots that never opened a crate", "opened", false)).toBe(true);
    expect(relation(nursery, "growers who never ordered any seedlings", "ordered", false)).toBe(true);
  });

  it("an exact value right before its table's noun stays a value ('opened crates')", () => {
    expect(relation(depot, "depots with opened crates", "opened", false)).toBe(false);
    expect(relation(nursery, "growers who ordered seedlings", "ordered", false)).toBe(false);
  });

  it("a value matched only by its stem is the verb", () => {
    expect(relation(depot, "depots that opened crates", "opened", true)).toBe(true);
  });
});

describe("flagAlternative: 'X or Y' naming two boolean columns of one table", () => {
  const alternative = (ctx: ResolveContext, q: string) => {
    const tokens = tokenize(q);
    const found = flagAlternative(ctx, tokens, word(tokens, "or"));
    return found && { columns: found.columns.map(columnName), span: texts(found.span).join(" ") };
  };

  it("two one-word flags", () => {
    expect(alternative(depot, "crates that are fragile or chilled")).toEqual({
      columns: ["crates.is_fragile", "crates.is_chilled"],
      span: "fragile or chilled",
    });
  });

  it("two-word flags, the second repeating the first's word or not", () => {
    const both = { columns: ["seedlings.has_heat_mat", "seedlings.has_heat_lamp"] };
    expect(alternative(nursery, "seedlings with a heat mat or a heat lamp")).toMatchObject(both);
    expect(alternative(nursery, "seedlings with a heat mat or heat lamp")).toEqual({
      ...both,
      span: "heat mat or heat lamp",
    });
  });

  it("nothing when one side names no flag, or the flags are of two tables", () => {
    expect(alternative(depot, "crates that are fragile or heavy")).toBeUndefined();
    expect(alternative(depot, "crates fragile or depots with a loading dock")).toBeUndefined();
  });
});

describe("twoWordFlag: two words spelling a boolean column whole", () => {
  const flag = (ctx: ResolveContext, q: string, last: string) => {
    const tokens = tokenize(q);
    const found = twoWordFlag(ctx, tokens, word(tokens, last));
    return found && columnName(found);
  };

  it("finds the two-word flag, not its one-word look-alike", () => {
    expect(flag(nursery, "seedlings with a heat lamp", "lamp")).toBe("seedlings.has_heat_lamp");
    expect(flag(depot, "depots with a loading dock", "dock")).toBe("depots.has_loading_dock");
  });

  it("nothing for one word", () => {
    expect(flag(nursery, "seedlings with a lamp", "lamp")).toBeUndefined();
    expect(flag(depot, "depots with a dock", "dock")).toBeUndefined();
  });
});
