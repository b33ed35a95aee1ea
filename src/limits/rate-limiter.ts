import { DurableObject } from "cloudflare:workers";
import { taskObjectName } from "../shared/task-names";
import { LimiterStore } from "./limiter-store";
import { type BucketPolicy, fullAt, giveBack, peek, take } from "./token-bucket";

/**
 * One Durable Object per limited key (`runs:<client>`, `token:<client_id>`, `token-ip:<address>`).
 * It is single-threaded, so check-and-take is atomic without locks, and every request costs the
 * Worker one call to it. Storage is SQLite; an object whose buckets are full again and that holds no
 * lease deletes itself by alarm, so keys chosen by strangers (unknown client ids) do not pile up.
 */

// A task's slot is held at most this long even when nothing releases it (the task's object
// crashed before finishing). Longest plan: reflection, 4 model calls of up to LLM_TIMEOUT_MS (30 s)
// and 4 queries of up to 15 s, about 3 minutes; 15 minutes leaves a wide margin.
export const TASK_LEASE_MS = 15 * 60_000;
// A lease whose TaskRoom has no task yet is a submission still on its way, or a sync run the Worker
// runs itself, which its TaskRoom learns of only when it has ended (issue 18): kept as long as the
// longest plan can run (about 3 minutes, see above), so such a run keeps its slot to its end.
const SUBMISSION_GRACE_MS = 5 * 60_000;
const FINISHED = new Set(["completed", "failed", "cancelled"]);
// How long an object stays at rest before it forgets itself (issue 18). Forgetting the moment its
// buckets are full again made a client that asks every few seconds (its bucket refills between two
// requests) pay deleteAll and the schema's DDL on every request: 10 ms of CPU where the call itself
// costs under 1. A stranger's key still goes away, only 10 minutes later.
export const FORGET_AFTER_REST_MS = 10 * 60_000;

export interface RunAdmission {
  clientId: string;
  taskId: string;
  runs: BucketPolicy | null;
  maxConcurrent: number | null;
}

/** What is left of a bucket after a request, for the RateLimit response header. */
export interface QuotaState {
  remaining: number;
  /** Whole seconds until the bucket is full again. */
  resetSeconds: number;
}

export type RunVerdict =
  | {
      ok: true /** A lease was taken by this call: release it if the task turns out to exist already. */;
      leased: boolean;
      quota?: QuotaState;
    }
  | { ok: false; reason: "rate"; retryAfterSeconds: number }
  | { ok: false; reason: "concurrency"; active: number; quota?: QuotaState };

export interface TokenAttempt {
  outcome: "success" | "failure";
  /** Failed attempts allowed; while it is empty, successes are refused too (else a guess that hits would still get through). */
  failures: BucketPolicy | null;
  /** Successful attempts allowed (token issuance); absent for per-address objects. */
  successes?: BucketPolicy | null;
}

export type AttemptVerdict =
  | { ok: true; quota?: QuotaState }
  | { ok: false; reason: "failures" | "rate"; retryAfterSeconds: number };

/** What `admitToken` took: a failed attempt in advance, one issuance in advance (each when asked). */
export interface TokenAdmission {
  failure?: AttemptVerdict;
  issuance?: AttemptVerdict;
}

export class RateLimiter extends DurableObject<Env> {
  private opened: LimiterStore | undefined;
  private cleanupScheduled = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.opened = new LimiterStore(ctx.storage.sql);
  }

  /** Reopened on first use after a clean-up, so an object that was forgotten stays empty until used. */
  private get store(): LimiterStore {
    this.opened ??= new LimiterStore(this.ctx.storage.sql);
    return this.opened;
  }

  /** A run request: takes a run token, then a concurrency lease for the task (one per task id). */
  async admitRun(request: RunAdmission): Promise<RunVerdict> {
    const first = this.tryAdmit(request, Date.now(), true);
    if (first.ok || first.reason !== "concurrency") return this.settle(first);
    // At the cap: a lease may belong to a task that finished without releasing it. Ask the tasks
    // themselves (the source of truth), then decide again; the run token is not taken twice.
    await this.reconcile(request.clientId);
    const second = this.tryAdmit(request, Date.now(), false);
    return this.settle(
      second.ok || second.reason === "concurrency"
        ? { ...second, ...(first.quota ? { quota: first.quota } : {}) }
        : second,
    );
  }

  /** Frees a task's slot (its TaskRoom finished it, or the submission found an existing task). */
  releaseTask(taskId: string): boolean {
    return this.store.removeLease(taskId);
  }

  /** A token request whose secret was already checked: counts failures, and successes when asked to. */
  async attempt(request: TokenAttempt): Promise<AttemptVerdict> {
    const now = Date.now();
    if (request.failures) {
      const state = this.store.bucket("failures");
      const decision =
        request.outcome === "failure" ? take(request.failures, state, now) : peek(request.failures, state, now);
      if (!decision.allowed) return { ok: false, reason: "failures", retryAfterSeconds: decision.retryAfterSeconds };
      if (request.outcome === "failure")
        this.store.saveBucket("failures", decision.state, fullAt(request.failures, decision.state));
    }
    if (request.outcome === "success" && request.successes) {
      const decision = take(request.successes, this.store.bucket("successes"), now);
      if (!decision.allowed) return { ok: false, reason: "rate", retryAfterSeconds: decision.retryAfterSeconds };
      const full = fullAt(request.successes, decision.state);
      this.store.saveBucket("successes", decision.state, full);
      return this.settle({ ok: true, quota: quotaState(decision.remaining, full, now) });
    }
    return this.settle({ ok: true });
  }

  /**
   * Before a secret is checked: takes one failed attempt in advance, or refuses while none is left,
   * so a refused request costs no secret check and concurrent guesses cannot overshoot the budget.
   */
  async reserveFailure(failures: BucketPolicy): Promise<AttemptVerdict> {
    const decision = take(failures, this.store.bucket("failures"), Date.now());
    if (!decision.allowed)
      return this.settle({ ok: false, reason: "failures", retryAfterSeconds: decision.retryAfterSeconds });
    this.store.saveBucket("failures", decision.state, fullAt(failures, decision.state));
    return this.settle({ ok: true });
  }

  /** The secret was right (or the request was refused elsewhere): the attempt taken in advance is given back. */
  refundFailure(failures: BucketPolicy): void {
    const state = giveBack(failures, this.store.bucket("failures"), Date.now());
    this.store.saveBucket("failures", state, fullAt(failures, state));
  }

  /**
   * A token request before its secret is checked, in one call to this object (issue 18): reserves a
   * failed attempt like `reserveFailure` and takes one issuance in advance, each when its policy is
   * given. No issuance is taken while the failure budget is spent (the request is refused anyway).
   */
  async admitToken(failures: BucketPolicy | null, successes: BucketPolicy | null): Promise<TokenAdmission> {
    const now = Date.now();
    const admission: TokenAdmission = {};
    if (failures) {
      const decision = take(failures, this.store.bucket("failures"), now);
      if (!decision.allowed) {
        admission.failure = { ok: false, reason: "failures", retryAfterSeconds: decision.retryAfterSeconds };
        return this.settle(admission);
      }
      this.store.saveBucket("failures", decision.state, fullAt(failures, decision.state));
      admission.failure = { ok: true };
    }
    if (successes) {
      const decision = take(successes, this.store.bucket("successes"), now);
      if (!decision.allowed) {
        admission.issuance = { ok: false, reason: "rate", retryAfterSeconds: decision.retryAfterSeconds };
      } else {
        const full = fullAt(successes, decision.state);
        this.store.saveBucket("successes", decision.state, full);
        admission.issuance = { ok: true, quota: quotaState(decision.remaining, full, now) };
      }
    }
    return this.settle(admission);
  }

  /** The secret was wrong: the issuance taken in advance with the attempt (rate-limits.ts) is given back. */
  refundIssuance(successes: BucketPolicy): void {
    const state = giveBack(successes, this.store.bucket("successes"), Date.now());
    this.store.saveBucket("successes", state, fullAt(successes, state));
  }

  /**
   * Forgets everything once it has been back at rest for FORGET_AFTER_REST_MS: a full bucket and no
   * lease is what "no row" means.
   */
  override async alarm(): Promise<void> {
    const forgetAt = this.forgetAt();
    if (Date.now() >= forgetAt) {
      await this.ctx.storage.deleteAll();
      // deleteAll drops the tables too; the next call on this instance recreates them.
      this.opened = undefined;
      this.cleanupScheduled = false;
      return;
    }
    await this.ctx.storage.setAlarm(forgetAt);
  }

  private forgetAt(): number {
    return this.store.restingAt() + FORGET_AFTER_REST_MS;
  }

  /** The status of one of the client's tasks, or null when it has none. A method so a test can replace it. */
  async taskStatus(clientId: string, taskId: string): Promise<string | null> {
    // Typed by hand: Workers RPC types turn the view's `unknown` result rows into `never`.
    const room = this.env.TASKS.get(this.env.TASKS.idFromName(taskObjectName(clientId, taskId))) as unknown as {
      status(): Promise<{ status: string } | null>;
    };
    return (await room.status())?.status ?? null;
  }

  private tryAdmit(request: RunAdmission, now: number, takeToken: boolean): RunVerdict {
    let quota: { quota?: QuotaState } = {};
    if (takeToken && request.runs) {
      // Refused runs count too: a client polling at its concurrency cap is still making requests.
      const decision = take(request.runs, this.store.bucket("runs"), now);
      if (!decision.allowed) return { ok: false, reason: "rate", retryAfterSeconds: decision.retryAfterSeconds };
      const full = fullAt(request.runs, decision.state);
      this.store.saveBucket("runs", decision.state, full);
      quota = { quota: quotaState(decision.remaining, full, now) };
    }
    if (request.maxConcurrent === null) return { ok: true, leased: false, ...quota };
    const leases = this.store.activeLeases(now);
    // The same task again (a retry, a reconnect): it already holds its slot.
    if (leases.some((l) => l.taskId === request.taskId)) return { ok: true, leased: false, ...quota };
    if (leases.length >= request.maxConcurrent)
      return { ok: false, reason: "concurrency", active: leases.length, ...quota };
    this.store.addLease(request.taskId, now, TASK_LEASE_MS);
    return { ok: true, leased: true, ...quota };
  }

  private async reconcile(clientId: string): Promise<void> {
    const now = Date.now();
    await Promise.all(
      this.store.activeLeases(now).map(async (lease) => {
        try {
          const status = await this.taskStatus(clientId, lease.taskId);
          const gone = status === null ? now - lease.acquiredAt > SUBMISSION_GRACE_MS : FINISHED.has(status);
          if (gone) this.store.removeLease(lease.taskId);
        } catch {
          // Unknown is not finished: the lease stays until it expires.
        }
      }),
    );
  }

  /**
   * Schedules the clean-up alarm once per instance; the alarm re-arms itself until at rest. Even an
   * object that only peeked gets one: its schema alone is storage that would otherwise stay forever.
   */
  private async settle<T>(verdict: T): Promise<T> {
    if (!this.cleanupScheduled) {
      this.cleanupScheduled = true;
      await this.ctx.storage.setAlarm(Math.max(this.forgetAt(), Date.now()));
    }
    return verdict;
  }
}

function quotaState(remaining: number, fullAtMs: number, now: number): QuotaState {
  return { remaining, resetSeconds: Math.max(0, Math.ceil((fullAtMs - now) / 1000)) };
}
