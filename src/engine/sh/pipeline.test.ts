/**
 * Pipelines whose stages run at once (pipeline.ts, pipe.ts), as a POSIX shell runs them: each
 * stage is a process, a reader sees what was written as it is written, a reader that ends makes
 * the writer's next write fail with SIGPIPE, and the shell waits for every stage (POSIX "Shell
 * Command Language" 2.9.2 Pipelines; pipe(7) for the pipe's capacity and EPIPE).
 */
import { describe, expect, it } from "vitest";
import { busyboxUserland } from "./applets/userland";
import { shellProgram } from "./shell";
import { drive, testFs } from "./testkit";

const busybox = busyboxUserland({ "/bin/sh": shellProgram("ash") });
const run = (script: string, files: Record<string, string> = {}, opts: Parameters<typeof drive>[4] = {}) =>
  drive(["sh", "-c", script], "ash", testFs(files), "", { userland: busybox, ...opts });

describe("pipelines run their stages at once", () => {
  it("hands each line to the reader as it is written, on the virtual clock", () => {
    const r = run('for i in 1 2 3; do echo $i; sleep 1; done | while read n; do echo "got $n"; done');
    expect(r).toMatchObject({ stdout: "got 1\ngot 2\ngot 3\n", status: 0 });
    // Each line was read before the writer's next sleep ended, not after the writer finished.
    expect(r.waits.map((w) => w.stdout)).toEqual(["got 1\n", "got 1\ngot 2\n", "got 1\ngot 2\ngot 3\n"]);
  });

  it("ends `tail -f | head -n N` once head has its lines and tail writes again (SIGPIPE)", () => {
    const files = { "/var/log/app.log": "a\nb\n" };
    const fs = testFs(files);
    const r = drive(["sh", "-c", "tail -f /var/log/app.log | head -n 3; echo status $?"], "ash", fs, "", {
      userland: busybox,
      // Another process appends a line every second.
      onWait: (i) => {
        fs.write("/var/log/app.log", `${fs.read("/var/log/app.log")}line${i}\n`);
        return undefined;
      },
    });
    expect(r).toMatchObject({ stdout: "a\nb\nline0\nstatus 0\n", stderr: "", status: 0 });
    // head had its third line at the first poll; tail died at its next write, a poll later.
    expect(r.waits.map((w) => w.wait)).toEqual([
      { kind: "sleep", ms: 1000 },
      { kind: "sleep", ms: 1000 },
    ]);
  });

  it("prints grep's matches as they arrive and stops at -m", () => {
    const fs = testFs({ "/log": "" });
    const lines = ["INFO up", "ERROR disk", "INFO ok", "ERROR net", "ERROR cpu"];
    const r = drive(["sh", "-c", "tail -f /log | grep -m 2 ERROR"], "ash", fs, "", {
      userland: busybox,
      onWait: (i) => {
        if (i < lines.length) fs.write("/log", `${fs.read("/log")}${lines[i]}\n`);
        return undefined;
      },
    });
    expect(r).toMatchObject({ stdout: "ERROR disk\nERROR net\n", status: 0 });
  });

  it("gives SIGPIPE to a writer loop once the reader has gone: the pipeline ends at its next write", () => {
    const r = run("while true; do echo x; sleep 1; done | head -n 2; echo $?");
    expect(r).toMatchObject({ stdout: "x\nx\n0\n", status: 0 });
    // Two sleeps: head ended at the second x, the loop's third echo (after 2 s) got SIGPIPE.
    expect(r.waits).toHaveLength(2);
    const pf = run("set -o pipefail; while true; do echo x; sleep 1; done | head -n 1; echo $?");
    expect(pf.stdout).toBe("x\n141\n");
  });

  it("waits for the whole input in a reader that needs it (sort), for the end of every stage", () => {
    const r = run("(echo b; sleep 1; echo a) | sort; echo done");
    expect(r).toMatchObject({ stdout: "a\nb\ndone\n", status: 0 });
    expect(r.waits.map((w) => w.stdout)).toEqual([""]);
    // The shell waits for a writer that outlives its reader: `sleep 2 | true` takes 2 s.
    expect(run("sleep 2 | true; echo $?").waits.map((w) => w.wait)).toEqual([{ kind: "sleep", ms: 2000 }]);
  });

  it("runs a reader that never reads its input at once (`yes | ls`), and keeps what a late reader gets", () => {
    expect(run("yes | ls /data; echo $?", { "/data/f": "" })).toMatchObject({ stdout: "f\n0\n", status: 0 });
    expect(run("echo hi | (sleep 1; cat)")).toMatchObject({ stdout: "hi\n", status: 0 });
  });

  it("copies to tee's files as lines come", () => {
    const fs = testFs();
    const seen: string[] = [];
    const r = drive(
      ["sh", "-c", "for i in 1 2; do echo $i; sleep 1; done | tee /tmp/t >/dev/null"],
      "ash",
      fs,
      "",
      {
        userland: busybox,
        onWait: () => {
          seen.push(fs.read("/tmp/t"));
          return undefined;
        },
      },
    );
    expect(r.status).toBe(0);
    expect(seen).toEqual(["1\n", "1\n2\n"]);
  });

  it("keeps a plain pipeline of programs that do not wait synchronous (no generator, no wait)", () => {
    const r = run("printf 'b\\na\\n' | sort | head -n 1 | tr a-z A-Z");
    expect(r).toMatchObject({ stdout: "A\n", status: 0, waits: [] });
  });
});

describe("awk and tr over a pipe still being written", () => {
  it("runs awk's actions as each line arrives and END once the writer ends", () => {
    const r = run(
      'for i in 1 2 3; do echo "a $i"; sleep 1; done | awk \'{ s += $2; print NR": "$2 } END { print "sum", s }\'',
    );
    expect(r).toMatchObject({ stdout: "1: 1\n2: 2\n3: 3\nsum 6\n", status: 0 });
    expect(r.waits.map((w) => w.stdout)).toEqual(["1: 1\n", "1: 1\n2: 2\n", "1: 1\n2: 2\n3: 3\n"]);
  });

  it("translates with tr as text arrives, squeezing across the pieces", () => {
    const r = run("(printf 'aa'; sleep 1; printf 'ab\\n') | tr -s a-z A-Z");
    expect(r).toMatchObject({ stdout: "AB\n", status: 0 });
    expect(r.waits.map((w) => w.stdout)).toEqual(["A"]);
  });

  it("does not wait for a pipe a program with file operands never reads", () => {
    const r = run("yes | grep -c x /data/f; yes | head -n 1 /data/f; yes | awk 'END { print NR }' /data/f", {
      "/data/f": "x\ny\n",
    });
    expect(r).toMatchObject({ stdout: "1\nx\n2\n", status: 0 });
  });
});

describe("long streams through a pipe", () => {
  it("seq writes a long sequence a block at a time; tail and wc keep only what they print", () => {
    expect(run("seq 1 2000000 | tail -1")).toMatchObject({ stdout: "2000000\n", status: 0 });
    expect(run("seq 1 2000000 | wc -l")).toMatchObject({ stdout: "2000000\n", status: 0 });
    expect(run("seq -s, 1 200001 | tail -c 20")).toMatchObject({
      stdout: "99999,200000,200001\n",
      status: 0,
    });
    // head ends it with SIGPIPE long before the end.
    expect(run("seq 1 100000000 | head -3; echo ${PIPESTATUS:-done}")).toMatchObject({
      stdout: "1\n2\n3\ndone\n",
    });
    expect(run("seq -w 1 150000 | head -2")).toMatchObject({ stdout: "000001\n000002\n" });
  });

  it("a writer into a program that reads its input at the end never waits on the pipe", () => {
    // sort takes its whole input at the end: the pipe holds it all rather than filling.
    expect(run("seq 1 300000 | sort -n | tail -2")).toMatchObject({ stdout: "299999\n300000\n", status: 0 });
  });

  it("wc counts a word cut between two pieces of a stream once", () => {
    const r = run("(printf 'ab'; sleep 1; printf 'cd ef\\n') | wc -w -c -L");
    expect(r).toMatchObject({ stdout: "        2         8         7\n", status: 0 });
  });
});
