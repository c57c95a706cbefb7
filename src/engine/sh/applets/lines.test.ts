/**
 * tac, rev, nl, fold, paste (coreutils 8.32 src/tac.c, src/nl.c, src/fold.c, src/paste.c;
 * util-linux 2.37 text-utils/rev.c), column (util-linux text-utils/column.c), comm and join
 * (coreutils src/comm.c, src/join.c), diff (diffutils 3.8 src/normal.c, src/context.c), with
 * the outputs their manuals and sources give.
 */
import { describe, expect, it } from "vitest";
import { column, comm, join } from "./columns";
import type { Applet } from "./common";
import { diff } from "./diff";
import { fold, nl, paste, rev, tac } from "./lines";
import { type Case, expected, outcome } from "./testing";

const F = {
  "/root/a": "1\n2\n",
  "/root/b": "x\ny\nz\n",
  "/root/s1": "a\nb\nc\n",
  "/root/s2": "b\nc\nd\n",
  "/root/j1": "1 alice\n2 bob\n3 carol\n",
  "/root/j2": "1 admin\n3 dev\n4 ops\n",
  "/root/old": "1\n2\n3\n",
  "/root/new": "1\nX\n3\n4\n",
  "/root/noeol": "a",
  "/root/eol": "a\n",
  "/root/empty": "",
  "/root/long": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n",
  "/root/long2": "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\nnine\nTEN\n",
};

function table(name: string, applet: Applet, cases: Case[]) {
  describe(name, () => {
    for (const c of cases)
      it(c.argv.join(" "), () => expect(outcome(applet, { files: F, ...c }, "gnu")).toEqual(expected(c)));
  });
}

table("tac", tac, [
  { argv: ["tac"], stdin: "a\nb\nc\n", out: "c\nb\na\n" },
  { argv: ["tac"], stdin: "a\nb", out: "ba\n" },
  { argv: ["tac", "a", "b"], out: "2\n1\nz\ny\nx\n" },
  {
    argv: ["tac", "nope"],
    out: "",
    err: "tac: failed to open 'nope' for reading: No such file or directory\n",
    exit: 1,
  },
]);

table("rev", rev, [
  { argv: ["rev"], stdin: "abc\nde\n", out: "cba\ned\n" },
  { argv: ["rev", "nope"], out: "", err: "rev: cannot open nope: No such file or directory\n", exit: 1 },
]);

table("nl", nl, [
  { argv: ["nl"], stdin: "a\n\nb\n", out: "     1\ta\n       \n     2\tb\n" },
  { argv: ["nl", "-ba"], stdin: "a\n\nb\n", out: "     1\ta\n     2\t\n     3\tb\n" },
  { argv: ["nl", "-w", "2", "-s", ": ", "-n", "rz"], stdin: "a\n", out: "01: a\n" },
  { argv: ["nl", "-n", "ln"], stdin: "a\n", out: "1     \ta\n" },
]);

table("fold", fold, [
  { argv: ["fold", "-w", "5"], stdin: "abcdefghij\n", out: "abcde\nfghij\n" },
  { argv: ["fold", "-w5"], stdin: "abcdefg\n", out: "abcde\nfg\n" },
  { argv: ["fold", "-s", "-w", "6"], stdin: "aa bb cc\n", out: "aa bb \ncc\n" },
  { argv: ["fold", "-w", "0"], stdin: "", out: "", err: "fold: invalid number of columns: '0'\n", exit: 1 },
]);

table("paste", paste, [
  { argv: ["paste", "a", "b"], out: "1\tx\n2\ty\n\tz\n" },
  { argv: ["paste", "-s", "-d", ",", "b"], out: "x,y,z\n" },
  { argv: ["paste", "-sd,", "a", "b"], out: "1,2\nx,y,z\n" },
  { argv: ["paste", "-d", ":", "-", "a"], stdin: "p\nq\n", out: "p:1\nq:2\n" },
  // The coreutils manual's "paste invocation" examples (num2 is a, let3 is b): every `-` is the
  // one stdin, read a line at a time in turn.
  { argv: ["paste", "-", "b", "-"], stdin: "1\n2\n", out: "1\tx\t2\n\ty\t\n\tz\t\n" },
  { argv: ["paste", "-d", " ", "-", "-"], stdin: "1\n2\n3\n4\n", out: "1 2\n3 4\n" },
  { argv: ["paste", "-d", "%_", "a", "b", "a"], out: "1%x_1\n2%y_2\n%z_\n" },
  { argv: ["paste", "-d,", "-", "-", "-"], stdin: "1\n2\n3\n4\n5\n", out: "1,2,3\n4,5,\n" },
]);

table("column", column, [
  {
    argv: ["column", "-t"],
    stdin: "NAME AGE STATUS\nweb-1 10d Running\n\ndb 1h Pending\n",
    out: "NAME   AGE  STATUS\nweb-1  10d  Running\ndb     1h   Pending\n",
  },
  {
    argv: ["column", "-t", "-s", ":"],
    stdin: "root:x:0\nnobody:x:65534\n",
    out: "root    x  0\nnobody  x  65534\n",
  },
  { argv: ["column", "-t", "-s", ",", "-o", " | "], stdin: "a,bb\nccc,d\n", out: "a   | bb\nccc | d\n" },
  { argv: ["column"], stdin: "a\nb\nc\n", out: "a\tb\tc\n" },
]);

table("comm", comm, [
  { argv: ["comm", "s1", "s2"], out: "a\n\t\tb\n\t\tc\n\td\n" },
  { argv: ["comm", "-12", "s1", "s2"], out: "b\nc\n" },
  { argv: ["comm", "-3", "s1", "s2"], out: "a\n\td\n" },
  {
    argv: ["comm", "a", "s1"],
    out: "1\n2\n\ta\n\tb\n\tc\n",
  },
  {
    argv: ["comm", "s1"],
    err: "comm: missing operand after 's1'\nTry 'comm --help' for more information.\n",
    exit: 1,
  },
]);

table("join", join, [
  { argv: ["join", "j1", "j2"], out: "1 alice admin\n3 carol dev\n" },
  { argv: ["join", "-a", "1", "j1", "j2"], out: "1 alice admin\n2 bob\n3 carol dev\n" },
  { argv: ["join", "-v", "2", "j1", "j2"], out: "4 ops\n" },
]);

table("diff", diff, [
  { argv: ["diff", "old", "new"], out: "2c2\n< 2\n---\n> X\n3a4\n> 4\n", exit: 1 },
  { argv: ["diff", "old", "old"], out: "", exit: 0 },
  { argv: ["diff", "a", "empty"], out: "1,2d0\n< 1\n< 2\n", exit: 1 },
  { argv: ["diff", "empty", "a"], out: "0a1,2\n> 1\n> 2\n", exit: 1 },
  { argv: ["diff", "eol", "noeol"], out: "1c1\n< a\n---\n> a\n\\ No newline at end of file\n", exit: 1 },
  { argv: ["diff", "-q", "old", "new"], out: "Files old and new differ\n", exit: 1 },
  { argv: ["diff", "-s", "old", "old"], out: "Files old and old are identical\n", exit: 0 },
  { argv: ["diff", "-i", "long", "long2"], out: "", exit: 0 },
  { argv: ["diff", "old", "nope"], out: "", err: "diff: nope: No such file or directory\n", exit: 2 },
  {
    argv: ["diff", "old"],
    err: "diff: missing operand after 'old'\ndiff: Try 'diff --help' for more information.\n",
    exit: 2,
  },
]);

describe("diff -u", () => {
  const hunks = (argv: string[]) => {
    const r = outcome(diff, { argv, files: F, out: "" }, "gnu");
    return (r.out ?? "").split("\n").slice(2).join("\n");
  };
  it("headers name the files with their times", () => {
    const r = outcome(diff, { argv: ["diff", "-u", "old", "new"], files: F, out: "" }, "gnu");
    expect(r.out?.split("\n").slice(0, 2)).toEqual([
      "--- old\t1970-01-01 00:00:00.000000000 +0000",
      "+++ new\t1970-01-01 00:00:00.000000000 +0000",
    ]);
    expect(r.exit).toBe(1);
  });
  it("one hunk with three lines of context", () => {
    expect(hunks(["diff", "-u", "old", "new"])).toBe("@@ -1,3 +1,4 @@\n 1\n-2\n+X\n 3\n+4\n");
  });
  it("changes whose contexts touch share a hunk; others are separate", () => {
    expect(hunks(["diff", "-u", "long", "long2"])).toBe(
      "@@ -1,10 +1,10 @@\n one\n two\n three\n-four\n+FOUR\n five\n six\n seven\n eight\n nine\n-ten\n+TEN\n",
    );
    expect(hunks(["diff", "-U1", "long", "long2"])).toBe(
      "@@ -3,3 +3,3 @@\n three\n-four\n+FOUR\n five\n@@ -9,2 +9,2 @@\n nine\n-ten\n+TEN\n",
    );
  });
  it("-U1 narrows the context; an empty side starts at 0", () => {
    expect(hunks(["diff", "-U1", "old", "new"])).toBe("@@ -1,3 +1,4 @@\n 1\n-2\n+X\n 3\n+4\n");
    expect(hunks(["diff", "-u", "empty", "eol"])).toBe("@@ -0,0 +1 @@\n+a\n");
  });
});

// diffutils 3.8 src/diff.c: comparing directories, each file pair is introduced by `diff`, the
// options as given (switch_string) and the two names; -N compares a file only one side has with
// an empty one dated the epoch instead of saying `Only in`.
describe("diff -u -N DIR DIR", () => {
  const files = { "/root/d1/x": "1\n", "/root/d2/x": "2\n", "/root/d2/y": "new\n" };
  it("echoes the options and diffs a lone file against nothing", () => {
    const r = outcome(diff, { argv: ["diff", "-u", "-N", "d1", "d2"], files, out: "" }, "gnu");
    expect(r.out).toBe(
      "diff -u -N d1/x d2/x\n--- d1/x\t1970-01-01 00:00:00.000000000 +0000\n+++ d2/x\t1970-01-01 00:00:00.000000000 +0000\n@@ -1 +1 @@\n-1\n+2\n" +
        "diff -u -N d1/y d2/y\n--- d1/y\t1970-01-01 00:00:00.000000000 +0000\n+++ d2/y\t1970-01-01 00:00:00.000000000 +0000\n@@ -0,0 +1 @@\n+new\n",
    );
    expect(r.exit).toBe(1);
  });
  it("without -N a lone file is `Only in`", () => {
    const r = outcome(diff, { argv: ["diff", "-u", "d1", "d2"], files, out: "" }, "gnu");
    expect(r.out).toContain("Only in d2: y\n");
  });
});
