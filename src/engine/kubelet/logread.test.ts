import { describe, expect, it } from "vitest";
import type { LogLine } from "./logbuffer";
import { readLogs, rfc3339NanoFixed } from "./logread";

// After pkg/kubelet/kuberuntime/logs/logs_test.go (TestReadLogs): tail first, then since, bytes last.
const lines: LogLine[] = [
  { t: 1000, stream: "stdout", text: "line1" },
  { t: 2000, stream: "stderr", text: "line2" },
  { t: 3500, stream: "stdout", text: "line3" },
];

describe("readLogs", () => {
  it.each([
    ["everything", {}, "line1\nline2\nline3\n"],
    ["tail 2", { tail: 2 }, "line2\nline3\n"],
    ["tail 0", { tail: 0 }, ""],
    ["since drops older lines", { sinceMs: 2000 }, "line2\nline3\n"],
    ["tail then since", { tail: 2, sinceMs: 3000 }, "line3\n"],
    ["limit bytes cuts a line", { limitBytes: 8 }, "line1\nli"],
    ["timestamps", { tail: 1, timestamps: true }, "1970-01-01T00:00:03.500000000Z line3\n"],
  ])("%s", (_name, opts, want) => {
    expect(readLogs(lines, opts)).toBe(want);
  });

  it("formats RFC3339NanoFixed with nine digits", () => {
    expect(rfc3339NanoFixed(Date.parse("2026-01-01T00:00:05Z"))).toBe("2026-01-01T00:00:05.000000000Z");
  });
});
