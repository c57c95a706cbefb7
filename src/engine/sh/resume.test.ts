/**
 * Resumability: a `sleep` anywhere yields its Wait to the driver and the script resumes exactly
 * where it was; busy loops yield throttles; signals and background jobs follow the virtual clock.
 */
import { describe, expect, it } from "vitest";
import { STEP_BUDGET } from "./interface";
import { shellProgram } from "./shell";
import { fakeSystem, sh, testFs } from "./testkit";

const sleeps = (r: ReturnType<typeof sh>) =>
  r.waits.map((w) => (w.wait.kind === "sleep" ? w.wait.ms : w.wait.kind));

describe("sleep yields to the driver", () => {
  it("in a loop, with output between the sleeps", () => {
    const r = sh("for i in 1 2 3; do echo $i; sleep 1; done; echo end");
    expect(sleeps(r)).toEqual([1000, 1000, 1000]);
    expect(r.waits.map((w) => w.stdout)).toEqual(["1\n", "1\n2\n", "1\n2\n3\n"]);
    expect(r.waits.map((w) => w.at - 1_000_000)).toEqual([0, 1000, 2000]);
    expect(r.stdout).toBe("1\n2\n3\nend\n");
  });

  it("in a function, a command substitution and a pipeline stage", () => {
    const r = sh('f() { sleep 2; echo f; }; x=$(f); echo "[$x]"; echo a | { sleep 1; cat; }; echo done');
    expect(sleeps(r)).toEqual([2000, 1000]);
    expect(r.waits.map((w) => w.stdout)).toEqual(["", "[f]\n"]);
    expect(r.stdout).toBe("[f]\na\ndone\n");
  });

  it("in a while loop reading a here-document, keeping its read position", () => {
    const r = sh("while read l; do echo $l; sleep 1; done <<EOF\na\nb\nEOF");
    expect(sleeps(r)).toEqual([1000, 1000]);
    expect(r.stdout).toBe("a\nb\n");
  });

  it("in a nested shell (sh -c inside a script)", () => {
    const r = sh("sh -c 'sleep 3; echo inner'; echo outer");
    expect(sleeps(r)).toEqual([3000]);
    expect(r.stdout).toBe("inner\nouter\n");
  });
});

describe("throttling", () => {
  it("a busy loop yields throttle after STEP_BUDGET steps at one instant", () => {
    const r = sh("while true; do echo x; done", "dash", undefined, "", { maxWaits: 3 });
    expect(r.status).toBe(-1);
    expect(r.waits.map((w) => w.wait.kind)).toEqual(["throttle", "throttle", "throttle"]);
    // Each iteration is three steps (the loop, `true`, `echo`).
    const lines = r.waits.map((w) => w.stdout.split("\n").length - 1);
    expect(lines[0]).toBeGreaterThan(STEP_BUDGET / 4);
    expect(lines[0]).toBeLessThanOrEqual(STEP_BUDGET);
    expect((lines[1] as number) - (lines[0] as number)).toBe(lines[0]);
  });

  it("a loop that sleeps is not throttled", () => {
    const r = sh("i=0; while [ $i -lt 50 ]; do i=$((i+1)); sleep 0.01; done; echo $i");
    expect(r.waits.every((w) => w.wait.kind === "sleep")).toBe(true);
    expect(r.stdout).toBe("50\n");
  });

  it("`:` in an endless loop inside a function and a subshell throttles too", () => {
    const r = sh("f() { while :; do :; done; }; (f)", "dash", undefined, "", { maxWaits: 2 });
    expect(r.waits.map((w) => w.wait.kind)).toEqual(["throttle", "throttle"]);
  });

  it("output of a pipe is bounded: the writer ends with SIGPIPE at 16 MiB", () => {
    // Lines of 1 MiB + 1: fifteen fit in 16 MiB, the sixteenth is cut and ends the writer.
    const r = sh("x=$(printf '%1048576s' ''); while :; do echo \"$x\"; done | wc; echo $?", "bash");
    expect(r.stdout).toBe("15\n0\n");
  });

  it("a command substitution over 16 MiB is an error, not a memory blow-up", () => {
    const r = sh("x=$(printf '%1048576s' ''); y=$(while :; do echo \"$x\"; done); echo never", "bash");
    expect(r.stderr).toBe("bash: line 1: command substitution: output exceeds 16 MiB\n");
    expect(r.status).toBe(1);
  });
});

describe("signals", () => {
  it("a trapped TERM runs its handler after the foreground sleep ends", () => {
    const r = sh("trap 'echo got TERM' TERM; sleep 10; echo after", "dash", undefined, "", {
      onWait: (i, sys) => {
        if (i === 0) {
          sys.signal?.("TERM");
          return true;
        }
        return undefined;
      },
    });
    expect(sleeps(r)).toEqual([10000, 10000]);
    expect(r.stdout).toBe("got TERM\nafter\n");
    expect(r.status).toBe(0);
  });

  it("a trapped TERM interrupts wait at once: wait returns 143, the trap runs", () => {
    const r = sh("trap 'echo got; exit 0' TERM; sleep 100 & wait; echo $?", "bash", undefined, "", {
      onWait: (i, sys) => {
        if (i === 0) {
          sys.signal?.("SIGTERM");
          return true;
        }
        return undefined;
      },
    });
    expect(r.stdout).toBe("got\n");
    expect(r.status).toBe(0);
    expect(r.waits[0]?.at).toBe(1_000_000);
  });

  it("wait returns 128+n and the script goes on when the trap does not exit", () => {
    const r = sh("trap 'echo trapped' USR1; sleep 100 & wait; echo status $?", "dash", undefined, "", {
      onWait: (i, sys) => {
        if (i === 0) {
          sys.signal?.("USR1");
          return true;
        }
        return undefined;
      },
    });
    expect(r.stdout).toBe("trapped\nstatus 138\n");
  });

  it("an untrapped TERM is ignored by a shell that is pid 1", () => {
    const r = sh("sleep 5; echo survived", "dash", undefined, "", {
      onWait: (i, sys) => {
        if (i === 0) {
          sys.signal?.("TERM");
          return true;
        }
        return undefined;
      },
    });
    expect(r.stdout).toBe("survived\n");
    expect(r.status).toBe(0);
  });

  it("an untrapped TERM ends a shell that is not pid 1 with 143", () => {
    const sys = fakeSystem(7);
    const r = sh("sleep 5; echo survived", "dash", undefined, "", {
      sys,
      onWait: (i, s) => {
        if (i === 0) {
          s.signal?.("TERM");
          return true;
        }
        return undefined;
      },
    });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(143);
  });

  it("KILL ends even pid 1, with 137", () => {
    const r = sh("trap 'echo no' KILL 2>/dev/null; sleep 5; echo survived", "dash", undefined, "", {
      onWait: (i, s) => {
        if (i === 0) {
          s.signal?.("KILL");
          return true;
        }
        return undefined;
      },
    });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(137);
  });

  it("exec replaces the shell: its trap is gone, and pid 1 ignores TERM", () => {
    const fs = testFs();
    const r = sh("trap 'echo t' TERM; exec sleep 10", "dash", fs, "", {
      onWait: (i, s) => {
        if (i === 0) {
          s.signal?.("TERM");
          return true;
        }
        return undefined;
      },
    });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("the EXIT trap runs when the script ends", () => {
    const r = sh("trap 'echo cleanup' EXIT; sleep 1; echo work");
    expect(r.stdout).toBe("work\ncleanup\n");
  });
});

describe("background jobs", () => {
  it("run concurrently on the virtual clock; wait waits for them", () => {
    const r = sh("(sleep 2; echo bg) & sleep 1; echo fg; wait; echo done");
    expect(sleeps(r)).toEqual([1000, 1000]);
    expect(r.waits.map((w) => w.stdout)).toEqual(["", "fg\n"]);
    expect(r.stdout).toBe("fg\nbg\ndone\n");
  });

  it("two jobs interleave by their own clocks", () => {
    const r = sh(
      "for i in 1 2 3; do echo a$i; sleep 2; done & for i in 1 2 3; do echo b$i; sleep 3; done & wait",
    );
    expect(r.stdout).toBe("a1\nb1\na2\nb2\na3\nb3\n");
    expect(r.waits.reduce((n, w) => n + (w.wait.kind === "sleep" ? w.wait.ms : 0), 0)).toBe(9000);
  });

  it("wait PID returns that job's status; $! is its pid", () => {
    const r = sh("(sleep 1; exit 5) & p=$!; wait $p; echo $? $p");
    expect(r.stdout).toBe("5 2\n");
  });

  it("jobs still running when the script ends are killed with it", () => {
    const r = sh("(sleep 100; echo never) & echo main");
    expect(r.stdout).toBe("main\n");
    expect(r.waits).toEqual([]);
  });
});

describe("ending a shell from outside", () => {
  it("return() on the shell's Proc runs the running program's cleanup", () => {
    let cleaned = false;
    const fs = testFs();
    const sys = fakeSystem();
    const server = () =>
      (function* () {
        try {
          for (;;) yield { kind: "forever" as const };
        } finally {
          cleaned = true;
        }
      })();
    const userland = {
      kind: "none" as const,
      lookup: (name: string, path: string) =>
        path === `/bin/${name}` && name === "server" ? server : undefined,
      names: () => ["server"],
    };
    const p = shellProgram("dash")({
      argv: ["sh", "-c", "echo start; server"],
      env: { PATH: "/bin" },
      cwd: "/",
      stdin: "",
      stdout: { write: () => {} },
      stderr: { write: () => {} },
      fs,
      sys,
      exec: () => 0 as never,
      userland,
    });
    if (typeof p === "number") throw new Error("finished at once");
    expect(p.next().value).toEqual({ kind: "forever" });
    p.return(0);
    expect(cleaned).toBe(true);
  });
});

describe("loops and script text resumed after a wait", () => {
  it("break and continue in a loop whose body waited", () => {
    const r = sh("i=0; while [ $i -lt 3 ]; do i=$((i+1)); sleep 1; continue; echo no; done; echo $i");
    expect(sleeps(r)).toEqual([1000, 1000, 1000]);
    expect(r.stdout).toBe("3\n");
    const b = sh("until false; do sleep 1; echo once; break; done; echo after");
    expect(b.stdout).toBe("once\nafter\n");
  });

  it("break 2 from an inner loop that waited ends both loops", () => {
    const r = sh("for i in 1 2; do while true; do sleep 1; echo $i; break 2; done; done; echo end");
    expect(sleeps(r)).toEqual([1000]);
    expect(r.stdout).toBe("1\nend\n");
  });

  it("a condition that waits", () => {
    const r = sh("i=0; while sleep 1 && [ $i -lt 2 ]; do i=$((i+1)); done; echo $i");
    expect(sleeps(r)).toEqual([1000, 1000, 1000]);
    expect(r.stdout).toBe("2\n");
  });

  it("exit in a loop that waited runs the EXIT trap, with the exit status", () => {
    const r = sh("trap 'echo bye' EXIT; while true; do sleep 1; exit 3; done; echo never");
    expect(r.stdout).toBe("bye\n");
    expect(r.status).toBe(3);
  });

  it("the lines after a waiting line, in eval and in the script", () => {
    const r = sh("eval 'sleep 1; echo a\nsleep 1; echo b'; echo c\necho d");
    expect(sleeps(r)).toEqual([1000, 1000]);
    expect(r.stdout).toBe("a\nb\nc\nd\n");
  });

  it("a literal command runs the same every time (its argv is shared, never changed)", () => {
    const r = sh("for i in 1 2 3; do set -- a b; echo x y; sleep 1; done; echo $#");
    expect(r.stdout).toBe("x y\nx y\nx y\n2\n");
  });
});
