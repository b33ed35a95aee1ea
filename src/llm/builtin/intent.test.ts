import { describe, expect, it } from "vitest";
import { type Intent, parseIntent, type ScanHints } from "./intent";
import { type Token, tokenize } from "./tokens";

/**
 * Stage 2 of the built-in generator: tokens → Intent. The scanner knows the schema only through
 * ScanHints; here they are made by hand from the words a test says are values, table nouns, schema
 * names or relation verbs, so each case shows what the scanner does with exactly that knowledge.
 * Words come from two invented domains: a plant nursery (growers, seedlings, harvests) and a
 * freight depot (depots, crates, parcels).
 */

interface HintWords {
  values?: string[];
  tables?: string[];
  names?: string[];
  verbs?: string[];
}

function scan(q: string, hints: HintWords = {}): { tokens: Token[]; intent: Intent } {
  const tokens = tokenize(q);
  const is =
    (list: string[] = []) =>
    (i: number) =>
      list.includes(tokens[i]?.text ?? "");
  const scanHints: ScanHints = {
    isValue: is(hints.values),
    namesTable: is(hints.tables),
    isName: is(hints.names),
    isRelationVerb: is(hints.verbs),
  };
  return { tokens, intent: parseIntent(tokens, scanHints) };
}

const words = (ts: readonly Token[]) => ts.map((t) => t.text).join(" ");
const phrases = (ps: readonly Token[][]) => ps.map(words);
const cues = (intent: Intent) => words([...intent.cueTokens].sort((a, b) => a.i - b.i));

describe("aggregates and superlatives", () => {
  it("an aggregate cue opens the measure; 'by' opens a grouping", () => {
    const { intent } = scan("average harvest weight by grower");
    expect(intent.agg).toEqual({ fn: "avg", superlative: false, cue: "average" });
    expect(words(intent.measure)).toBe("harvest weight");
    expect(phrases(intent.groups)).toEqual(["grower"]);
    expect(words(intent.subject)).toBe("");
  });

  it("a superlative adjective implies its measure; the words after it are the subject", () => {
    const { intent } = scan("3 heaviest crates");
    expect(intent.agg).toEqual({ fn: "max", superlative: true, cue: "heaviest", implies: "weight" });
    expect(words(intent.subject)).toBe("crates");
    // The number is left for the plan, which takes it as the row count of a ranking.
    expect(words(intent.looseNumbers)).toBe("3");
  });

  it("'total' after another aggregate is part of the measure's name", () => {
    const { intent } = scan("average total weight of crates");
    expect(intent.agg?.fn).toBe("avg");
    expect(words(intent.measure)).toBe("total weight");
  });

  it("'total' naming the compared column is no aggregate", () => {
    const { intent } = scan("crates with a total weight over 100");
    expect(intent.agg).toBeUndefined();
    expect(words(intent.comparisons[0]?.before ?? [])).toBe("total weight");
  });

  it("'distinct' and 'list' are flags", () => {
    const { intent } = scan("list distinct cultivars");
    expect(intent).toMatchObject({ list: true, distinct: true });
    expect(words(intent.subject)).toBe("cultivars");
  });
});

describe("subject, measure and groups", () => {
  it("'how many' counts the measure; 'per … and …' makes two groupings", () => {
    const { intent } = scan("How many seedlings per cultivar and zone");
    expect(intent.agg?.fn).toBe("count");
    expect(words(intent.measure)).toBe("seedlings");
    expect(phrases(intent.groups)).toEqual(["cultivar", "zone"]);
  });

  it("with no aggregate the words name the subject, and a boundary word starts a context phrase", () => {
    const { intent } = scan("crates from depots in the north");
    expect(words(intent.subject)).toBe("crates");
    expect(phrases(intent.context)).toEqual(["depots", "north"]);
  });

  it("an auxiliary ends what is counted; who did it qualifies it", () => {
    const { intent } = scan("how many crates did depots ship");
    expect(words(intent.measure)).toBe("crates");
    expect(phrases(intent.context)).toEqual(["depots ship"]);
  });

  it("'by' before a relative pronoun names an agent, not a grouping", () => {
    const { intent } = scan("crates shipped by depots who joined");
    expect(intent.groups).toEqual([]);
    expect(phrases(intent.context)).toEqual(["depots", "joined"]);
  });

  it("value tokens take no slot: they become filters later", () => {
    const { intent } = scan("how many Basil seedlings per zone", { values: ["basil"] });
    expect(words(intent.measure)).toBe("seedlings");
    expect(cues(intent)).not.toContain("basil");
  });
});

describe("time buckets", () => {
  it("'by month' is a bucket, not a grouping", () => {
    const { intent } = scan("total harvest weight by month");
    expect(intent.bucket).toBe("month");
    expect(intent.groups).toEqual([]);
  });

  it("'by month and depot': a bucket and a grouping", () => {
    const { intent } = scan("crates by month and depot");
    expect(intent.bucket).toBe("month");
    expect(phrases(intent.groups)).toEqual(["depot"]);
  });

  it("'month over month' growth buckets by its period", () => {
    const { intent } = scan("harvest weight growth month over month");
    expect(intent.growth).toEqual({ unit: "month" });
    expect(intent.bucket).toBe("month");
  });
});

describe("ranks", () => {
  it("'top N … by number of …': a rank with its row count and a count", () => {
    const { intent } = scan("top 5 growers by number of harvests");
    expect(intent.rank).toEqual({ dir: "desc", n: 5, measure: [] });
    expect(intent.agg?.fn).toBe("count");
    expect(words(intent.subject)).toBe("growers");
    expect(words(intent.measure)).toBe("harvests");
    expect(cues(intent)).toBe("top 5 by number of");
  });

  it("'with the most X' ranks by X", () => {
    const { intent } = scan("depots with the most crates");
    expect(intent.rank?.dir).toBe("desc");
    expect(words(intent.rank?.measure ?? [])).toBe("crates");
    expect(words(intent.subject)).toBe("depots");
  });

  it("'last N' ranks by recency; 'last' without a number is a word ('last login')", () => {
    expect(scan("the last 10 harvests").intent.rank).toEqual({ dir: "desc", by: "recent", n: 10, measure: [] });
    const { intent } = scan("depots with the last login");
    expect(intent.rank).toBeUndefined();
    expect(phrases(intent.context)).toEqual(["last login"]);
  });
});

describe("comparisons", () => {
  it("take the words before the comparison and skip currency words after the number", () => {
    const { intent } = scan("crates with a freight charge over 20 dollars");
    const [c] = intent.comparisons;
    expect(c).toMatchObject({ op: ">", value: 20, text: "over 20 dollars" });
    expect(words(c?.before ?? [])).toBe("freight charge");
    expect(words(c?.after ?? [])).toBe("");
  });

  it("'more than 5 parcels': the counted noun follows the number", () => {
    const [c] = scan("crates with more than 5 parcels").intent.comparisons;
    expect(c).toMatchObject({ op: ">", value: 5 });
    expect(words(c?.after ?? [])).toBe("parcels");
  });

  it("'between A and B' has two bounds; a percentage is marked", () => {
    const [range] = scan("seedlings with a tray height between 10 and 20").intent.comparisons;
    expect(range).toMatchObject({ op: "between", value: 10, high: 20 });
    expect(words(range?.before ?? [])).toBe("tray height");
    expect(scan("crates with a discount over 15%").intent.comparisons[0]).toMatchObject({ value: 15, percent: true });
  });

  it("'over' without a number is a preposition", () => {
    const { intent } = scan("crates over the bridge");
    expect(intent.comparisons).toEqual([]);
    expect(phrases(intent.context)).toEqual(["bridge"]);
  });
});

describe("negation and absences", () => {
  it("'not' negates the next value, or the next word", () => {
    const values = scan("harvests not Basil", { values: ["basil"] });
    expect([...values.intent.negated].map((i) => values.tokens[i]?.text)).toEqual(["basil"]);
    const word = scan("seedlings that are not organic");
    expect([...word.intent.negated].map((i) => word.tokens[i]?.text)).toEqual(["organic"]);
    expect(word.intent.subject.map((t) => t.text)).toEqual(["seedlings"]);
  });

  it("a negated quoted literal is negated too", () => {
    const { tokens, intent } = scan("harvests that weren't 'spoiled'");
    expect([...intent.negated].map((i) => tokens[i]?.kind)).toEqual(["quoted"]);
  });

  it("'no <values> <table noun>' denies related rows: an absence", () => {
    const { intent } = scan("growers with no Basil seedlings", { tables: ["growers", "seedlings"], values: ["basil"] });
    expect(intent.absences.map((a) => [a.noun.text, words(a.values)])).toEqual([["seedlings", "basil"]]);
  });

  it("'never <verb> any <table noun>': an absence only when the verb is known as a relation verb", () => {
    const tables = ["growers", "seedlings"];
    const unknown = scan("growers who never planted any seedlings", { tables });
    expect(unknown.intent.absences).toEqual([]);
    const known = scan("growers who never planted any seedlings", { tables, verbs: ["planted"] });
    expect(known.intent.absences.map((a) => a.noun.text)).toEqual(["seedlings"]);
    expect(cues(known.intent)).toContain("planted");
  });
});

describe("a superlative before an average or a total ranks by it (ranksByAggregate)", () => {
  it("'the highest average weight' is a descending ranking of the average, not two aggregates", () => {
    const { intent } = scan("Which 2 growers have the highest average harvest weight?");
    expect(intent.unsupported).toBeUndefined();
    expect(intent.rank?.dir).toBe("desc");
    expect(intent.agg?.fn).toBe("avg");
    expect(words(intent.measure)).toBe("harvest weight");
  });
  it("'the lowest total' ranks ascending by the sum", () => {
    const { intent } = scan("Which depot has the lowest total crate weight?");
    expect(intent.rank?.dir).toBe("asc");
    expect(intent.agg?.fn).toBe("sum");
  });
  it("a superlative that implies its own measure stays one ('the longest average')", () => {
    expect(scan("the longest average route").intent.rank).toBeUndefined();
  });
});

describe("quoted literals", () => {
  it("keep up to three words before them, for the bindings stage to name a column", () => {
    const { intent } = scan("growers named 'Ana'");
    expect(intent.quoted.map((q) => [q.token.text, words(q.before)])).toEqual([["Ana", "growers named"]]);
  });
});

describe("unsupported shapes stop the scan", () => {
  it.each([
    ["total weight and average height", "several aggregates in one question"],
    ["how many harvests were weighed and how many were not", "several questions in one"],
    ["average number of seedlings per grower", "averages of counts"],
    ["crates with a weight between 10 kilos", "number ranges without two bounds"],
    ["why did harvests drop", "explanations"],
    ["weighed crates this week and the average weight", "a list of rows and a figure about them in one question"],
    ["growers hired in 2024 and how many crates each has", 'groupings no word names ("each has")'],
    ["compare crate weight month over month by week", "month-over-month comparisons of figures by week"],
  ])("%s", (q, what) => {
    expect(scan(q).intent.unsupported).toBe(what);
  });
});

describe("'Which X …, and how many Y …' (countPerListed)", () => {
  it("groups the count by the listed table noun", () => {
    const { intent } = scan("Which depots ship crates, and how many crates have they shipped?", {
      tables: ["depots", "crates"],
    });
    expect(phrases(intent.groups)).toEqual(["depots"]);
    expect(words(intent.measure)).toBe("crates");
    // The second clause's verb restates the first's: understood, not a word to place.
    expect(cues(intent)).toContain("shipped");
  });

  it("leaves a count of the listed rows themselves alone", () => {
    const { intent } = scan("Which depots are open, and how many depots are there?", { tables: ["depots"] });
    expect(intent.groups).toEqual([]);
  });

  it("needs the listed word to name a table", () => {
    const { intent } = scan("Which depots ship crates, and how many crates have they shipped?", {
      tables: ["crates"],
    });
    expect(intent.groups).toEqual([]);
  });
});

describe("cue tokens and schema names", () => {
  it("cue words are recorded as understood", () => {
    expect(cues(scan("how many crates per depot").intent)).toBe("how many per");
  });

  it("a word of a schema name that looks like a cue stays a plain word ('market share')", () => {
    expect(scan("growers by market share").intent.share).toBe(true);
    const { intent } = scan("growers by market share", { names: ["market", "share"] });
    expect(intent.share).toBe(false);
    expect(phrases(intent.groups)).toEqual(["market share"]);
  });

  it("a relation verb is understood and starts a context phrase", () => {
    const { intent } = scan("Which depots ship crates", { tables: ["depots", "crates"], verbs: ["ship"] });
    expect(words(intent.subject)).toBe("depots");
    expect(phrases(intent.context)).toEqual(["crates"]);
    expect(cues(intent)).toBe("ship");
  });
});
