/**
 * Stand-in for four modules the MCP SDK imports but this Worker never runs, swapped in by
 * wrangler.toml's [alias] so they stay out of the bundle (about 55 KiB gzipped of the 1 MiB budget):
 *
 * - `ajv` and `ajv-formats`: the SDK server's default JSON Schema validator, used only to check
 *   elicitation answers; server.ts passes its own validator, so the default is never constructed.
 * - `zod/v3` and `zod-to-json-schema`: the SDK's path for Zod 3 schemas; every schema here is Zod 4,
 *   which the SDK converts with Zod 4's own `toJSONSchema`.
 *
 * Anything reaching one of these throws at once instead of misbehaving. The tests (vitest's Workers
 * pool) load the real modules, so they do not depend on the swap; the e2e tests run the swapped build.
 */
function unavailable(what: string): never {
  throw new Error(`${what} is not bundled in this Worker (src/mcp/unbundled.ts)`);
}

export default class NotBundled {
  constructor() {
    unavailable("ajv");
  }
}

export function zodToJsonSchema(): never {
  return unavailable("zod-to-json-schema (Zod 3 schemas)");
}

export function object(): never {
  return unavailable("zod/v3");
}
