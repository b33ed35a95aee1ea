import { type IndexedColumn, type IndexedTable, STOPWORDS } from "../../linking";
import { FILLERS } from "./lexicon";
import { matchColumns, matchTables, type ResolveContext } from "./phrase";
import { rowKey } from "./plan-support";
import type { LogicalQuery, SelectItem } from "./query";
import { col } from "./query";
import { type Token, tokenize } from "./tokens";

/**
 * "What is the ratio of pages to rating for each book?", "the ratio of
 * amount paid to amount due for each invoice", "rating per late hours for each shop name": two numbers of
 * the same row divided, one result per row. Only this whole shape is read here; any other word
 * leaves the question to the rest of the generator (which declines ratios it cannot express).
 */

const SHAPE =
  /^\s*(?:(?:what|how)\s+(?:is|are|does)\s+|calculate\s+|compute\s+|get\s+|show(?:\s+me)?\s+|give(?:\s+me)?\s+|return\s+)?(?:the\s+)?ratio\s+of\s+(?:the\s+)?(.+?)\s+(?:to|over|per)\s+(?:the\s+|its\s+)?(.+?)(?:\s+(?:for each|for every|of each|in each|per|by)\s+(.+?))?\s*[?.!]?\s*$/i;

export interface ColumnRatio {
  query: LogicalQuery;
  explanation: string;
}

const words = (text: string): Token[] =>
  tokenize(text).filter(
    (t) => t.kind === "word" && !FILLERS.has(t.text) && (!STOPWORDS.has(t.stem) || /^ids?$/.test(t.text)),
  );

/** A numeric, non-key column named by every word of the phrase, in `table` when given. */
function numberNamed(ctx: ResolveContext, phrase: readonly Token[], table?: IndexedTable): IndexedColumn[] {
  return matchColumns(ctx, phrase, (c) => c.kind === "number" && !c.isKey && (table === undefined || c.table === table))
    .filter((m) => m.used.length === phrase.length)
    .map((m) => m.column);
}

/**
 * The query for a ratio of two columns of one table, per row; undefined when the question is not
 * exactly that shape, a string when it is but the words do not name two such columns.
 */
export function columnRatio(ctx: ResolveContext, question: string): ColumnRatio | string | undefined {
  const m = SHAPE.exec(question);
  if (m === null) return undefined;
  const num = words(m[1] as string);
  const den = words(m[2] as string);
  const per = m[3] === undefined ? [] : words(m[3]);
  if (num.length === 0 || den.length === 0) return undefined;
  const pairs = numberNamed(ctx, num).flatMap((a) =>
    numberNamed(ctx, den, a.table)
      .filter((b) => b !== a)
      .map((b) => [a, b] as const),
  );
  const [pair] = pairs;
  if (pair === undefined)
    return `did not find two numeric columns of one table for the ratio of "${m[1]}" to "${m[2]}"`;
  if (pairs.some(([a]) => a.table !== pair[0].table))
    return `which table's "${m[1]}" and "${m[2]}" to divide (several have both)`;
  const [a, b] = pair;
  const table = a.table;
  let dims: SelectItem[] = [];
  if (per.length > 0) {
    const entity = matchTables(ctx, per).find(
      (x) => x.table === table && x.coverage === 1 && x.used.length === per.length,
    );
    // "for each book ID": the key of the table the other words name.
    const key =
      /^ids?$/.test(per[per.length - 1]?.text ?? "") &&
      per.length > 1 &&
      matchTables(ctx, per.slice(0, -1)).some((x) => x.table === table && x.coverage === 1)
        ? rowKey(table)
        : undefined;
    const column =
      entity === undefined && key === undefined
        ? matchColumns(ctx, per, (c) => c.table === table).find((x) => x.used.length === per.length)?.column
        : key;
    if (entity !== undefined)
      dims = [rowKey(table), table.label]
        .filter((c, i, all): c is IndexedColumn => c !== undefined && all.indexOf(c) === i)
        .map((c) => ({ expr: col(c) }));
    else if (column !== undefined) dims = [{ expr: col(column) }];
    else return `did not understand "${m[3]}": each ratio is one ${table.table.name} row`;
  }
  const query: LogicalQuery = {
    root: table,
    joins: [],
    distinct: false,
    where: [],
    groupBy: 0,
    having: [],
    orderBy: [],
    select: [
      ...dims,
      {
        expr: { kind: "ratio", num: col(a), den: col(b) },
        alias: `${a.column.name}_to_${b.column.name}_ratio`.slice(0, 60),
      },
    ],
  };
  return {
    query,
    explanation: `${table.table.name}.${a.column.name} divided by ${table.table.name}.${b.column.name}, per row`,
  };
}
