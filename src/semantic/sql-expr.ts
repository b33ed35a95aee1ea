/**
 * Just enough SQL expression scanning for definitions: which bare identifiers an expression uses
 * (columns of a model, or metric names in a derived metric) and rewriting them (qualifying a column
 * with its table alias, replacing a metric name by its compiled SQL). Not a parser: string literals,
 * quoted identifiers, function names, `::type` casts, `tbl.col` qualifiers and keywords are told
 * apart, which is what unqualified definition expressions contain. The SQL guard still parses the
 * final statement properly.
 */

// Words that are never column references in an expression (Postgres reserved words and the few
// non-reserved ones that appear in expressions).
const KEYWORDS = new Set(
  (
    "all and any array as asc between both by case cast collate current_date current_timestamp desc distinct else end " +
    "escape except false filter following from ilike in interval is isnull leading like not notnull null nulls or order " +
    "over partition preceding range row rows similar some symmetric then trailing true unbounded when where within zone " +
    "at time timestamp"
  ).split(" "),
);

export interface IdentifierRef {
  name: string;
  /** Written as `"name"`: case is significant. */
  quoted: boolean;
}

/**
 * Rewrites every bare identifier of `expr` through `replace` (return undefined to keep it).
 * Qualified references (`t.col`) are reported with `qualified: true` so callers can refuse them.
 */
export function rewriteIdentifiers(
  expr: string,
  replace: (ref: IdentifierRef & { qualified: boolean }) => string | undefined,
): string {
  let out = "";
  let i = 0;
  let afterExtract = false;
  while (i < expr.length) {
    const ch = expr[i] as string;
    if (ch === "'") {
      const end = endOfQuoted(expr, i, "'");
      out += expr.slice(i, end);
      i = end;
      continue;
    }
    // Literals whose quoting differs: E'…' takes backslash escapes (E'\'' is one quote), $tag$…$tag$
    // none at all. Misread, their contents would hide identifiers from the checks (or invent them).
    const escaped = /^[Ee]'/.test(expr.slice(i)) && !/[A-Za-z0-9_$]/.test(expr[i - 1] ?? "");
    const dollar =
      ch === "$" && !/[A-Za-z0-9_]/.test(expr[i - 1] ?? "")
        ? /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(expr.slice(i))
        : null;
    if (escaped || dollar) {
      const end = escaped ? endOfEscapeString(expr, i + 1) : endOfDollarQuoted(expr, i, dollar![0]);
      out += expr.slice(i, end);
      i = end;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(expr.slice(i));
    if (ch === '"' || bare) {
      const end = ch === '"' ? endOfQuoted(expr, i, '"') : i + (bare as RegExpExecArray)[0].length;
      const raw = expr.slice(i, end);
      const quoted = ch === '"';
      const name = quoted ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
      const before = expr.slice(0, i).trimEnd();
      const after = expr.slice(end).trimStart();
      const isColumn =
        !before.endsWith("::") && // a type name in a cast
        !before.endsWith(".") && // the column part of a qualified name (the qualifier is reported)
        !after.startsWith("(") && // a function call
        !(!quoted && after.startsWith("'")) && // a typed literal: DATE '2024-01-01'
        !(!quoted && KEYWORDS.has(name)) &&
        !afterExtract; // EXTRACT(year FROM x): the field name
      afterExtract = !quoted && name === "extract";
      const qualified = after.startsWith(".") && !after.startsWith("..");
      out += isColumn ? (replace({ name, quoted, qualified }) ?? raw) : raw;
      i = end;
      continue;
    }
    if (ch !== " " && ch !== "(") afterExtract = false;
    out += ch;
    i++;
  }
  return out;
}

function endOfQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/** `start` is the opening quote of an E'…' string: a backslash escapes the next character, '' is a quote. */
function endOfEscapeString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "\\") i += 2;
    else if (text[i] === "'") {
      if (text[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function endOfDollarQuoted(text: string, start: number, tag: string): number {
  const close = text.indexOf(tag, start + tag.length);
  return close < 0 ? text.length : close + tag.length;
}

/** The bare identifiers an expression reads, in order of appearance, without repeats. */
export function identifiersOf(expr: string): (IdentifierRef & { qualified: boolean })[] {
  const found = new Map<string, IdentifierRef & { qualified: boolean }>();
  rewriteIdentifiers(expr, (ref) => {
    if (!found.has(ref.name)) found.set(ref.name, ref);
    return undefined;
  });
  return [...found.values()];
}

/** `quantity * unit_price` -> `oi.quantity * oi.unit_price`. */
export function qualify(expr: string, alias: string): string {
  return rewriteIdentifiers(expr, (ref) =>
    ref.qualified ? undefined : `${quoteIdent(alias)}.${ref.quoted ? quoteIdent(ref.name) : ref.name}`,
  );
}

/** An identifier as SQL: bare when it is a plain lowercase name, double-quoted otherwise. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !KEYWORDS.has(name) && name !== "user"
    ? name
    : `"${name.replace(/"/g, '""')}"`;
}

/** `schema.table` or `table`, each part quoted as needed. */
export function quoteTable(table: string): string {
  return table.split(".").map(quoteIdent).join(".");
}

/** A filter value as a SQL literal. */
export function literal(value: string | number | boolean): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("a filter value must be a finite number");
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // Control characters as E'' escapes: the literal stays on one line, whatever formats the SQL.
  if (/[\u0000-\u001f\\]/.test(value)) {
    const escaped = value.replace(/[\u0000-\u001f\\']/g, (ch) =>
      ch === "'" ? "''" : ch === "\\" ? "\\\\" : `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`,
    );
    return `E'${escaped}'`;
  }
  return `'${value.replace(/'/g, "''")}'`;
}
