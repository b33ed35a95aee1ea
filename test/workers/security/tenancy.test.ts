import { env } from "cloudflare:workers";
import { decodeJwt, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { DEMO_METRICS_YAML } from "../../../src/semantic/demo-metrics";
import { call, form, runWorkflow, tokenFor, uniqueTaskId } from "../helpers";

/**
 * Threat: one client reads or changes what other clients get (issue 14, findings 1 and 2).
 * Clients of the test configuration (global-setup.ts): client-a/b/c in the seed's `id: secret` form
 * (every namespace, analyst), scoped-a granted [pg_tight, demo_small], scoped-b [demo_small],
 * curator-a and admin-a with those roles on every namespace.
 */
const SIGNING_KEY = new TextEncoder().encode("test-signing-key-0123456789-abcdefghijklmnop");

type Problem = {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  known?: string[];
};
type Example = { id: number; question: string; sql: string; source_task_id: string | null; verified_by: string | null };
type Proposal = {
  id: number;
  question: string;
  sql: string;
  status: string;
  mine: boolean;
  source_task_id: string | null;
};

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (token: string, path: string) => call(path, { headers: auth(token) });
const json = (token: string, method: string, path: string, body: unknown) =>
  call(path, { method, headers: { ...auth(token), "content-type": "application/json" }, body: JSON.stringify(body) });

async function expectForbidden(
  res: Response,
  kind: "namespace-not-granted" | "role-required",
  path?: string,
): Promise<Problem> {
  expect(res.status).toBe(403);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await res.json()) as Problem;
  expect(problem.type).toBe(`https://datus-edge.dev/problems/${kind}`);
  if (path) expect(problem.errors?.[0]?.path).toBe(path);
  return problem;
}

async function ask(token: string, namespace: string, task: string) {
  const res = await runWorkflow(token, { workflow: "fixed", namespace, task, task_id: uniqueTaskId("ten") });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    task_id: string;
    status: string;
    sql: string | null;
    metadata: Record<string, unknown>;
  };
}

async function tokenWithScope(clientId: string, secret: string, scope: string): Promise<Response> {
  return call("/auth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form({ grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope }),
  });
}

describe("grants: a client touches only the namespaces it is granted", () => {
  it("the seed's `id: secret` form keeps every namespace, as an analyst, and its token says so", async () => {
    const token = await tokenFor();
    expect(decodeJwt(token).scope).toBe("role:analyst ns:*");
    const listed = (await (await get(token, "/namespaces")).json()) as { namespaces: { name: string }[] };
    expect(listed.namespaces.map((n) => n.name)).toEqual(
      expect.arrayContaining(["demo", "demo_small", "demo_tight", "pg", "pg_tight"]),
    );
  });

  it("the namespace list, the token and a 404's list of known namespaces show only granted ones", async () => {
    const token = await tokenFor("scoped-a", "secret-scoped");
    expect(decodeJwt(token).scope).toBe("role:analyst ns:demo_small ns:pg_tight");
    const listed = (await (await get(token, "/namespaces")).json()) as { namespaces: { name: string }[] };
    expect(listed.namespaces.map((n) => n.name)).toEqual(["demo_small", "pg_tight"]);
  });

  it("a run on a namespace not granted is a 403 problem naming `namespace`, whether it exists or not", async () => {
    const token = await tokenFor("scoped-a", "secret-scoped");
    const refused = await runWorkflow(token, {
      workflow: "fixed",
      namespace: "demo",
      task: "How many orders are there?",
    });
    const problem = await expectForbidden(refused, "namespace-not-granted", "namespace");
    expect(problem.detail).toBe("This client is not granted namespace 'demo'");
    // An unknown name is refused alike: the answer does not tell which namespaces exist.
    await expectForbidden(
      await runWorkflow(token, { workflow: "fixed", namespace: "nowhere", task: "How many orders are there?" }),
      "namespace-not-granted",
    );
    expect((await ask(token, "pg_tight", "How many orders are there?")).status).toBe("completed");
  });

  it("catalog, examples, proposals and metrics of a namespace not granted are 403", async () => {
    const token = await tokenFor("scoped-a", "secret-scoped");
    for (const path of [
      "/namespaces/demo/catalog",
      "/namespaces/demo/examples",
      "/namespaces/demo/examples/proposals",
      "/namespaces/demo/metrics",
      "/namespaces/demo/metrics/revenue",
    ]) {
      await expectForbidden(await get(token, path), "namespace-not-granted");
    }
    expect((await get(token, "/namespaces/pg_tight/catalog")).status).toBe(200);
    expect((await get(token, "/namespaces/demo_small/examples")).status).toBe(200);
  });

  it("a token narrowed by `scope` (RFC 6749 §3.3) loses tasks, streams, cancel and feedback outside it", async () => {
    const full = await tokenFor("client-b", "secret-b");
    const other = await ask(full, "demo_small", "How many customers are there?");
    const narrowed = await tokenWithScope("client-b", "secret-b", "ns:pg_tight");
    expect(narrowed.status).toBe(200);
    const token = ((await narrowed.json()) as { access_token: string }).access_token;
    expect(decodeJwt(token).scope).toBe("role:analyst ns:pg_tight");
    const mine = await ask(token, "pg_tight", "How many products are there?");

    await expectForbidden(await get(token, `/workflows/tasks/${other.task_id}`), "namespace-not-granted", "task_id");
    await expectForbidden(await get(token, `/workflows/tasks/${other.task_id}/events`), "namespace-not-granted");
    await expectForbidden(
      await call(`/workflows/tasks/${other.task_id}/cancel`, { method: "POST", headers: auth(token) }),
      "namespace-not-granted",
    );
    await expectForbidden(
      await json(token, "POST", "/workflows/feedback", { task_id: other.task_id, status: "failed" }),
      "namespace-not-granted",
      "task_id",
    );
    await expectForbidden(await get(token, `/workflows/feedback?task_id=${other.task_id}`), "namespace-not-granted");
    const page = (await (await get(token, "/workflows/tasks?limit=100")).json()) as {
      tasks: { task_id: string; namespace: string }[];
    };
    expect(page.tasks.some((t) => t.task_id === mine.task_id)).toBe(true);
    expect(page.tasks.every((t) => t.namespace === "pg_tight")).toBe(true);
    // The full token still sees both.
    expect((await get(full, `/workflows/tasks/${other.task_id}`)).status).toBe(200);
  });

  it("a token cannot ask for more than the client is granted (invalid_scope)", async () => {
    for (const scope of ["ns:demo", "role:admin", "ns:*", "ns:pg_tight frobnicate"]) {
      const res = await tokenWithScope("scoped-a", "secret-scoped", scope);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe("invalid_scope");
    }
  });

  it("a token's scope never grants more than the configuration does now", async () => {
    // A token signed with the service's own key that claims everything: the configuration still decides.
    const forged = await new SignJWT({ client_id: "scoped-b", scope: "role:admin ns:*" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject("scoped-b")
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("1h")
      .setJti(crypto.randomUUID())
      .sign(SIGNING_KEY);
    await expectForbidden(
      await runWorkflow(forged, { workflow: "fixed", namespace: "demo", task: "How many orders are there?" }),
      "namespace-not-granted",
    );
    await expectForbidden(
      await call("/namespaces/demo_small/metrics/revenue", { method: "DELETE", headers: auth(forged) }),
      "role-required",
    );
  });
});

describe("shared state is curated", () => {
  it("metric definitions change only with the admin role", async () => {
    const yaml = "type: simple\nmeasure: revenue\n";
    for (const [id, secret] of [
      ["client-a", "secret-a"],
      ["curator-a", "secret-curator"],
    ] as const) {
      const token = await tokenFor(id, secret);
      const put = await call("/namespaces/demo_small/metrics/tenancy_revenue", {
        method: "PUT",
        headers: { ...auth(token), "content-type": "application/yaml" },
        body: yaml,
      });
      const problem = await expectForbidden(put, "role-required");
      expect(problem.detail).toContain("admin");
      await expectForbidden(
        await call("/namespaces/demo_small/metrics", {
          method: "PUT",
          headers: { ...auth(token), "content-type": "application/yaml" },
          body: `metrics:\n  tenancy_revenue:\n    ${yaml.replace("\n", "\n    ")}`,
        }),
        "role-required",
      );
      await expectForbidden(
        await call("/namespaces/demo_small/metrics/revenue", { method: "DELETE", headers: auth(token) }),
        "role-required",
      );
      // Reading stays open to analysts.
      expect((await get(token, "/namespaces/demo_small/metrics")).status).toBe(200);
    }
    const admin = await tokenFor("admin-a", "secret-admin");
    const doc = await call("/namespaces/demo_small/metrics", {
      method: "PUT",
      headers: { ...auth(admin), "content-type": "application/yaml" },
      body: DEMO_METRICS_YAML,
    });
    expect(doc.status).toBe(200);
    const put = await call("/namespaces/demo_small/metrics/tenancy_revenue", {
      method: "PUT",
      headers: { ...auth(admin), "content-type": "application/yaml" },
      body: yaml,
    });
    expect(put.status).toBe(201);
    expect(
      (await call("/namespaces/demo_small/metrics/tenancy_revenue", { method: "DELETE", headers: auth(admin) })).status,
    ).toBe(204);
  });

  it("an analyst's correction is a proposal until a curator verifies it; examples never show other clients' ids", async () => {
    const question = "How many orders were cancelled?";
    const corrected = "SELECT count(*) AS tenancy_cancelled_orders FROM orders WHERE status = 'cancelled'";
    const analyst = await tokenFor("scoped-b", "secret-scoped-b");
    const stranger = await tokenFor("client-c", "secret-c");
    const curator = await tokenFor("curator-a", "secret-curator");

    const task = await ask(analyst, "demo_small", question);
    expect(
      (
        await json(analyst, "POST", "/workflows/feedback", {
          task_id: task.task_id,
          status: "success",
          corrected_sql: corrected,
        })
      ).status,
    ).toBe(200);

    // Recorded and visible to its owner, not used for anyone.
    const own = (await (await get(analyst, "/namespaces/demo_small/examples/proposals?status=pending")).json()) as {
      proposals: Proposal[];
    };
    const proposal = own.proposals.find((p) => p.source_task_id === task.task_id)!;
    expect(proposal).toMatchObject({ question, sql: corrected, status: "pending", mine: true });
    const examplesBefore = (await (await get(stranger, "/namespaces/demo_small/examples?limit=200")).json()) as {
      examples: Example[];
    };
    expect(examplesBefore.examples.some((e) => e.sql === corrected)).toBe(false);
    expect((await ask(stranger, "demo_small", "Number of cancelled orders")).sql).not.toBe(corrected);

    // Another analyst neither sees it nor may verify it.
    const theirs = (await (await get(stranger, "/namespaces/demo_small/examples/proposals")).json()) as {
      proposals: Proposal[];
    };
    expect(theirs.proposals.some((p) => p.id === proposal.id)).toBe(false);
    await expectForbidden(
      await call(`/namespaces/demo_small/examples/proposals/${proposal.id}/verify`, {
        method: "POST",
        headers: auth(stranger),
      }),
      "role-required",
    );

    // A curator sees it without the proposer's ids, and verifies it.
    const review = (await (
      await get(curator, "/namespaces/demo_small/examples/proposals?status=pending&limit=200")
    ).json()) as { proposals: Proposal[] };
    expect(review.proposals.find((p) => p.id === proposal.id)).toMatchObject({ mine: false, source_task_id: null });
    const verified = await call(`/namespaces/demo_small/examples/proposals/${proposal.id}/verify`, {
      method: "POST",
      headers: auth(curator),
    });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({
      question,
      sql: corrected,
      verified_by: "curator-a",
      source_task_id: null,
    });

    // Now it teaches everyone; no page shows another client's id.
    const reworded = await ask(stranger, "demo_small", "Number of cancelled orders");
    expect(reworded.sql).toBe(corrected);
    expect(reworded.metadata.example_used).toBe("verified_example");
    const strangerView = await (await get(stranger, "/namespaces/demo_small/examples?limit=200")).text();
    expect(strangerView).not.toContain("scoped-b");
    expect(strangerView).not.toContain("curator-a");
    const ownerView = (await (await get(analyst, "/namespaces/demo_small/examples?limit=200")).json()) as {
      examples: Example[];
    };
    expect(ownerView.examples.find((e) => e.sql === corrected)).toMatchObject({
      source_task_id: task.task_id,
      verified_by: null,
    });

    // A `failed` verdict from an analyst removes nothing a curator verified: neither the owner's nor
    // that of a client whose task was answered from the example.
    expect(
      (await json(stranger, "POST", "/workflows/feedback", { task_id: reworded.task_id, status: "failed" })).status,
    ).toBe(200);
    expect(
      (await json(analyst, "POST", "/workflows/feedback", { task_id: task.task_id, status: "failed" })).status,
    ).toBe(200);
    expect((await ask(stranger, "demo_small", "Number of cancelled orders")).sql).toBe(corrected);
  });

  it("a `failed` verdict withdraws the analyst's own pending proposal, which then cannot be verified", async () => {
    const analyst = await tokenFor("scoped-b", "secret-scoped-b");
    const curator = await tokenFor("curator-a", "secret-curator");
    const task = await ask(analyst, "demo_small", "How many products are there?");
    expect(
      (await json(analyst, "POST", "/workflows/feedback", { task_id: task.task_id, status: "success" })).status,
    ).toBe(200);
    const pending = (await (await get(analyst, "/namespaces/demo_small/examples/proposals")).json()) as {
      proposals: Proposal[];
    };
    const proposal = pending.proposals.find((p) => p.source_task_id === task.task_id)!;
    expect(proposal.status).toBe("pending");
    expect(
      (await json(analyst, "POST", "/workflows/feedback", { task_id: task.task_id, status: "failed" })).status,
    ).toBe(200);
    const after = (await (await get(analyst, "/namespaces/demo_small/examples/proposals?status=withdrawn")).json()) as {
      proposals: Proposal[];
    };
    expect(after.proposals.some((p) => p.id === proposal.id)).toBe(true);
    const refused = await call(`/namespaces/demo_small/examples/proposals/${proposal.id}/verify`, {
      method: "POST",
      headers: auth(curator),
    });
    expect(refused.status).toBe(409);
    expect(
      (
        await call("/namespaces/demo_small/examples/proposals/99999999/verify", {
          method: "POST",
          headers: auth(curator),
        })
      ).status,
    ).toBe(404);
  });

  it("documents the verify endpoint in OpenAPI", async () => {
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths["/namespaces/{ns}/examples/proposals/{id}/verify"]).toHaveProperty("post");
    expect(doc.paths["/namespaces/{ns}/examples/proposals"]).toHaveProperty("get");
  });
});
