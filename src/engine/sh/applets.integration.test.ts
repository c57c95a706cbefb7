/** The shell with the real applets (busybox and Debian userlands), as containers run it. */
import { describe, expect, it } from "vitest";
import { busyboxUserland, gnuUserland } from "./applets/userland";
import { shellProgram } from "./shell";
import { drive, testFs } from "./testkit";

const busybox = busyboxUserland({ "/bin/sh": shellProgram("ash") });
const debian = gnuUserland({ "/usr/bin/sh": shellProgram("dash"), "/usr/bin/bash": shellProgram("bash") });
const files = {
  "/data/a.txt": "apple\nbanana\ncherry\n",
  "/scripts/run.sh": ['#!/bin/sh\necho "run $1"\n', 0o755] as [string, number],
};

describe("the shell with busybox applets", () => {
  const run = (script: string) =>
    drive(["sh", "-c", script], "ash", testFs(files), "", { userland: busybox });

  it("pipes, filters and loops", () => {
    const r = run(
      "grep an /data/a.txt | wc -l; cat /data/a.txt | sort -r | head -n 1; for f in /data/*.txt; do basename $f .txt; done",
    );
    expect(r).toMatchObject({ stdout: "1\ncherry\na\n", stderr: "", status: 0 });
  });

  it("reads lines in a while loop with sleeps between, on the virtual clock", () => {
    const r = run('while read l; do echo "<$l>"; sleep 1; done < /data/a.txt');
    expect(r.stdout).toBe("<apple>\n<banana>\n<cherry>\n");
    expect(r.waits.map((w) => w.wait)).toEqual([1, 2, 3].map(() => ({ kind: "sleep", ms: 1000 })));
  });

  it("runs a script through its #! line, and words a missing command as busybox does", () => {
    expect(run("/scripts/run.sh x; nothere")).toMatchObject({
      stdout: "run x\n",
      stderr: "sh: nothere: not found\n",
      status: 127,
    });
  });

  it("remembers where PATH search found a command until PATH changes or hash -r (ash's hash table)", () => {
    // An executable /usr/local/bin/sleep, earlier in PATH than busybox's /bin/sleep, appears only
    // after the first `sleep` was found: the shell keeps running /bin/sleep, as ash and bash do,
    // until the table is forgotten or PATH is set again.
    const fs = () => testFs({ "/usr/local/bin/sleep": ["", 0o755] });
    const shadow =
      "rm /usr/local/bin/sleep; sleep 0; printf '#!/bin/sh\\necho shadow\\n' > /usr/local/bin/sleep";
    const drv = (script: string) => drive(["sh", "-c", script], "ash", fs(), "", { userland: busybox });
    expect(drv(`${shadow}; sleep 0; echo $?; hash -r; sleep 0`).stdout).toBe("0\nshadow\n");
    expect(drv(`${shadow}; PATH=$PATH; sleep 0`).stdout).toBe("shadow\n");
  });

  it("writes files the applets read", () => {
    expect(run("echo one > /tmp/f; echo two >> /tmp/f; wc -l /tmp/f; cat /tmp/f | tr a-z A-Z").stdout).toBe(
      "2 /tmp/f\nONE\nTWO\n",
    );
  });
});

describe("the shell with Debian's userland", () => {
  it("bash with coreutils", () => {
    const r = drive(
      [
        "bash",
        "-c",
        "x=$(seq 1 3 | tr '\\n' ' '); set -- $x; echo $# $(($1 + $3)); [[ -f /data/a.txt ]] && echo yes",
      ],
      "bash",
      testFs(files),
      "",
      { userland: debian },
    );
    expect(r).toMatchObject({ stdout: "3 4\nyes\n", stderr: "", status: 0 });
  });
});

describe("yes in a pipe", () => {
  it("fills the pipe, waits while it is full, and ends with SIGPIPE once its reader has gone", () => {
    const r = drive(
      [
        "sh",
        "-c",
        "yes | head -n 2; yes abc | head -c 10 | wc -c; set -o pipefail; yes | head -n 1; echo $?",
      ],
      "ash",
      testFs(files),
      "",
      { userland: busybox },
    );
    // With pipefail the status is yes's: killed by SIGPIPE (128 + 13).
    expect(r).toMatchObject({ stdout: "y\ny\n10\ny\n141\n", stderr: "", status: 0 });
    expect(r.waits).toEqual([]);
  });

  it("never ends into a reader that waits for the end of its input (as yes | sort runs for ever)", () => {
    const r = drive(["sh", "-c", "yes | sort"], "ash", testFs(files), "", {
      userland: busybox,
      maxWaits: 40,
    });
    expect(r.status).toBe(-1);
    // The pipe holds sort's input until a program's limit, then yes waits for ever.
    expect(r.waits.at(-1)?.wait.kind).toBe("forever");
    expect(r.stdout).toBe("");
  });

  it("keeps a reader that counts as it reads busy for ever (yes | wc -c), throttled", () => {
    const r = drive(["sh", "-c", "yes | wc -c"], "ash", testFs(files), "", {
      userland: busybox,
      maxWaits: 3,
    });
    expect(r.status).toBe(-1);
    expect(r.waits.map((w) => w.wait.kind)).toEqual(["sleep", "sleep", "sleep"]);
  });
});
