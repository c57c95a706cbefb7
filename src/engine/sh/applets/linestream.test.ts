/**
 * Line-wise filters read a pipe as it arrives, as coreutils' cut and uniq do (they read a block
 * at a time and write each line as they finish it); uniq prints a group once a different line
 * ends it. sort and tac need the whole input, as the real ones do.
 */
import { describe, expect, it } from "vitest";
import { shellProgram } from "../shell";
import { drive, testFs } from "../testkit";
import { gnuUserland } from "./userland";

const debian = gnuUserland({ "/usr/bin/sh": shellProgram("dash") });

/** Runs `tail -f /log | FILTER`, appending one of lines per poll; the stdout seen at each poll. */
function follow(filter: string, lines: string[]): string[] {
  const fs = testFs({ "/log": "" });
  const r = drive(["sh", "-c", `tail -f /log | ${filter}`], "dash", fs, "", {
    userland: debian,
    onWait: (i) => {
      if (i < lines.length) fs.write("/log", `${fs.read("/log")}${lines[i]}\n`);
      return undefined;
    },
    maxWaits: lines.length + 3,
  });
  return r.waits.map((w) => w.stdout);
}

describe("line-wise filters in a pipeline that never ends", () => {
  it("cut prints each line's fields as the line arrives", () => {
    const seen = follow("cut -d' ' -f2", ["10:01 GET /", "10:02 POST /api"]);
    expect(seen[1]).toBe("GET\n");
    expect(seen[2]).toBe("GET\nPOST\n");
  });

  it("uniq -c prints a group when a different line ends it", () => {
    const seen = follow("uniq -c", ["a", "a", "b", "c"]);
    expect(seen[2]).toBe("");
    expect(seen[3]).toBe("      2 a\n");
    expect(seen[4]).toBe("      2 a\n      1 b\n");
  });

  it("sort and tac print nothing until their input ends", () => {
    for (const filter of ["sort", "tac"])
      expect(follow(filter, ["b", "a"]).every((s) => s === "")).toBe(true);
  });
});
