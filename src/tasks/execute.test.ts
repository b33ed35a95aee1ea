import { describe, expect, it } from "vitest";
import type { Config } from "../config";
import { createLogger } from "../shared/log";
import type { SqlTarget } from "../sql";
import { CRASH_MESSAGE, EventLog, runInWorker } from "./execute";

const REQUEST = { workflow: "fixed" as const, namespace: "demo", task: "How many orders are there?" };
const TARGET = { namespace: "demo" } as SqlTarget;

describe("a task run by the Worker (issue 18)", () => {
  it("numbers its events from `started`, which it writes once although the engine emits it again", () => {
    const log = new EventLog({ taskId: "t1", request: REQUEST });
    log.emit("started", { task_id: "t1", workflow: "fixed" });
    log.emit("progress", { message: "Initializing workflow", progress: 10 });
    expect(log.events.map((e) => [e.seq, e.name])).toEqual([
      [1, "started"],
      [2, "progress"],
    ]);
    expect(JSON.parse(log.events[0]!.data)).toEqual({ task_id: "t1", workflow: "fixed" });
  });

  it("turns a crash into a failed task with the contract's closing events, never a throw", async () => {
    const edge = {
      env: {} as Env,
      config: {} as Config,
      log: createLogger("error"),
      dependencies: () => {
        throw new Error("wiring broke");
      },
    };
    const task = { clientId: "c", taskId: "t2", request: REQUEST, endUser: null, target: TARGET, requestHash: "h" };
    const { record, events } = await runInWorker(task, edge);
    expect(record).toMatchObject({ taskId: "t2", status: "failed", error: CRASH_MESSAGE, runs: 1, requestHash: "h" });
    expect(events.map((e) => [e.seq, e.name])).toEqual([
      [1, "started"],
      [2, "error"],
      [3, "done"],
    ]);
    expect(JSON.parse(events[2]!.data)).toMatchObject({ task_id: "t2", status: "failed" });
  });
});
