/**
 * date, identity, small programs, expr, test, env, base64 and digests, find/xargs, and the
 * waiting programs (sleep, timeout, yes) driven through their Procs on the virtual clock.
 */
import { describe, expect, it } from "vitest";
import { base64, md5sum, sha1sum, sha256sum } from "./codec";
import type { Applet } from "./common";
import { date } from "./date";
import { echo } from "./echo";
import { env, printenv } from "./env";
import { expr, test } from "./expr";
import { du, find, stat, xargs } from "./find";
import { hostname, id, uname, whoami } from "./ident";
import { basename, dirname, seq, yes } from "./misc";
import { kill, ps } from "./procs";
import { sleep, timeout } from "./sleep";
import { type Case, expected, flavoursOf, outcome, run, TEST_NOW, testSystem } from "./testing";

const F = { "/root/a.txt": "hello\n", "/root/d/x.yaml": "x", "/root/d/e/y.yaml": "y" };

function table(name: string, applet: Applet, cases: Case[]) {
  describe(name, () => {
    for (const c of cases)
      for (const f of flavoursOf(c))
        it(`${f}: ${c.argv.join(" ")}`, () =>
          expect(outcome(applet, { files: F, ...c }, f)).toEqual(expected(c)));
  });
}

table("date", date, [
  { argv: ["date"], out: "Sat Jan  3 04:05:06 UTC 2026\n" },
  { argv: ["date", "-u", "+%Y-%m-%dT%H:%M:%SZ"], out: "2026-01-03T04:05:06Z\n" },
  { argv: ["date", "+%s %F %T %a %b %j %Z %%"], out: "1767413106 2026-01-03 04:05:06 Sat Jan 003 UTC %\n" },
  { argv: ["date", "-d", "@0"], out: "Thu Jan  1 00:00:00 UTC 1970\n" },
  { argv: ["date", "-d", "2025-12-25 10:00", "+%A %e %B"], out: "Thursday 25 December\n" },
  { argv: ["date", "-R"], out: "Sat, 03 Jan 2026 04:05:06 +0000\n" },
  { argv: ["date", "-d", "2 hours ago", "+%T"], out: "02:05:06\n", flavour: "gnu" },
  { argv: ["date", "-d", "tomorrow", "+%F"], out: "2026-01-04\n", flavour: "gnu" },
  { argv: ["date", "-d", "+1 month -1 day", "+%F"], out: "2026-02-02\n", flavour: "gnu" },
  {
    argv: ["date", "-d", "2 hours ago"],
    err: "date: invalid date '2 hours ago'\n",
    exit: 1,
    out: "",
    flavour: "busybox",
  },
  { argv: ["date", "-d", "2026-01-02T10:00:00Z", "+%s"], out: "1767348000\n" },
  { argv: ["date", "-I"], out: "2026-01-03\n" },
  { argv: ["date", "-d", "yesterday-ish"], err: "date: invalid date 'yesterday-ish'\n", exit: 1, out: "" },
]);

table("identity", hostname, [{ argv: ["hostname"], out: "web-0\n" }]);
table("whoami", whoami, [{ argv: ["whoami"], out: "root\n" }]);
table("id", id, [
  { argv: ["id"], out: "uid=0(root) gid=0(root) groups=0(root)\n" },
  { argv: ["id", "-u"], out: "0\n" },
  { argv: ["id", "-un"], out: "root\n" },
]);
table("uname", uname, [
  { argv: ["uname"], out: "Linux\n" },
  { argv: ["uname", "-r"], out: "5.15.0-1083-gcp\n" },
  { argv: ["uname", "-sm"], out: "Linux x86_64\n" },
  {
    argv: ["uname", "-a"],
    out: "Linux web-0 5.15.0-1083-gcp #1 SMP Wed Jan 15 12:00:00 UTC 2025 x86_64 GNU/Linux\n",
  },
]);

table("basename", basename, [
  { argv: ["basename", "/a/b.yaml", ".yaml"], out: "b\n" },
  { argv: ["basename", "/a/b/"], out: "b\n" },
  { argv: ["basename", "/"], out: "/\n" },
]);
table("dirname", dirname, [
  { argv: ["dirname", "/a/b/c"], out: "/a/b\n" },
  { argv: ["dirname", "c"], out: ".\n" },
  { argv: ["dirname", "/c"], out: "/\n" },
]);

table("seq", seq, [
  { argv: ["seq", "3"], out: "1\n2\n3\n" },
  { argv: ["seq", "2", "2", "7"], out: "2\n4\n6\n" },
  { argv: ["seq", "-s", ",", "3"], out: "1,2,3\n" },
  { argv: ["seq", "-w", "8", "10"], out: "08\n09\n10\n" },
  { argv: ["seq", "0", "0.5", "1"], out: "0.0\n0.5\n1.0\n" },
  { argv: ["seq", "3", "-1", "1"], out: "3\n2\n1\n" },
  {
    argv: ["seq", "x"],
    err: "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n",
    exit: 1,
    flavour: "gnu",
  },
]);

table("expr", expr, [
  { argv: ["expr", "1", "+", "2"], out: "3\n" },
  { argv: ["expr", "2", "*", "3", "+", "1"], out: "7\n" },
  { argv: ["expr", "7", "%", "3"], out: "1\n" },
  { argv: ["expr", "5", ">", "10"], out: "0\n", exit: 1 },
  { argv: ["expr", "abc", ":", "a\\(.\\)"], out: "b\n" },
  { argv: ["expr", "hello", ":", ".*"], out: "5\n" },
  { argv: ["expr", "length", "hello"], out: "5\n" },
  { argv: ["expr", "1", "/", "0"], err: "expr: division by zero\n", exit: 2, out: "" },
  { argv: ["expr", "a", "+", "1"], err: "expr: non-integer argument\n", exit: 2, out: "", flavour: "gnu" },
  {
    argv: ["expr", "a", "+", "1"],
    err: "expr: non-numeric argument\n",
    exit: 2,
    out: "",
    flavour: "busybox",
  },
]);

table("test", test, [
  { argv: ["test", "-f", "a.txt"] },
  { argv: ["test", "-d", "a.txt"], exit: 1 },
  { argv: ["[", "-d", "d", "]"] },
  { argv: ["[", "1", "-lt", "2", "-a", "x", "=", "x", "]"] },
  { argv: ["[", "!", "-e", "nope", "]"] },
  { argv: ["test", "-z", ""] },
  { argv: ["test", "abc"] },
  { argv: ["test"], exit: 1 },
  { argv: ["[", "1", "-eq", "1"], err: "[: missing ']'\n", exit: 2, flavour: "gnu" },
  { argv: ["[", "1", "-eq", "1"], err: "[: missing ]\n", exit: 2, flavour: "busybox" },
  { argv: ["test", "x", "-eq", "1"], err: "test: invalid integer 'x'\n", exit: 2, flavour: "gnu" },
  { argv: ["test", "x", "-eq", "1"], err: "test: x: bad number\n", exit: 2, flavour: "busybox" },
]);

table("base64", base64, [
  { argv: ["base64"], stdin: "hello\n", out: "aGVsbG8K\n" },
  { argv: ["base64", "-d"], stdin: "aGVsbG8K\n", out: "hello\n" },
  // Empty input gives no output, not an empty line (coreutils base64.c wrap_write).
  { argv: ["base64"], stdin: "", out: "" },
  { argv: ["base64", "-w", "0"], stdin: "x".repeat(60), out: "eHh4".repeat(20) },
  { argv: ["base64"], stdin: "x".repeat(60), out: `${"eHh4".repeat(19)}\n${"eHh4"}\n` },
  { argv: ["base64", "-d"], stdin: "!!!\n", err: "base64: invalid input\n", exit: 1, out: "" },
]);

// Digests of "abc" and "" from FIPS 180-4 / RFC 1321 test vectors.
table("md5sum", md5sum, [
  { argv: ["md5sum"], stdin: "abc", out: "900150983cd24fb0d6963f7d28e17f72  -\n" },
  { argv: ["md5sum"], stdin: "", out: "d41d8cd98f00b204e9800998ecf8427e  -\n" },
  { argv: ["md5sum", "a.txt"], out: "b1946ac92492d2347c6235b4d2611184  a.txt\n" },
]);
table("sha1sum", sha1sum, [
  { argv: ["sha1sum"], stdin: "abc", out: "a9993e364706816aba3e25717850c26c9cd0d89d  -\n" },
]);
table("sha256sum", sha256sum, [
  {
    argv: ["sha256sum"],
    stdin: "abc",
    out: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n",
  },
  {
    argv: ["sha256sum"],
    stdin: "a".repeat(1000),
    out: "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3  -\n",
  },
]);

table("find", find, [
  { argv: ["find", "d"], out: "d\nd/e\nd/e/y.yaml\nd/x.yaml\n" },
  { argv: ["find", "/root", "-name", "*.yaml"], out: "/root/d/e/y.yaml\n/root/d/x.yaml\n" },
  { argv: ["find", ".", "-type", "d"], out: ".\n./d\n./d/e\n" },
  { argv: ["find", "d", "-maxdepth", "1", "-type", "f"], out: "d/x.yaml\n" },
  {
    argv: ["find", "nope"],
    err: "find: 'nope': No such file or directory\n",
    exit: 1,
    out: "",
    flavour: "gnu",
  },
]);

table("du", du, [{ argv: ["du", "-s", "d"], out: "16\td\n" }]);
table("stat", stat, [
  { argv: ["stat", "-c", "%n %s %A %F", "a.txt"], out: "a.txt 6 -rw-r--r-- regular file\n" },
]);

describe("env", () => {
  it("prints the environment, and runs a command with changes", () => {
    expect(run(env("gnu"), ["env"], { env: { A: "1", B: "2" } }).stdout).toBe("A=1\nB=2\n");
    const seen: string[] = [];
    const r = run(env("gnu"), ["env", "-u", "A", "C=3", "show"], {
      env: { A: "1", B: "2" },
      programs: {
        show: (ctx) => {
          seen.push(JSON.stringify(ctx.env));
          return 0;
        },
      },
    });
    expect(r.exit).toBe(0);
    expect(seen).toEqual(['{"B":"2","C":"3"}']);
    expect(run(env("gnu"), ["env", "-i", "X=1"]).stdout).toBe("X=1\n");
  });
  it("printenv exits 1 for an unset name", () => {
    expect(run(printenv("gnu"), ["printenv", "HOME", "NOPE"]).stdout).toBe("/root\n");
    expect(run(printenv("gnu"), ["printenv", "NOPE"]).exit).toBe(1);
  });
});

describe("xargs", () => {
  it("runs the command with the input words, -n at a time, and -I per line", () => {
    const programs = { echo: echo("gnu") };
    expect(run(xargs("gnu"), ["xargs", "echo", "x"], { stdin: "a b\nc\n", programs }).stdout).toBe(
      "x a b c\n",
    );
    expect(run(xargs("gnu"), ["xargs", "-n", "1"], { stdin: "a b\n", programs }).stdout).toBe("a\nb\n");
    expect(run(xargs("gnu"), ["xargs", "-I{}", "echo", "<{}>"], { stdin: "a b\nc\n", programs }).stdout).toBe(
      "<a b>\n<c>\n",
    );
  });
});

describe("sleep", () => {
  it("yields its duration on the virtual clock", () => {
    const r = run(sleep("busybox"), ["sleep", "1.5"]);
    expect(r.waits).toEqual([{ kind: "sleep", ms: 1500 }]);
    expect(r.exit).toBe(0);
    expect(run(sleep("gnu"), ["sleep", "1m", "2s"]).waits).toEqual([{ kind: "sleep", ms: 62_000 }]);
  });
  it("yields the remainder when resumed early", () => {
    const sys = testSystem();
    let first = true;
    const r = run(sleep("gnu"), ["sleep", "10"], {
      sys,
      onWait: () => {
        if (first) sys.clock.ms -= 7_000; // resumed after 3 s only
        first = false;
      },
    });
    expect(r.waits).toEqual([
      { kind: "sleep", ms: 10_000 },
      { kind: "sleep", ms: 7_000 },
    ]);
  });
  it("waits forever for infinity", () => {
    const r = run(sleep("gnu"), ["sleep", "infinity"], { maxWaits: 3 });
    expect(r.waits).toEqual([{ kind: "forever" }, { kind: "forever" }, { kind: "forever" }]);
    expect(r.exit).toBeUndefined();
  });
  it("rejects what is not a duration", () => {
    expect(run(sleep("busybox"), ["sleep", "x"])).toMatchObject({
      stderr: "sleep: invalid number 'x'\n",
      exit: 1,
    });
    expect(run(sleep("gnu"), ["sleep", "x"])).toMatchObject({
      stderr: "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n",
      exit: 1,
    });
  });
});

describe("timeout", () => {
  const programs = { sleep: sleep("gnu") };
  it("ends a command at its deadline: 124 (GNU), 143 (busybox)", () => {
    const r = run(timeout("gnu"), ["timeout", "2", "sleep", "10"], { programs });
    expect(r.exit).toBe(124);
    expect(r.sys.clock.ms - TEST_NOW).toBe(2000);
    expect(run(timeout("busybox"), ["timeout", "2", "sleep", "10"], { programs }).exit).toBe(143);
  });
  it("ends a command that waits forever, after waiting out the deadline", () => {
    const r = run(timeout("gnu"), ["timeout", "3s", "sleep", "infinity"], { programs });
    expect(r.waits).toEqual([{ kind: "sleep", ms: 3000 }]);
    expect(r.exit).toBe(124);
    expect(
      run(timeout("gnu"), ["timeout", "--preserve-status", "-s", "KILL", "1", "sleep", "5"], { programs })
        .exit,
    ).toBe(137);
  });
  it("passes the command's status through when it ends in time", () => {
    const r = run(timeout("gnu"), ["timeout", "5", "sleep", "1"], { programs });
    expect(r.exit).toBe(0);
    expect(r.sys.clock.ms - TEST_NOW).toBe(1000);
  });
});

describe("yes", () => {
  it("writes a budget of lines, then throttles", () => {
    const r = run(yes("gnu"), ["yes", "ok"], { maxWaits: 2 });
    expect(r.waits).toEqual([{ kind: "throttle" }, { kind: "throttle" }]);
    expect(r.stdout.startsWith("ok\nok\n")).toBe(true);
  });
});

describe("kill and ps", () => {
  it("signals a process, or says there is none", () => {
    const r = run(kill("busybox"), ["kill", "-9", "1"]);
    expect(r.exit).toBe(0);
    expect(r.sys.killed).toEqual([{ pid: 1, signal: "KILL" }]);
    expect(run(kill("busybox"), ["kill", "99"])).toMatchObject({
      stderr: "kill: can't kill pid 99: No such process\n",
      exit: 1,
    });
    expect(run(kill("gnu"), ["kill", "-s", "TERM", "7"]).sys.killed).toEqual([{ pid: 7, signal: "TERM" }]);
    expect(run(kill("gnu"), ["kill", "-l", "9"]).stdout).toBe("KILL\n");
  });
  it("prints -o columns", () => {
    expect(run(ps("busybox"), ["ps", "-o", "pid,comm"]).stdout).toBe(
      "PID   COMMAND\n    1 sleep\n    7 sh\n",
    );
    expect(run(ps("gnu"), ["ps", "-o", "pid,user,comm"]).stdout).toBe(
      "    PID USER     COMMAND\n      1 root     sleep\n      7 root     sh\n",
    );
    expect(run(ps("gnu"), ["ps", "-o", "pid,etime"]).stdout).toBe(
      "    PID     ELAPSED\n      1       02:05\n      7       00:05\n",
    );
  });
  it("lists processes as busybox and procps do", () => {
    expect(run(ps("busybox"), ["ps"]).stdout).toBe(
      "PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sh\n",
    );
    expect(run(ps("gnu"), ["ps", "aux"]).stdout).toBe(
      "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n" +
        "root           1  0.0  0.0      0     0 ?        Ss   04:03   0:00 sleep 3600\n" +
        "root           7  0.0  0.0      0     0 ?        S    04:05   0:00 sh\n",
    );
    expect(run(ps("gnu"), ["ps", "-ef"]).stdout).toBe(
      "UID          PID    PPID  C STIME TTY          TIME CMD\n" +
        "root           1       0  0 04:03 ?        00:00:00 sleep 3600\n" +
        "root           7       1  0 04:05 ?        00:00:00 sh\n",
    );
  });
});

describe("commands that run commands", () => {
  const userland = {
    kind: "gnu" as const,
    lookup: (n: string) => (n === "echo" ? echo("gnu") : undefined),
    names: () => ["echo"],
  };
  const withUserland = (p: Applet, f: "gnu" | "busybox", argv: string[]) =>
    run((ctx) => p(f)({ ...ctx, userland }), argv, { programs: { echo: echo("gnu") } });
  it("say they cannot run a command the userland does not have", () => {
    expect(withUserland(env, "gnu", ["env", "nope"])).toMatchObject({
      stderr: "env: 'nope': No such file or directory\n",
      exit: 127,
    });
    expect(withUserland(env, "busybox", ["env", "nope"])).toMatchObject({
      stderr: "env: can't execute 'nope': No such file or directory\n",
      exit: 127,
    });
    expect(withUserland(timeout, "gnu", ["timeout", "1", "nope"])).toMatchObject({
      stderr: "timeout: failed to run command 'nope': No such file or directory\n",
      exit: 127,
    });
    expect(withUserland(env, "gnu", ["env", "echo", "hi"])).toMatchObject({ stdout: "hi\n", exit: 0 });
  });
});
