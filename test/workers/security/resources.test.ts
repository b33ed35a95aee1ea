import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { uniqueTaskId } from "../helpers";
import { callWith, ownEnv, postJson, tokenWith, unique } from "./own-env";

/**
 * Threat: one client takes more than its share of the database or the Worker (issue 14, finding 3
 * and the body limits of finding 7).
 */
type Problem = {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  sqlstate?: string;
  position?: number;
};
const QUESTION = { workflow: "fixed", namespace: "pg_tight", task: "How many customers are there?" };

async function finishedTask(e: Env, token: string): Promise<string> {
  const res = await postJson(e, token, "/workflows/run", { ...QUESTION, task_id: uniqueTaskId("res") });
  expect(res.status).toBe(200);
  return ((await res.json()) as { task_id: string }).task_id;
}

describe("feedback SQL is a run", () => {
  it("corrected_sql takes the run rate limit: 429 the same way as /workflows/run", async () => {
    const client = unique("fb-rate");
    const e = ownEnv({ [client]: { secret: "s", rate_limit: { runs_per_minute: 1 } } });
    const token = await tokenWith(e, client, "s");
    const taskId = await finishedTask(e, token);
    const refused = await postJson(e, token, "/workflows/feedback", {
      task_id: taskId,
      status: "success",
      corrected_sql: "SELECT count(*) FROM customers",
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as Problem).type).toBe("https://datus-edge.dev/problems/rate-limited");
    // A verdict without SQL runs nothing and is not limited.
    expect((await postJson(e, token, "/workflows/feedback", { task_id: taskId, status: "success" })).status).toBe(200);
  });

  it("corrected_sql takes a concurrent-task slot, and gives it back", async () => {
    const client = unique("fb-slot");
    const e = ownEnv({ [client]: { secret: "s", max_concurrent_tasks: 1 } });
    const token = await tokenWith(e, client, "s");
    const taskId = await finishedTask(e, token);
    // Another task of the client holds its only slot.
    const limiter = env.LIMITS.get(env.LIMITS.idFromName(`runs:${client}`));
    expect(await limiter.admitRun({ clientId: client, taskId: "held", runs: null, maxConcurrent: 1 })).toMatchObject({
      ok: true,
      leased: true,
    });
    const refused = await postJson(e, token, "/workflows/feedback", {
      task_id: taskId,
      status: "success",
      corrected_sql: "SELECT count(*) FROM customers",
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as Problem).type).toBe("https://datus-edge.dev/problems/too-many-tasks");
    await limiter.releaseTask("held");
    expect(
      (
        await postJson(e, token, "/workflows/feedback", {
          task_id: taskId,
          status: "success",
          corrected_sql: "SELECT count(*) FROM customers",
        })
      ).status,
    ).toBe(200);
    // The check gave its slot back: a run fits again.
    expect((await postJson(e, token, "/workflows/run", { ...QUESTION, task_id: uniqueTaskId("res") })).status).toBe(
      200,
    );
  });

  it("a failing corrected_sql answers the error class and position, never a value of the data", async () => {
    const client = unique("fb-leak");
    const e = ownEnv({ [client]: "s" });
    const token = await tokenWith(e, client, "s");
    const taskId = await finishedTask(e, token);
    // The cast fails on the first email, and Postgres' message would quote it.
    const res = await postJson(e, token, "/workflows/feedback", {
      task_id: taskId,
      status: "success",
      corrected_sql: "SELECT email::integer FROM customers",
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain("@");
    const problem = JSON.parse(text) as Problem;
    expect(problem.detail).toBe(
      "corrected_sql failed to execute: invalid_text_representation (SQLSTATE 22P02, class 22: data_exception)",
    );
    expect(problem).toMatchObject({ sqlstate: "22P02", errors: [{ path: "corrected_sql" }] });
    // A syntax error keeps its position in the caller's SQL.
    const syntax = (await (
      await postJson(e, token, "/workflows/feedback", {
        task_id: taskId,
        status: "success",
        corrected_sql: "SELECT nope FROM customers",
      })
    ).json()) as Problem;
    expect(syntax).toMatchObject({ sqlstate: "42703", position: 8 });
  });
});

describe("body limits on every route that takes a body", () => {
  it("a /namespaces/* body over its limit is refused before it is read (413)", async () => {
    const client = unique("big");
    const e = ownEnv({ [client]: { secret: "s", roles: ["admin"] } });
    const token = await tokenWith(e, client, "s");
    const big = "a".repeat(300 * 1024);
    for (const path of [
      "/namespaces/demo_small/metrics",
      "/namespaces/demo_small/metrics/big",
      "/namespaces/demo_small/examples/proposals/1/verify",
    ]) {
      const res = await callWith(e, path, {
        method: path.endsWith("verify") ? "POST" : "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" },
        body: big,
      });
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("a streamed body without a length is cut off at the limit, not buffered whole", async () => {
    const client = unique("stream");
    const e = ownEnv({ [client]: { secret: "s", roles: ["admin"] } });
    const token = await tokenWith(e, client, "s");
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let pulled = 0;
    // 8 MiB on offer; the Worker may read at most its 256 KiB limit (plus a chunk) before refusing.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 8 * 1024 * 1024) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await callWith(e, "/namespaces/demo_small/metrics", {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(1024 * 1024);
  });
});

describe("cursors", () => {
  it("GET /workflows/tasks with a cursor that is JSON but not ours is a 400 naming cursor, not a 500", async () => {
    const client = unique("cursor");
    const e = ownEnv({ [client]: "s" });
    const token = await tokenWith(e, client, "s");
    for (const cursor of ["MQ==", btoa("[1,2]"), btoa("{}"), btoa('["a"]'), "%%%"]) {
      const res = await callWith(e, `/workflows/tasks?cursor=${encodeURIComponent(cursor)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors?.[0]?.path).toBe("cursor");
    }
    for (const cursor of ["MQ==", btoa("[1,2]")]) {
      const res = await callWith(e, `/namespaces/demo_small/examples?cursor=${encodeURIComponent(cursor)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(400);
    }
  });
});
