import { describe, expect, it } from "vitest";
import { ConfigError } from "../config/yaml-config";
import { requestBounds } from "./request-bounds";

describe("request bounds", () => {
  it("has documented defaults, and takes lower (or, within the ceiling, other) values from vars", () => {
    expect(requestBounds({})).toEqual({ runBodyBytes: 65_536, taskChars: 4000, streamLifetimeMs: 30 * 60_000 });
    expect(requestBounds({ MAX_RUN_BODY_BYTES: "2048", MAX_TASK_CHARS: "200", MAX_STREAM_MINUTES: "5" })).toEqual({
      runBodyBytes: 2048,
      taskChars: 200,
      streamLifetimeMs: 300_000,
    });
  });

  it("names each bad var with its range", () => {
    try {
      requestBounds({ MAX_TASK_CHARS: "5000", MAX_STREAM_MINUTES: "soon" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as ConfigError).problems)).toContain(
        "MAX_TASK_CHARS: must be a whole number from 16 to 4000, got '5000'",
      );
      expect(String((error as ConfigError).problems)).toContain("MAX_STREAM_MINUTES");
    }
  });
});
