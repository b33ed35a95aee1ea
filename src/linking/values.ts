import type { CatalogIndex, ValuePosting } from "./catalog-index";
import { placeCode } from "./place-codes";
import { stem, valueKey } from "./text";

/** A run of question words that equals a known column value ("Home & Garden", "shipped"). */
export interface ValueMatch {
  /** Word positions [start, end) in the word list that was matched. */
  start: number;
  end: number;
  /** The question's words as written (lowercased). */
  text: string;
  /** Every column holding this value; the caller picks by context (join distance, other words). */
  postings: readonly ValuePosting[];
  /**
   * True when only the stems matched ("books" for "Books" is exact; "cancelled" for "canceled" is
   * not), or the words name a value written another way ("California" for "CA", place-codes.ts).
   */
  stemmed: boolean;
}

/**
 * Finds sample values in a list of lowercase words, longest run first and without overlaps, so
 * "united states" wins over a value "states". `skip(i)` excludes words already given another role.
 */
export function matchValues(
  index: CatalogIndex,
  questionWords: readonly string[],
  skip: (i: number) => boolean = () => false,
): ValueMatch[] {
  const taken = new Array<boolean>(questionWords.length).fill(false);
  const found: ValueMatch[] = [];
  for (let len = Math.min(index.maxValueWords + 1, questionWords.length); len >= 1; len--) {
    for (let start = 0; start + len <= questionWords.length; start++) {
      let free = true;
      for (let i = start; i < start + len; i++) if (taken[i] || skip(i)) free = false;
      if (!free) continue;
      const ws = questionWords.slice(start, start + len);
      // "and" is dropped from keys so "Home & Garden" and "home and garden" agree; a run must not start
      // or end with it, or "books and toys" would match as one value.
      if (ws[0] === "and" || ws[ws.length - 1] === "and") continue;
      const exact = index.values.get(valueKey(ws));
      const code = placeCode(ws);
      const postings =
        exact ??
        index.valueStems.get(valueKey(ws.map(stem))) ??
        (code === undefined ? undefined : index.values.get(valueKey([code])));
      if (postings === undefined || postings.length === 0) continue;
      found.push({ start, end: start + len, text: ws.join(" "), postings, stemmed: exact === undefined });
      for (let i = start; i < start + len; i++) taken[i] = true;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
