// libpg-query ships its emscripten factory (libpg-query.js) without types; only what pg-parser.ts uses.
declare module "libpg-query/wasm/libpg-query.js" {
  export interface PgQueryEmscriptenModule {
    _malloc(size: number): number;
    _free(ptr: number): void;
    _wasm_parse_query_raw(queryPtr: number): number;
    _wasm_free_parse_result(resultPtr: number): void;
    _wasm_scan(queryPtr: number): number;
    _wasm_free_string(ptr: number): void;
    getValue(ptr: number, type: "i32"): number;
    UTF8ToString(ptr: number): string;
    stringToUTF8(str: string, ptr: number, maxBytes: number): void;
    lengthBytesUTF8(str: string): number;
  }
  export interface PgQueryModuleOptions {
    instantiateWasm?(imports: WebAssembly.Imports, receiveInstance: (instance: WebAssembly.Instance) => void): object;
    print?(text: string): void;
    printErr?(text: string): void;
  }
  const createPgQueryModule: (options?: PgQueryModuleOptions) => Promise<PgQueryEmscriptenModule>;
  export default createPgQueryModule;
}
