import { describe, expect, it } from "vitest";
import { type Token, tokenize, tokenText } from "./tokens";

/**
 * Stage 1 of the built-in generator: question text (dates already taken out) → tokens. Each token
 * is a word, a number, a quoted literal or a comparison symbol, with its position and stem.
 */

const kinds = (q: string) => tokenize(q).map((t) => `${t.kind}:${t.text}`);
const at = (tokens: Token[], text: string) => tokens.find((t) => t.text === text) as Token;

describe("words", () => {
  it("are lowercased, numbered in order and stemmed", () => {
    const tokens = tokenize("Top growers by Harvested weight");
    expect(tokens.map((t) => t.i)).toEqual([0, 1, 2, 3, 4]);
    expect(tokenText(tokens)).toBe("top growers by harvested weight");
    expect(at(tokens, "growers").stem).toBe("grower");
    expect(at(tokens, "harvested").stem).toBe("harvest");
  });

  it("keep identifiers with underscores and digits as one word", () => {
    expect(kinds("split by tray_code A12")).toEqual(["word:split", "word:by", "word:tray_code", "word:a12"]);
  });

  it("split hyphenated words and drop possessives", () => {
    expect(tokenText(tokenize("the grower's best-selling seed"))).toBe("the grower best selling seed");
  });

  it("expand contractions into words of their own, so a negation is seen", () => {
    expect(tokenText(tokenize("growers who didn't plant, we've, can't, won't"))).toBe(
      "growers who did not plant we have can not will not",
    );
  });

  it("stem everyday verb forms like the words schemas use ('bought' ~ purchased)", () => {
    const tokens = tokenize("trays bought, trays purchased");
    expect(at(tokens, "bought").stem).toBe(at(tokens, "purchased").stem);
  });

  it("remove accents outside quotes", () => {
    expect(tokenText(tokenize("crème brûlée"))).toBe("creme brulee");
  });
});

describe("numbers", () => {
  it("carry their value: thousands separators, currency signs, k/m/bn multipliers", () => {
    const tokens = tokenize("over $1,200 or 2.5k or 3m or 2bn or €40");
    expect(tokens.filter((t) => t.kind === "number").map((t) => t.value)).toEqual([1200, 2500, 3e6, 2e9, 40]);
    expect(at(tokens, "$1,200").stem).toBe("$1,200");
  });

  it("mark percentages, with or without a space before the sign", () => {
    const [a, b] = tokenize("15% and 5 %").filter((t) => t.kind === "number");
    expect(a).toMatchObject({ value: 15, percent: true });
    expect(b).toMatchObject({ text: "5%", value: 5, percent: true });
    expect(tokenize("7 trays")[0]?.percent).toBeUndefined();
  });

  it("read a percent sign with no number before it as the word", () => {
    expect(kinds("what % of trays")).toEqual(["word:what", "word:percent", "word:of", "word:trays"]);
  });
});

describe("quoted literals", () => {
  it("keep their text exactly as written, accents and case included", () => {
    const tokens = tokenize(`growers named 'Ana María' or "Köln" or \u201cBig Farm\u201d`);
    expect(tokens.filter((t) => t.kind === "quoted").map((t) => t.text)).toEqual(["Ana María", "Köln", "Big Farm"]);
    expect(tokens.map((t) => t.kind)).toEqual(["word", "word", "quoted", "word", "quoted", "word", "quoted"]);
  });

  it("are not opened by the apostrophe of a contraction", () => {
    expect(kinds("we've sold via 'Market Stall'")).toEqual([
      "word:we",
      "word:have",
      "word:sold",
      "word:via",
      "quoted:Market Stall",
    ]);
  });
});

describe("punctuation", () => {
  it("keeps comparison symbols and writes != as <>", () => {
    expect(kinds("height >= 10 and rows != 3; weight <= 4 = 2")).toEqual([
      "word:height",
      "symbol:>=",
      "number:10",
      "word:and",
      "word:rows",
      "symbol:<>",
      "number:3",
      "word:weight",
      "symbol:<=",
      "number:4",
      "symbol:=",
      "number:2",
    ]);
  });

  it("drops every other mark", () => {
    expect(tokenText(tokenize("Which trays (if any), per zone? Show them!"))).toBe(
      "which trays if any per zone show them",
    );
  });
});
