/**
 * The real Postgres 18 parser (libpg-query, compiled to WASM by emscripten), loaded the way workerd
 * allows. The package's own entry (`libpg-query`) starts its emscripten module at import time with no
 * options, so it would try to fetch() the .wasm from a URL; here we import the .wasm as a compiled
 * WebAssembly.Module (wrangler and the vitest pool both treat `*.wasm` imports as CompiledWasm) and hand
 * it to the emscripten factory through its `instantiateWasm` hook. The few lines that read the C result
 * structs mirror libpg-query's wasm/index.js.
 */
import type { ParseResult } from "libpg-query";
import createPgQueryModule, { type PgQueryEmscriptenModule } from "libpg-query/wasm/libpg-query.js";
import pgQueryWasm from "libpg-query/wasm/libpg-query.wasm";

export type PgParseOutcome =
  | { ok: true; tree: ParseResult }
  /** `cursorPosition`: 0-based character index of the error in the input, when Postgres reports one. */
  | { ok: false; message: string; cursorPosition?: number };

/** One lexical token; `start`/`end` are UTF-8 byte offsets (libpg_query's scanner works on bytes). */
export interface PgToken {
  start: number;
  end: number;
  tokenName: string;
}

let pgQuery: Promise<PgQueryEmscriptenModule> | undefined;

/** One emscripten instance per isolate; a failed start is forgotten so the next call retries. */
export function loadPgParser(): Promise<PgQueryEmscriptenModule> {
  pgQuery ??= instantiate().catch((err: unknown) => {
    pgQuery = undefined;
    throw err;
  });
  return pgQuery;
}

function instantiate(): Promise<PgQueryEmscriptenModule> {
  return new Promise((resolve, reject) => {
    // emscripten's start-up sniffs its host synchronously, before the factory's first await. workerd
    // (at our compatibility date) has both `WorkerGlobalScope` and `process.versions.node`, so it takes
    // the browser-worker path to `self.location.href` (undefined in workerd: TypeError) unless
    // `__filename` exists, and then the Node path, which reads `__dirname`. Both are defined just for
    // that synchronous start and removed again; the wasm itself comes from `instantiateWasm`, so no
    // file or URL is ever read.
    const scope = globalThis as { __filename?: unknown; __dirname?: unknown };
    const shimmed = (["__filename", "__dirname"] as const).filter((name) => !(name in scope));
    for (const name of shimmed) scope[name] = name === "__filename" ? "/libpg-query.js" : "/";
    try {
      createPgQueryModule({
        instantiateWasm(imports, receiveInstance) {
          WebAssembly.instantiate(pgQueryWasm, imports).then(receiveInstance, reject);
          return {};
        },
      }).then(resolve, reject);
    } finally {
      for (const name of shimmed) delete scope[name];
    }
  });
}

/** Runs `fn` with `sql` as a NUL-terminated C string in WASM memory. */
async function withCString<T>(sql: string, fn: (pg: PgQueryEmscriptenModule, ptr: number) => T): Promise<T> {
  const pg = await loadPgParser();
  const size = pg.lengthBytesUTF8(sql) + 1;
  const ptr = pg._malloc(size);
  if (!ptr) throw new Error("libpg-query: out of WASM memory");
  let dropped = false;
  try {
    pg.stringToUTF8(sql, ptr, size);
    return fn(pg, ptr);
  } catch (err) {
    // A trap or a stack overflow inside the C code (V8 reports that one as RangeError) unwinds past
    // emscripten's own stack pointer and heap bookkeeping: drop this instance and start afresh.
    dropped = true;
    pgQuery = undefined;
    throw err;
  } finally {
    if (!dropped) pg._free(ptr);
  }
}

export function parsePostgres(sql: string): Promise<PgParseOutcome> {
  return withCString(sql, (pg, queryPtr) => {
    const resultPtr = pg._wasm_parse_query_raw(queryPtr);
    if (!resultPtr) throw new Error("libpg-query: out of WASM memory");
    try {
      // struct PgQueryParseResult { char *parse_tree; char *stderr_buffer; PgQueryError *error; }
      const treePtr = pg.getValue(resultPtr, "i32");
      const errorPtr = pg.getValue(resultPtr + 8, "i32");
      if (errorPtr) {
        // struct PgQueryError { char *message; char *funcname; char *filename; int lineno; int cursorpos; }
        const messagePtr = pg.getValue(errorPtr, "i32");
        const cursorpos = pg.getValue(errorPtr + 16, "i32"); // 1-based characters, 0 = none
        const message = messagePtr ? pg.UTF8ToString(messagePtr) : "unknown parse error";
        return cursorpos > 0 ? { ok: false, message, cursorPosition: cursorpos - 1 } : { ok: false, message };
      }
      return { ok: true, tree: JSON.parse(pg.UTF8ToString(treePtr)) as ParseResult };
    } finally {
      pg._wasm_free_parse_result(resultPtr);
    }
  });
}

/** The scanner's tokens, comments included (SQL_COMMENT, C_COMMENT); call only on SQL that parsed. */
export function scanPostgres(sql: string): Promise<PgToken[]> {
  return withCString(sql, (pg, queryPtr) => {
    const resultPtr = pg._wasm_scan(queryPtr);
    try {
      const json = pg.UTF8ToString(resultPtr);
      if (!json.startsWith("{")) throw new Error(`libpg-query scan: ${json}`);
      return (JSON.parse(json) as { tokens?: PgToken[] }).tokens ?? [];
    } finally {
      pg._wasm_free_string(resultPtr);
    }
  });
}
