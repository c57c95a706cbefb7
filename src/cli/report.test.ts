import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ReportEntry, ReportWriter } from "./report";

function written(entries: ReportEntry[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kubeglass-report-")), "r.json");
  const w = new ReportWriter(file);
  for (const e of entries) w.write(e);
  w.close();
  return fs.readFileSync(file, "utf8");
}

describe("ReportWriter", () => {
  it("writes what JSON.stringify({commands}, null, 1) would, entry by entry", () => {
    const entries: ReportEntry[] = [
      {
        command: "kubectl get pods",
        stdout: "No resources found in default namespace.\n",
        stderr: "",
        exit: 0,
      },
      { command: 'echo "a\nb"', stdout: "a\nb\n", stderr: "x\ty", exit: 1 },
    ];
    for (const list of [[], entries.slice(0, 1), entries])
      expect(written(list)).toBe(`${JSON.stringify({ commands: list }, null, 1)}\n`);
  });
});
