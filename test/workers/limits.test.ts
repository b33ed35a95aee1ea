import {
  createExecutionContext,
  runDurableObjectAlarm,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { FORGET_AFTER_REST_MS, type RateLimiter } from "../../src/limits";
import { form, taskRoom as room, uniqueTaskId, waitForCancel, withGenerator } from "./helpers";

/**
 * Rate limits and the concurrent-task cap over HTTP, against the real RateLimiter and TaskRoom
 * objects. The suite's own clients run with generous limits (wrangler.toml's dev vars), so each test
 * calls the Worker with an environment of its own: its own clients (auth_clients.yml's extended form)
 * and low limits; client ids and addresses are unique per test, so every limiter object is fresh.
 */
const SIGNING_KEY = "limits-test-signing-key-0123456789-abcdefgh";
const QUESTION = { workflow: "fixed", namespace: "demo", task: "How many orders are there per status?" };

function testEnv(clients: Record<string, string | Record<string, unknown>>, vars: Record<string, string> = {}): Env {
  const lines = Object.entries(clients).map(([id, value]) => `  ${JSON.stringify(id)}: ${JSON.stringify(value)}`);
  const authClients = ["clients:", ...lines, "jwt:", `  secret_key: ${SIGNING_KEY}`, ""].join("\n");
  return { ...env, AUTH_CLIENTS: authClients, ...vars } as Env;
}

function callWith(e: Env, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(worker.fetch(new Request(`http://datus.test${path}`, init), e, createExecutionContext()));
}

function tokenRequest(
  e: Env,
  clientId: string,
  secret: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return callWith(e, "/auth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
  });
}

async function tokenWith(e: Env, clientId: string, secret: string): Promise<string> {
  const res = await tokenRequest(e, clientId, secret);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

function runWith(e: Env, token: string, body: Record<string, unknown>): Promise<Response> {
  return callWith(e, "/workflows/run", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
}

async function expectTooMany(
  res: Response,
  kind: string,
): Promise<{ detail: string; retry_after: number; [k: string]: unknown }> {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await res.json()) as { type: string; detail: string; retry_after: number };
  expect(problem.type).toBe(`https://datus-edge.dev/problems/${kind}`);
  expect(res.headers.get("retry-after")).toBe(String(problem.retry_after));
  expect(problem.retry_after).toBeGreaterThanOrEqual(1);
  return problem;
}

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

describe("runs per client", () => {
  it("answers 429 with Retry-After once the burst is spent (defaults from the vars)", async () => {
    const client = unique("runs");
    const e = testEnv({ [client]: "s" }, { RATE_LIMIT_RUNS_PER_MINUTE: "2", RATE_LIMIT_RUNS_BURST: "2" });
    const token = await tokenWith(e, client, "s");
    for (let i = 0; i < 2; i++)
      expect((await runWith(e, token, { ...QUESTION, task_id: uniqueTaskId() })).status).toBe(200);
    const refused = await runWith(e, token, { ...QUESTION, task_id: uniqueTaskId() });
    const problem = await expectTooMany(refused, "rate-limited");
    // 2 a minute: the next run is at most 30 s away.
    expect(problem.retry_after).toBeLessThanOrEqual(30);
    expect(problem.detail).toContain("2 per minute");
    // The RateLimit fields name the same moment as Retry-After.
    expect(refused.headers.get("ratelimit")).toBe(`"runs";r=0;t=${problem.retry_after}`);
    expect(refused.headers.get("ratelimit-policy")).toBe('"runs";q=2;w=60');
  });

  it("tells a client what is left before it meets a 429 (RateLimit header fields, sync and async)", async () => {
    const client = unique("paced");
    const e = testEnv({ [client]: "s" }, { RATE_LIMIT_RUNS_PER_MINUTE: "60", RATE_LIMIT_RUNS_BURST: "5" });
    const token = await tokenWith(e, client, "s");
    const seen: string[] = [];
    for (const mode of ["sync", "async", "sync"]) {
      const res = await runWith(e, token, { ...QUESTION, mode, task_id: uniqueTaskId() });
      expect(res.status).toBe(200);
      await res.text();
      expect(res.headers.get("ratelimit-policy")).toBe('"runs";q=5;w=5');
      seen.push(res.headers.get("ratelimit")!);
    }
    // Each run takes one of the burst of 5; the bucket is full again within a few seconds.
    expect(seen.map((v) => /r=(\d+)/.exec(v)?.[1])).toEqual(["4", "3", "2"]);
    for (const value of seen) expect(value).toMatch(/^"runs";r=\d+;t=[1-5]$/);
  });

  it("honours a client's own limit from auth_clients.yml, and only for that client", async () => {
    const slow = unique("slow");
    const other = unique("other");
    const e = testEnv({ [slow]: { secret: "s", rate_limit: { runs_per_minute: 1 } }, [other]: "o" });
    const slowToken = await tokenWith(e, slow, "s");
    expect((await runWith(e, slowToken, { ...QUESTION, task_id: uniqueTaskId() })).status).toBe(200);
    const problem = await expectTooMany(
      await runWith(e, slowToken, { ...QUESTION, task_id: uniqueTaskId() }),
      "rate-limited",
    );
    expect(problem).toMatchObject({ runs_per_minute: 1, burst: 1 });
    const otherToken = await tokenWith(e, other, "o");
    for (let i = 0; i < 2; i++)
      expect((await runWith(e, otherToken, { ...QUESTION, task_id: uniqueTaskId() })).status).toBe(200);
  });

  it("fails open: a limiter that cannot be reached lets requests through", async () => {
    const client = unique("open");
    const broken = {
      idFromName: () => {
        throw new Error("limiter down");
      },
    };
    const e = {
      ...testEnv({ [client]: "s" }, { RATE_LIMIT_RUNS_PER_MINUTE: "1", RATE_LIMIT_TOKENS_PER_MINUTE: "1" }),
      LIMITS: broken,
    } as unknown as Env;
    const token = await tokenWith(e, client, "s");
    await tokenWith(e, client, "s");
    for (let i = 0; i < 2; i++)
      expect((await runWith(e, token, { ...QUESTION, task_id: uniqueTaskId() })).status).toBe(200);
  });
});

describe("token requests", () => {
  it("limits failed attempts per client id, known or not, with the same answer for both", async () => {
    const known = unique("known");
    const unknown = unique("nobody");
    const e = testEnv({ [known]: "right" }, { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "3" });
    for (const id of [known, unknown]) {
      for (let i = 0; i < 3; i++) expect((await tokenRequest(e, id, "wrong")).status).toBe(401);
    }
    const knownRefusal = await tokenRequest(e, known, "wrong");
    const unknownRefusal = await tokenRequest(e, unknown, "wrong");
    expect(knownRefusal.headers.get("cache-control")).toBe("no-store");
    const a = await expectTooMany(knownRefusal, "rate-limited");
    const b = await expectTooMany(unknownRefusal, "rate-limited");
    const generic = (p: typeof a) => ({ ...p, retry_after: 0, detail: p.detail.replace(/\d+/g, "N") });
    expect(generic(a)).toEqual(generic(b));
    // 3 a minute: a new attempt within 20 s. Now even the right secret waits, or a guess that hits would get through.
    expect(a.retry_after).toBeLessThanOrEqual(20);
    await expectTooMany(await tokenRequest(e, known, "right"), "rate-limited");
  });

  it("refuses even a remembered right secret while the failure budget is spent (issue 18)", async () => {
    const client = unique("remembered");
    const e = testEnv({ [client]: "right" }, { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "2" });
    // Verified once: this isolate now answers this secret from memory, without the slow check.
    expect((await tokenRequest(e, client, "right")).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await tokenRequest(e, client, "wrong")).status).toBe(401);
    await expectTooMany(await tokenRequest(e, client, "right"), "rate-limited");
  });

  it("does not count successful attempts as failures", async () => {
    const client = unique("ok");
    const e = testEnv({ [client]: "right" }, { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "3" });
    expect((await tokenRequest(e, client, "wrong")).status).toBe(401);
    for (let i = 0; i < 6; i++) expect((await tokenRequest(e, client, "right")).status).toBe(200);
    expect((await tokenRequest(e, client, "wrong")).status).toBe(401);
    expect((await tokenRequest(e, client, "wrong")).status).toBe(401);
    await expectTooMany(await tokenRequest(e, client, "wrong"), "rate-limited");
  });

  it("limits failed attempts per source address (IPv6 per /64) across client ids", async () => {
    const client = unique("behind-nat");
    const e = testEnv({ [client]: "right" }, { RATE_LIMIT_TOKEN_FAILURES_PER_IP_PER_MINUTE: "3" });
    const prefix = `2001:db8:${Array.from(crypto.getRandomValues(new Uint16Array(2)), (n) => n.toString(16)).join(":")}`;
    const from = (host: string) => ({ "cf-connecting-ip": `${prefix}::${host}` });
    // Successes from the address do not count.
    for (let i = 0; i < 4; i++) expect((await tokenRequest(e, client, "right", from("1"))).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await tokenRequest(e, unique("guess"), "x", from("2"))).status).toBe(401);
    await expectTooMany(await tokenRequest(e, unique("guess"), "x", from("3")), "rate-limited");
    // The whole /64 waits, the right secret too; another network does not.
    await expectTooMany(await tokenRequest(e, client, "right", from("1")), "rate-limited");
    expect((await tokenRequest(e, client, "right", { "cf-connecting-ip": "2001:db8:ffff:ffff::1" })).status).toBe(200);
  });

  it("forgets a stranger's client id once its failure budget has been whole again for a while", async () => {
    const stranger = unique("stranger");
    // 3 a minute: whole again 20 s after the failure, so the test can see both sides of that moment.
    const e = testEnv({ [unique("someone")]: "s" }, { RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: "3" });
    expect((await tokenRequest(e, stranger, "x")).status).toBe(401);
    const limiter = env.LIMITS.get(env.LIMITS.idFromName(`token:${stranger}`));
    const tables = () =>
      runInDurableObject(
        limiter,
        (_i, state) =>
          state.storage.sql
            .exec<{ name: string }>(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('buckets', 'leases')",
            )
            .toArray().length,
      );
    expect(await tables()).toBe(2);
    // Not yet whole: the alarm only re-arms.
    expect(await runDurableObjectAlarm(limiter)).toBe(true);
    expect(await tables()).toBe(2);
    // Whole again, but only just: kept, so a client asking every few seconds keeps its object.
    const wholeSince = (ms: number) =>
      runInDurableObject(limiter, (_i, state) => {
        state.storage.sql.exec("UPDATE buckets SET full_at = ?", Date.now() - ms);
      });
    await wholeSince(1);
    expect(await runDurableObjectAlarm(limiter)).toBe(true);
    expect(await tables()).toBe(2);
    await wholeSince(FORGET_AFTER_REST_MS + 1);
    expect(await runDurableObjectAlarm(limiter)).toBe(true);
    expect(await tables()).toBe(0);
  });

  it("limits tokens issued per client (its own tokens_per_minute)", async () => {
    const client = unique("tokens");
    const e = testEnv({ [client]: { secret: "s", rate_limit: { tokens_per_minute: 2 } } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await tokenRequest(e, client, "s");
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-policy")).toBe('"tokens";q=2;w=60');
      remaining.push(res.headers.get("ratelimit"));
    }
    expect(remaining.map((v) => v?.replace(/;t=\d+$/, ""))).toEqual(['"tokens";r=1', '"tokens";r=0']);
    const refused = await tokenRequest(e, client, "s");
    const problem = await expectTooMany(refused, "rate-limited");
    expect(problem.detail).toContain("at most 2 per minute");
    expect(refused.headers.get("ratelimit")).toBe(`"tokens";r=0;t=${problem.retry_after}`);
  });

  it("gives back the issuance a wrong secret took in advance (after the answer), so guesses do not spend it", async () => {
    const client = unique("guessed");
    const e = testEnv({ [client]: { secret: "s", rate_limit: { tokens_per_minute: 2 } } });
    // The issuance is taken in parallel with the failure budgets and given back in waitUntil.
    const settled = async (secret: string) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request("http://datus.test/auth/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form({ grant_type: "client_credentials", client_id: client, client_secret: secret }),
        }),
        e,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    for (let i = 0; i < 3; i++) expect((await settled("wrong")).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await settled("s")).status).toBe(200);
    await expectTooMany(await settled("s"), "rate-limited");
  });
});

describe("concurrent tasks per client", () => {
  /** The task's generator waits until the task is cancelled: it stays running as long as the test needs. */
  const holdOpen = (clientId: string, taskId: string) => withGenerator(room(clientId, taskId), waitForCancel);

  it("refuses the N+1th task with 429 until one finishes; the same task again keeps its slot", async () => {
    const client = unique("busy");
    const e = testEnv({ [client]: { secret: "s", max_concurrent_tasks: 2 } });
    const token = await tokenWith(e, client, "s");
    const [t1, t2, t3] = [uniqueTaskId("c1"), uniqueTaskId("c2"), uniqueTaskId("c3")];
    await holdOpen(client, t1);
    await holdOpen(client, t2);
    for (const id of [t1, t2]) {
      const res = await runWith(e, token, { ...QUESTION, mode: "async", task_id: id });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }

    const problem = await expectTooMany(
      await runWith(e, token, { ...QUESTION, mode: "async", task_id: t3 }),
      "too-many-tasks",
    );
    expect(problem.detail).toContain("at most 2 pending or running");
    expect(problem).toMatchObject({ max_concurrent_tasks: 2, active: 2 });

    // A reconnect to a task that holds a slot is not a new task.
    const again = await runWith(e, token, { ...QUESTION, mode: "async", task_id: t1 });
    expect(again.status).toBe(200);
    await again.body?.cancel();

    const cancel = await callWith(e, `/workflows/tasks/${t1}/cancel`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await cancel.json()) as { status: string }).status).toBe("cancelled");
    // t1 finished: its slot comes back (the limiter asks the tasks themselves when at the cap).
    const admitted = await runWith(e, token, { ...QUESTION, mode: "async", task_id: t3 });
    expect(admitted.status).toBe(200);
    await admitted.body?.cancel();

    for (const id of [t2, t3])
      await callWith(e, `/workflows/tasks/${id}/cancel`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
  });

  it("gives a sync run's slot back after the answer when the Worker ran it (no task_id, issue 18)", async () => {
    const client = unique("inworker");
    const e = testEnv({ [client]: { secret: "s", max_concurrent_tasks: 1 } });
    const token = await tokenWith(e, client, "s");
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request("http://datus.test/workflows/run", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(QUESTION),
      }),
      e,
      ctx,
    );
    expect(res.status).toBe(200);
    const { task_id } = (await res.json()) as { task_id: string };
    // The record and the release follow the answer: once they are done, the slot is free and the task kept.
    await waitOnExecutionContext(ctx);
    const limiter: DurableObjectStub<RateLimiter> = env.LIMITS.get(env.LIMITS.idFromName(`runs:${client}`));
    const leases = await runInDurableObject(limiter, (_i, state) =>
      state.storage.sql.exec("SELECT task_id FROM leases").toArray(),
    );
    expect(leases).toEqual([]);
    // Kept in D1 after the answer; its TaskRoom is created from there when asked with the task's key.
    const view = await runInDurableObject(room(client, task_id), (instance) =>
      instance.status({ clientId: client, taskId: task_id }),
    );
    expect(view?.status).toBe("completed");
  });

  it("gives a crashed task's slot back when its lease expires", async () => {
    const clientId = unique("crashed");
    const limiter: DurableObjectStub<RateLimiter> = env.LIMITS.get(env.LIMITS.idFromName(`runs:${clientId}`));
    const admission = (taskId: string) => ({ clientId, taskId, runs: null, maxConcurrent: 1 });
    await runInDurableObject(limiter, (instance) => {
      // The task's object cannot be asked: only the lease's expiry can free the slot.
      instance.taskStatus = async () => {
        throw new Error("unreachable");
      };
    });
    expect(await limiter.admitRun(admission("lost"))).toEqual({ ok: true, leased: true });
    expect(await limiter.admitRun(admission("next"))).toEqual({ ok: false, reason: "concurrency", active: 1 });
    await runInDurableObject(limiter, (_instance, state) => {
      state.storage.sql.exec("UPDATE leases SET expires_at = ?", Date.now() - 1);
    });
    expect(await limiter.admitRun(admission("next"))).toEqual({ ok: true, leased: true });
  });
});
