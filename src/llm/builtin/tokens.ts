import { stem } from "../../linking/text";

/** One word, number, quoted literal or comparison symbol of a question (after dates were removed). */
export interface Token {
  /** Position in the token list. */
  i: number;
  /** Lowercased text; for quoted literals the inner text as written. */
  text: string;
  stem: string;
  kind: "word" | "number" | "quoted" | "symbol";
  /** Numeric value of a number token ("$1,200" -> 1200, "2.5k" -> 2500). */
  value?: number;
  /** The number was written as a percentage ("15%"): its value is 15. */
  percent?: boolean;
}

const TOKEN_RE =
  /'([^']+)'|"([^"]+)"|\u201c([^\u201d]+)\u201d|(>=|<=|<>|!=|>|<|=)|(\$|€|£)?(\d[\d,]*(?:\.\d+)?)(k|m|bn)?(%)?(?![a-z0-9])|([a-z][a-z0-9_]*)/gi;
/** The words behind contracted endings ("we've", "they're", "we'll", "I'd", "I'm"). */
const CONTRACTED: Record<string, string> = { ve: "have", re: "are", ll: "will", d: "would", m: "am" };
/** Irregular or everyday forms matched as the word schemas use: "bought" links like "purchased". */
const SAME_AS: Record<string, string> = {
  bought: "purchased",
  buy: "purchase",
  buys: "purchases",
  buying: "purchasing",
};
const MULTIPLIER: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9 };

export function tokenize(text: string): Token[] {
  // Possessives and contractions carry no meaning here; hyphens join words ("best-selling").
  // Quoted literals are kept exactly as written (accents included): they become SQL string literals.
  const literals: string[] = [];
  const cleaned = text
    // Contractions are words of their own: "didn't" is "did not" (a negation), "we've" is "we have".
    // Expanded first, so that their apostrophes never open a quoted literal ("we've paid via 'x'").
    .replace(/\b(can)['\u2019]t\b/gi, "$1 not")
    .replace(/\bwon['\u2019]t\b/gi, "will not")
    .replace(/\bshan['\u2019]t\b/gi, "shall not")
    .replace(/(\w)n['\u2019]t\b/gi, "$1 not")
    .replace(
      /(\w)['\u2019](ve|re|ll|d|m)\b/gi,
      (_m, w: string, c: string) => `${w} ${CONTRACTED[c.toLowerCase()] ?? c}`,
    )
    .replace(/'([^']+)'|"([^"]+)"|\u201c([^\u201d]+)\u201d/g, (_m, a?: string, b?: string, c?: string) => {
      literals.push((a ?? b ?? c ?? "").trim());
      return ` "${literals.length - 1}" `;
    })
    // "discount over 5 %": a percent sign after a number belongs to it, even across a space...
    .replace(/(\d)\s+%/g, "$1%")
    // ... while "what % of orders" is the word.
    .replace(/(?<![\d.])%/g, " percent ")
    .replace(/['\u2019]s\b/gi, "")
    .replace(/(\w)['\u2019](\w)/g, "$1$2")
    .replace(/(\p{L})-(\p{L})/gu, "$1 $2")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
  const tokens: Token[] = [];
  for (const m of cleaned.matchAll(TOKEN_RE)) {
    const i = tokens.length;
    const quoted = m[1] ?? m[2] ?? m[3];
    if (quoted !== undefined) {
      const literal = literals[Number(quoted)] ?? quoted;
      tokens.push({ i, text: literal, stem: stem(literal), kind: "quoted" });
    } else if (m[4] !== undefined) {
      tokens.push({ i, text: m[4] === "!=" ? "<>" : m[4], stem: m[4], kind: "symbol" });
    } else if (m[6] !== undefined) {
      const value = Number(m[6].replace(/,/g, "")) * (MULTIPLIER[(m[7] ?? "").toLowerCase()] ?? 1);
      tokens.push({
        i,
        text: m[0].toLowerCase(),
        stem: m[0].toLowerCase(),
        kind: "number",
        value,
        ...(m[8] !== undefined ? { percent: true } : {}),
      });
    } else if (m[9] !== undefined) {
      const word = m[9].toLowerCase();
      tokens.push({ i, text: word, stem: stem(SAME_AS[word] ?? word), kind: "word" });
    }
  }
  return tokens;
}

export const tokenText = (tokens: readonly Token[]): string => tokens.map((t) => t.text).join(" ");

/** A word the planner supplies itself ("amount" for "orders over 500"); i = -1 marks it as not asked. */
export const syntheticWord = (text: string): Token => ({ i: -1, text, stem: stem(text), kind: "word" });
