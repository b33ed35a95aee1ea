import type { IndexedColumn, IndexedTable } from "./catalog-index";
import { stem } from "./text";

/** Words of a key's name that only say it is a key: id, no, code, … */
const KEY_WORDS = new Set("id no num nbr number code cd key ref".split(" ").map(stem));

/** "appt" of appointment, "txn" of transaction, "order" of order: the letters in order, first kept. */
export function abbreviates(short: string, word: string): boolean {
  if (short.length < 2 || short[0] !== word[0] || short.length > word.length) return false;
  let at = 0;
  for (const ch of word) if (ch === short[at]) at++;
  return at === short.length;
}

/**
 * The words of a key that name a role of the rows it points at (manager_staff_id → "manager",
 * preferred_clinic_id → "preferred"): not the target's own name, however shortened (emp_no of
 * employees, po_no of purchase_orders), nor a key word. None for a plain key (clinic_id).
 */
export function keyRoleWords(key: IndexedColumn, target: IndexedTable): string[] {
  const initials = target.nameStems.map((n) => n[0]).join("");
  return key.nameStems.filter(
    (s) => !KEY_WORDS.has(s) && s !== initials && !target.nameStems.some((n) => n === s || abbreviates(s, n)),
  );
}
