/**
 * sed in a pipeline reads its input as it arrives (as pipeline.test.ts checks for grep): GNU sed
 * prints a line as soon as it has it, looking ahead only for `$`, n and N (execute.c test_eof);
 * busybox reads one line ahead (editors/sed.c process_files), so it prints a line when the next
 * arrives. A script that loops for ever runs throttled, as a busy process, until killed.
 */
import { describe, expect, it } from "vitest";
import { THROTTLE_MS } from "../interface";
import { shellProgram } from "../shell";
import { drive, testFs } from "../testkit";
import { busyboxUserland, gnuUserland } from "./userland";

const busybox = busyboxUserland({ "/bin/sh": shellProgram("ash") });
const debian = gnuUserland({ "/usr/bin/sh": shellProgram("dash"), "/usr/bin/bash": shellProgram("bash") });
const LINES = ["INFO up", "ERROR disk", "INFO ok", "ERROR net", "STOP", "INFO late"];

/** Runs `tail -f /log | SED`, another process appending one line of LINES per poll. */
function follow(sedCommand: string, flavour: "gnu" | "busybox") {
  const fs = testFs({ "/log": "" });
  return drive(["sh", "-c", `tail -f /log | ${sedCommand}`], flavour === "gnu" ? "dash" : "ash", fs, "", {
    userland: flavour === "gnu" ? debian : busybox,
    onWait: (i) => {
      if (i < LINES.length) fs.write("/log", `${fs.read("/log")}${LINES[i]}\n`);
      return undefined;
    },
    maxWaits: 50,
  });
}

describe("sed reads a pipe as lines arrive", () => {
  it("GNU sed prints each match when its line arrives; after q, tail ends at its next write", () => {
    const r = follow("sed -n '/ERROR/p;/STOP/q'", "gnu");
    expect(r).toMatchObject({ stdout: "ERROR disk\nERROR net\n", stderr: "", status: 0 });
    // After the poll that appended "ERROR disk" (the second), it is on stdout at once.
    const seen = r.waits.map((w) => w.stdout);
    expect(seen[2]).toBe("ERROR disk\n");
    expect(seen[4]).toBe("ERROR disk\nERROR net\n");
  });

  it("busybox sed reads one line ahead: a line shows when the next arrives", () => {
    const r = follow("sed -n '/ERROR/p;/STOP/q'", "busybox");
    expect(r.stdout).toBe("ERROR disk\nERROR net\n");
    const seen = r.waits.map((w) => w.stdout);
    expect(seen[2]).toBe("");
    expect(seen[3]).toBe("ERROR disk\n");
  });

  it("substitutes line by line in a pipeline that never ends (kubectl logs -f | sed)", () => {
    const r = follow("sed 's/^ERROR/E!/'", "gnu");
    // tail -f never ends: the driver gave up after maxWaits, with every line already printed.
    expect(r.status).toBe(-1);
    expect(r.stdout).toBe("INFO up\nE! disk\nINFO ok\nE! net\nSTOP\nINFO late\n");
  });
});

describe("a sed script that loops for ever", () => {
  it("runs throttled on the virtual clock until it is killed, as a busy process", () => {
    const fs = testFs({ "/f": "a\n" });
    for (const [dialect, userland] of [
      ["dash", debian],
      ["ash", busybox],
    ] as const) {
      const r = drive(["sh", "-c", "sed ':a;ba' /f"], dialect, fs, "", { userland, maxWaits: 5 });
      expect(r.status).toBe(-1);
      expect(r.waits.map((w) => w.wait.kind)).toEqual(Array(5).fill("throttle"));
      expect((r.waits[4]?.at ?? 0) - (r.waits[0]?.at ?? 0)).toBe(4 * THROTTLE_MS);
    }
  });
});
