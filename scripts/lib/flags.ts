import { parseArgs } from "node:util";

/** The seed server's flags (`python -m datus.api.server ...`), mapped onto the local launcher. */
export interface ServerFlags {
  host: string;
  port: number;
  workers: number | undefined;
  reload: boolean;
  debug: boolean;
  daemon: boolean;
  stop: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [options]

  --host HOST       address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --port PORT       port to listen on (default 8000)
  --workers N       accepted for compatibility: Workers scale isolates themselves (see README)
  --reload          rebuild and reload on source changes (default)
  --no-reload       serve one fixed build, no file watching
  --debug           debug logging (Worker and wrangler)
  --daemon          run in the background; pid and log under .data/ (stop with: npm stop)
  --stop            stop a daemon started with --daemon
  --help            this text`;

export function parseServerFlags(argv: string[]): ServerFlags {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowNegative: true,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8000" },
      workers: { type: "string" },
      reload: { type: "boolean", default: true },
      debug: { type: "boolean", default: false },
      daemon: { type: "boolean", default: false },
      stop: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--port must be 1-65535, got '${values.port}'`);
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1)
      throw new Error(`--workers must be a positive integer, got '${values.workers}'`);
  }
  return {
    host: values.host!,
    port,
    workers,
    reload: values.reload!,
    debug: values.debug!,
    daemon: values.daemon!,
    stop: values.stop!,
    help: values.help!,
  };
}
