import { describe, expect, it } from "vitest";
import { taskEventStream } from "./event-stream";

describe("taskEventStream", () => {
  it("replays stored events, then closes at its lifetime with a comment naming where to resume", async () => {
    const stored = [
      { seq: 1, name: "started", data: JSON.stringify({ task_id: "t", workflow: "fixed" }) },
      { seq: 2, name: "progress", data: JSON.stringify({ message: "Initializing workflow", progress: 10 }) },
    ];
    // A task still running: nothing new arrives, so only the lifetime can end this stream.
    const stream = taskEventStream(
      { eventsAfter: (seq) => stored.filter((e) => e.seq > seq), subscribe: () => () => {} },
      0,
      { maxLifetimeMs: 20 },
    );
    const text = await new Response(stream).text();
    expect(text).toContain("id: 1\nevent: started");
    expect(text).toContain("id: 2\nevent: progress");
    expect(text.trimEnd().split("\n").at(-1)).toMatch(
      /^: stream open for its .* limit; reconnect with Last-Event-ID: 2$/,
    );
  });
});
