/**
 * A local stand-in for Neon's SQL-over-HTTP endpoint. The Worker's `neon()` driver posts to
 * `POST /sql` (via `neonConfig.fetchEndpoint`); the `Neon-Connection-String` header picks the
 * database: host `embedded` is the PGlite demo database, anything else a real PostgreSQL server.
 *
 * The gateway connects wherever a connection string says, so it answers only requests that know
 * the random token of this start (a path prefix of `url`, which the launcher hands to the Worker as
 * NEON_GATEWAY_URL): another local process, or a web page, cannot use it to reach local databases.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type EmbeddedDatabase, openEmbeddedDatabase } from "./embedded.ts";
import { PostgresPools } from "./postgres.ts";
import {
  BadRequestError,
  type GatewayRequest,
  parseGatewayRequest,
  postgresErrorBody,
  type SqlBackend,
  shapeResult,
} from "./protocol.ts";

export interface GatewayOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** PGlite data directory (or `memory://`); default `.data/pglite-demo` under the working directory. */
  dataDir?: string;
  /** Serve the PGlite demo database for host `embedded`; false skips PGlite entirely (faster start). */
  embedded?: boolean;
  /** Start-up and failure lines; `true` prints them to stderr, `false`/absent keeps quiet. */
  log?: boolean | ((line: string) => void);
  /** The token `url` carries; default: 24 random bytes, new at every start. */
  token?: string;
}

export interface Gateway {
  /** Base URL with this start's token, e.g. `http://127.0.0.1:4444/t/<token>`; the driver endpoint is `${url}/sql`. */
  url: string;
  port: number;
  /** How the embedded database started: 'reused' an up-to-date store or 'loaded' the demo data. */
  embedded: EmbeddedDatabase["startup"] | "disabled";
  close(): Promise<void>;
}

/** Connection string of the embedded demo database; user and database name are not checked. */
export const EMBEDDED_CONNECTION_STRING = "postgres://demo@embedded/demo";
export const EMBEDDED_HOST = "embedded";
export const DEFAULT_DATA_DIR = ".data/pglite-demo";

/** Neon caps request bodies too; a few MiB is far beyond any generated SQL plus params. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Drain the rest instead of destroying the socket, so the client still reads the 413.
      req.off("data", onData);
      req.resume();
      reject(new HttpError(413, `request body exceeds ${MAX_BODY_BYTES} bytes`));
    };
    req.on("data", onData);
    req.on("end", () => resolveBody(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

/** Socket-level failures reaching a real server (ECONNREFUSED, ENOTFOUND...) and pg's own connect errors. */
function isUpstreamFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (
    (typeof code === "string" && /^E[A-Z]+$/.test(code)) ||
    /Connection terminated|timeout exceeded when trying to connect/.test(err.message)
  );
}

function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host.startsWith("127.");
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const { port = 0, host = "127.0.0.1", embedded = true } = options;
  const log =
    typeof options.log === "function"
      ? options.log
      : options.log
        ? (line: string) => console.error(`[gateway] ${line}`)
        : () => undefined;
  const embeddedDb = embedded
    ? await openEmbeddedDatabase({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, log })
    : undefined;
  const pools = new PostgresPools(log);
  const token = options.token ?? randomBytes(24).toString("hex");
  const prefix = Buffer.from(`/t/${token}/`);
  /** The path after this start's token prefix, or undefined when the request does not carry the token. */
  const authorizedPath = (path: string): string | undefined => {
    const given = Buffer.from(path.slice(0, prefix.length));
    return given.length === prefix.length && timingSafeEqual(given, prefix) ? path.slice(prefix.length - 1) : undefined;
  };

  function backendFor(request: GatewayRequest): Omit<SqlBackend, "close"> {
    let hostname: string;
    try {
      hostname = new URL(request.connectionString).hostname;
    } catch {
      throw new BadRequestError("Neon-Connection-String is not a valid URL");
    }
    if (hostname !== EMBEDDED_HOST) return pools.backendFor(request.connectionString);
    if (!embeddedDb) throw new BadRequestError("the embedded demo database is disabled on this gateway");
    return embeddedDb;
  }

  async function handleSql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new BadRequestError("request body is not valid JSON");
    }
    const request = parseGatewayRequest(req.headers, body);
    const backend = backendFor(request);
    if (request.kind === "single") {
      send(res, 200, shapeResult(await backend.query(request.query), request.output));
    } else {
      const results = await backend.transaction(request.queries, request.options);
      send(res, 200, { results: results.map((r) => shapeResult(r, request.output)) });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Guards against browsers: a web page may not use this (it can reach any local database), and a
    // DNS-rebound name pointing at 127.0.0.1 carries a foreign Host header.
    const hostHeader = (req.headers.host ?? "").replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
    if (req.headers.origin !== undefined || (isLoopback(host) && !isLoopback(hostHeader))) {
      throw new HttpError(403, "browser and non-local requests are refused");
    }
    const requested = (req.url ?? "/").split("?")[0] ?? "/";
    // Liveness carries no data: open, so launchers can wait for it.
    if (requested === "/health" && req.method === "GET") return send(res, 200, { ok: true });
    const path = authorizedPath(requested);
    if (path === undefined)
      throw new HttpError(403, "this gateway answers only requests to the URL it printed at start-up (with its token)");
    if (path === "/health" && req.method === "GET") return send(res, 200, { ok: true });
    if (path !== "/sql") throw new HttpError(404, `no route for ${req.method} ${path}`);
    if (req.method !== "POST") throw new HttpError(405, "use POST /sql");
    await handleSql(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const pgError = postgresErrorBody(err);
      if (pgError) return send(res, 400, pgError);
      if (err instanceof BadRequestError) return send(res, 400, { message: err.message });
      if (err instanceof HttpError) return send(res, err.status, { message: err.message });
      // The driver reports non-400 statuses as "Server error (HTTP status N): <body>", which keeps
      // infrastructure failures apart from SQL errors (those carry a SQLSTATE in NeonDbError.code).
      const message = err instanceof Error ? err.message : String(err);
      if (isUpstreamFailure(err)) {
        log(`upstream database unreachable: ${message}`);
        return send(res, 502, { message: `database unreachable: ${message}` });
      }
      log(`request failed: ${err instanceof Error && err.stack ? err.stack : message}`);
      send(res, 500, { message: `gateway error: ${message}` });
    });
  });

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolveListen());
    });
  } catch (err) {
    await embeddedDb?.close();
    throw err;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actualPort}/t/${token}`,
    port: actualPort,
    embedded: embeddedDb?.startup ?? "disabled",
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections(); // keep-alive sockets of fetch() clients would hold close() open
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await closed;
        clearTimeout(force);
        await Promise.all([pools.close(), embeddedDb?.close()]);
      })()),
  };
}
