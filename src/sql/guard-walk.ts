/**
 * The generic part of the guard: one pass over every object and array of libpg-query's JSON tree, so a
 * rule holds in subqueries, CTEs, LATERAL, set operations and expressions alike without naming each
 * place a node may occur. Iterative (an explicit stack) because the parser accepts expressions
 * thousands of levels deep and a recursive walk would overflow the JS stack on them.
 */
import { isAllowedOperator, isCatalogLookupType, refusedValueFunction } from "./guard-functions";
import { BUILTIN_FUNCTION_SCHEMA, forbiddenFunctionReason, isSystemCatalogName } from "./guard-policy";

export interface GuardTableRef {
  /** Present only when the SQL qualified the name. */
  schema?: string;
  name: string;
}

export type WalkRefusal =
  | { reason: "data_modifying_cte"; cte: string; statement: string }
  | { reason: "nested_statement"; statement: string }
  | { reason: "select_into" }
  | { reason: "locking_clause"; strength: string }
  | {
      reason: "forbidden_function";
      name: string;
      why: string /** Written without parentheses (CURRENT_USER). */;
      bare?: boolean;
    }
  | { reason: "forbidden_operator"; operator: string }
  | { reason: "catalog_cast"; type: string }
  | { reason: "forbidden_schema"; schema: string; name: string; what: "table" | "function" }
  | { reason: "system_catalog"; name: string };

export type WalkResult = { ok: true; tables: GuardTableRef[] } | { ok: false; refusal: WalkRefusal };

type AstObject = { [key: string]: unknown };

interface Pending {
  node: unknown;
  /** CTE names visible here: an unqualified reference to one of them is not a table. */
  ctes: ReadonlySet<string>;
}

const LOCK_STRENGTHS: Record<string, string> = {
  LCS_FORUPDATE: "FOR UPDATE",
  LCS_FORNOKEYUPDATE: "FOR NO KEY UPDATE",
  LCS_FORSHARE: "FOR SHARE",
  LCS_FORKEYSHARE: "FOR KEY SHARE",
};

function isAstObject(value: unknown): value is AstObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A node wrapper `{ SelectStmt: {...} }` has exactly one key: the node type. */
function nodeType(node: unknown): string | undefined {
  return isAstObject(node) ? Object.keys(node)[0] : undefined;
}

function stringValues(nodes: unknown): string[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.map((n) => {
    const sval = isAstObject(n) && isAstObject(n.String) ? n.String.sval : undefined;
    return typeof sval === "string" ? sval : "";
  });
}

/** Checks every node under `root` (the body of the top-level SelectStmt) and collects base tables. */
export function inspectQueryTree(root: unknown, allowedSchemas: readonly string[]): WalkResult {
  return new TreeInspector(allowedSchemas).inspect(root);
}

/** Single use: the stack and the tables belong to one tree. */
class TreeInspector {
  private readonly stack: Pending[] = [];
  private readonly tables = new Map<string, GuardTableRef>();

  constructor(private readonly allowedSchemas: readonly string[]) {}

  inspect(root: unknown): WalkResult {
    this.stack.push({ node: root, ctes: new Set() });
    for (let item = this.stack.pop(); item; item = this.stack.pop()) {
      const refusal = this.visit(item);
      if (refusal) return { ok: false, refusal };
    }
    return { ok: true, tables: [...this.tables.values()] };
  }

  private visit({ node, ctes }: Pending): WalkRefusal | undefined {
    if (Array.isArray(node)) {
      // Reversed so that nodes are popped, and tables reported, in the order they were written.
      for (let i = node.length - 1; i >= 0; i--) this.stack.push({ node: node[i], ctes });
      return undefined;
    }
    if (!isAstObject(node)) return undefined;

    let scope = ctes;
    let cteBodies: Pending[] = [];
    if (isAstObject(node.withClause)) {
      const entered = this.enterWith(node.withClause, ctes);
      if ("reason" in entered) return entered;
      ({ scope, cteBodies } = entered);
    }
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i]!;
      if (key === "withClause") continue;
      const refusal = this.check(key, value, scope);
      if (refusal) return refusal;
      this.stack.push({ node: value, ctes: scope });
    }
    // Pushed last so that they are walked first, as they are written first.
    for (let i = cteBodies.length - 1; i >= 0; i--) this.stack.push(cteBodies[i]!);
    return undefined;
  }

  /**
   * The CTE bodies, each with the CTE names it may see, and the names visible to the rest of the
   * query. Without RECURSIVE a CTE sees only the CTEs before it (a later or its own name means a
   * real table, which must then pass the table rules); with RECURSIVE it sees all of them.
   */
  private enterWith(
    withClause: AstObject,
    outer: ReadonlySet<string>,
  ): { scope: ReadonlySet<string>; cteBodies: Pending[] } | WalkRefusal {
    const ctes = Array.isArray(withClause.ctes) ? withClause.ctes : [];
    const bodies = ctes.map((c) => (isAstObject(c) && isAstObject(c.CommonTableExpr) ? c.CommonTableExpr : {}));
    const names = bodies.map((cte) => (typeof cte.ctename === "string" ? cte.ctename : ""));
    const recursive = withClause.recursive === true;
    const cteBodies: Pending[] = [];
    for (const [i, cte] of bodies.entries()) {
      const statement = nodeType(cte.ctequery) ?? "unknown";
      // WITH x AS (DELETE … RETURNING …) SELECT … would modify data from inside a "query".
      if (statement !== "SelectStmt") return { reason: "data_modifying_cte", cte: names[i]!, statement };
      cteBodies.push({ node: cte, ctes: new Set([...outer, ...(recursive ? names : names.slice(0, i))]) });
    }
    return { scope: new Set([...outer, ...names]), cteBodies };
  }

  private check(key: string, value: unknown, ctes: ReadonlySet<string>): WalkRefusal | undefined {
    switch (key) {
      case "intoClause":
        return value ? { reason: "select_into" } : undefined;
      case "lockingClause": {
        if (!Array.isArray(value) || value.length === 0) return undefined;
        const first: unknown = value[0];
        const clause = isAstObject(first) && isAstObject(first.LockingClause) ? first.LockingClause : {};
        return { reason: "locking_clause", strength: LOCK_STRENGTHS[String(clause.strength)] ?? "FOR UPDATE" };
      }
      case "RangeVar":
        return isAstObject(value) ? this.checkRelation(value, ctes) : undefined;
      case "FuncCall":
        return isAstObject(value) ? this.checkFunction(value) : undefined;
      case "A_Expr":
        return isAstObject(value) ? this.checkOperator(value.kind, value.name) : undefined;
      case "SubLink":
        // `x = ANY (SELECT …)`, `x > ALL (…)`: the operator is in operName.
        return isAstObject(value) && Array.isArray(value.operName)
          ? this.checkOperator("AEXPR_OP", value.operName)
          : undefined;
      case "SQLValueFunction": {
        const op = isAstObject(value) ? String(value.op) : "";
        const refused = refusedValueFunction(op);
        return refused
          ? {
              reason: "forbidden_function",
              name: refused,
              why: "it reveals the session's role, database or schema, which are not the data's",
              bare: true,
            }
          : undefined;
      }
      case "TypeCast": {
        const typeName =
          isAstObject(value) && isAstObject(value.typeName) ? (stringValues(value.typeName.names).at(-1) ?? "") : "";
        return isCatalogLookupType(typeName) ? { reason: "catalog_cast", type: typeName.toLowerCase() } : undefined;
      }
      default:
        // Statements can only nest inside a query as CTE bodies (checked in enterWith); anything else
        // is a shape this guard does not know, so it is refused rather than trusted.
        if (key.endsWith("Stmt") && key !== "SelectStmt") return { reason: "nested_statement", statement: key };
        return undefined;
    }
  }

  private checkRelation(rangeVar: AstObject, ctes: ReadonlySet<string>): WalkRefusal | undefined {
    const name = typeof rangeVar.relname === "string" ? rangeVar.relname : "";
    const schema = typeof rangeVar.schemaname === "string" ? rangeVar.schemaname : undefined;
    if (schema !== undefined) {
      // Quoted identifiers keep their case, so "Public" is another schema than public: compare exactly.
      if (!this.allowedSchemas.includes(schema)) return { reason: "forbidden_schema", schema, name, what: "table" };
      this.addTable({ schema, name });
      return undefined;
    }
    if (ctes.has(name)) return undefined;
    if (isSystemCatalogName(name) && !this.allowedSchemas.includes("pg_catalog")) {
      return { reason: "system_catalog", name };
    }
    this.addTable({ name });
    return undefined;
  }

  private checkFunction(call: AstObject): WalkRefusal | undefined {
    const parts = stringValues(call.funcname);
    const name = parts.at(-1) ?? "";
    // A function in another schema (admin.purge_cache()) may do anything, and one in the data's own
    // schema is not the built-in of that name (public.lower() is whatever someone defined); only
    // pg_catalog's are.
    const schema = parts.length >= 2 ? parts.at(-2) : undefined;
    if (schema !== undefined && schema !== BUILTIN_FUNCTION_SCHEMA) {
      if (!this.allowedSchemas.includes(schema)) return { reason: "forbidden_schema", schema, name, what: "function" };
      return {
        reason: "forbidden_function",
        name: `${schema}.${name}`,
        why: "only PostgreSQL's built-in functions may be called (unqualified or as pg_catalog.<name>), not functions defined in a schema",
      };
    }
    const why = forbiddenFunctionReason(name);
    if (why) return { reason: "forbidden_function", name: name.toLowerCase(), why };
    return undefined;
  }

  /** Operators of the built-in types only, unqualified or as OPERATOR(pg_catalog.<op>). */
  private checkOperator(kind: unknown, names: unknown): WalkRefusal | undefined {
    // BETWEEN and its variants carry a keyword as their name, not an operator.
    if (typeof kind === "string" && kind.startsWith("AEXPR_BETWEEN")) return undefined;
    if (typeof kind === "string" && kind.startsWith("AEXPR_NOT_BETWEEN")) return undefined;
    const parts = stringValues(names);
    if (parts.length === 0) return undefined;
    const symbol = parts.at(-1)!;
    const schema = parts.length >= 2 ? parts.at(-2) : undefined;
    if ((schema !== undefined && schema !== BUILTIN_FUNCTION_SCHEMA) || !isAllowedOperator(symbol)) {
      return { reason: "forbidden_operator", operator: schema !== undefined ? `${schema}.${symbol}` : symbol };
    }
    return undefined;
  }

  private addTable(table: GuardTableRef): void {
    const key = `${table.schema ?? ""}.${table.name}`;
    if (!this.tables.has(key)) this.tables.set(key, table);
  }
}
