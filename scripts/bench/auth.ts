/**
 * Token issuance and verification throughput: in-process (the jose code path alone) and over HTTP
 * against `wrangler dev` (the whole stack: workerd, Hono, secret check, JWT).
 */
import { issueAccessToken, type TokenSettings, verifyAccessToken } from "../../src/auth/tokens.ts";
import { formatLoad, load, opsPerSecond, type RunningWorker, startWorker } from "./lib.ts";

const CONCURRENCY = 16;
const DURATION_MS = 5000;

export async function benchAuth(): Promise<string[]> {
  const lines: string[] = [];
  const settings: TokenSettings = {
    algorithm: "HS256",
    keys: [new TextEncoder().encode("bench-signing-key-0123456789-abcdefghijklmnop")],
    issuer: "datus-edge",
    audience: "datus-workflow-api",
    expiresInSeconds: 7200,
  };
  const { accessToken } = await issueAccessToken(settings, "demo-client");
  const issue = await opsPerSecond(() => issueAccessToken(settings, "demo-client"));
  const verify = await opsPerSecond(() => verifyAccessToken(settings, accessToken, () => true));
  lines.push(`in-process (Node ${process.version}, one core):`);
  lines.push(`  JWT issue  (HS256, jose)                   ${issue.toFixed(0).padStart(6)} ops/s`);
  lines.push(`  JWT verify (HS256, jose)                   ${verify.toFixed(0).padStart(6)} ops/s`);

  let worker: RunningWorker | undefined;
  try {
    worker = await startWorker();
    const url = worker.url;
    const tokenBody = "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret";
    const tokenRequest = () =>
      fetch(`${url}/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: tokenBody,
      });
    const token = ((await (await tokenRequest()).json()) as { access_token: string }).access_token;
    lines.push(`over HTTP (wrangler dev --log-level warn, ${CONCURRENCY} connections, ${DURATION_MS / 1000} s each):`);
    lines.push(
      "  " +
        formatLoad(
          "GET /health (floor of the stack)",
          await load(() => fetch(`${url}/health`), CONCURRENCY, DURATION_MS),
        ),
    );
    lines.push(
      `  ${formatLoad("POST /auth/token (plain secret)", await load(tokenRequest, CONCURRENCY, DURATION_MS))}`,
    );
    // An empty JSON object fails validation right after the bearer check: verification + routing only.
    const verifyRequest = () =>
      fetch(`${url}/workflows/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{}",
      });
    lines.push(
      "  " +
        formatLoad(
          "bearer verification (POST /workflows/run → 400)",
          await load(verifyRequest, CONCURRENCY, DURATION_MS),
        ),
    );
  } finally {
    await worker?.stop();
  }
  return lines;
}
