import { type CatalogIndex, type IndexedColumn, stem } from "../../linking";
import type { Expr, LogicalQuery } from "./query";
import { columnUnit, type Unit, unitOf } from "./units";

/**
 * "What is the average track length in minutes?", "the total weight of each shipment in kilograms":
 * the unit the answer's figures are asked in. Read off the question before anything else (the words
 * name no column), and applied to the finished query: each figure of a column whose unit is known
 * (its name or its comment: "Running time in minutes") is converted; a figure whose unit is unknown
 * or of another quantity is refused rather than shown in the wrong unit.
 */
export interface OutputUnit {
  word: string;
  unit: Unit;
}

/** Units of measure, not money: "in dollars" beside an amount is how it is already kept. */
const OUTPUT_UNIT = /\s*\b(?:in|into)\s+([A-Za-z]+)\b(?!\s*\d)/g;

export function extractOutputUnit(index: CatalogIndex, text: string): { unit?: OutputUnit; rest: string } {
  // "its length in milliseconds" beside a milliseconds column: the words name the column itself.
  const namesColumn = (w: string) => (index.terms.get(stem(w)) ?? []).some((p) => p.field === "columnName");
  const found: OutputUnit[] = [];
  const rest = text.replace(OUTPUT_UNIT, (whole, word: string) => {
    const unit = unitOf(word);
    if (unit === undefined || unit.quantity === "money" || namesColumn(word.toLowerCase())) return whole;
    found.push({ word: word.toLowerCase(), unit });
    return "";
  });
  // Two units ("in hours and minutes") are not one conversion: the words stay, and are refused.
  const [only, ...others] = found;
  return only !== undefined && others.length === 0 ? { unit: only, rest } : { rest: text };
}

/** The measured column of a figure: the column itself, or what SUM/AVG/MIN/MAX/MEDIAN take of it. */
function measuredColumn(e: Expr): IndexedColumn | undefined {
  if (e.kind === "column") return e.column.kind === "number" && !e.column.isKey ? e.column : undefined;
  if (e.kind === "agg" && e.fn !== "count" && e.arg?.kind === "column") return e.arg.column;
  return undefined;
}

/** Converts the query's figures to the unit asked; returns why it cannot, or undefined. */
export function applyOutputUnit(q: LogicalQuery, asked: OutputUnit): string | undefined {
  let figures = 0;
  for (const item of q.select) {
    const column = measuredColumn(item.expr);
    if (column === undefined) continue;
    const name = `${column.table.table.name}.${column.column.name}`;
    const held = columnUnit(column);
    if (held === undefined) return `which unit ${name} holds, to give it in ${asked.word}`;
    if (held.quantity !== asked.unit.quantity) return `how to give ${name} in ${asked.word}`;
    figures++;
    if (held.factor === asked.unit.factor) continue;
    item.expr = { kind: "inUnit", arg: item.expr, factor: held.factor / asked.unit.factor, unit: asked.word };
    item.alias = aliasIn(item.alias ?? column.column.name, asked.word);
  }
  return figures > 0
    ? undefined
    : `did not understand "in ${asked.word}": no figure of the answer is a ${asked.unit.quantity}`;
}

/** "avg_duration_ms" in seconds is "avg_duration_seconds"; "avg_length" in hours, "avg_length_hours". */
function aliasIn(alias: string, word: string): string {
  const parts = alias.split("_");
  const last = parts[parts.length - 1] ?? "";
  return unitOf(last) !== undefined ? [...parts.slice(0, -1), word].join("_") : `${alias}_${word}`;
}
