/**
 * wc, cut, sort, uniq, tr, tee: coreutils (src/wc.c widths, src/cut.c, src/sort.c, src/uniq.c
 * `%7d `, src/tr.c) and busybox (coreutils/wc.c `%9u`, cut.c, sort.c, uniq.c, tr.c).
 */
import { describe, expect, it } from "vitest";
import type { Applet } from "./common";
import { cut } from "./cut";
import { sort, uniq } from "./sort";
import { type Case, expected, flavoursOf, outcome, run } from "./testing";
import { tee, tr } from "./tr";
import { wc } from "./wc";

const F = { "/root/a.txt": "one two\nthree\n", "/root/n.txt": "10\n9\n2K\n100\n1M\n" };

function table(name: string, applet: Applet, cases: Case[]) {
  describe(name, () => {
    for (const c of cases)
      for (const f of flavoursOf(c))
        it(`${f}: ${c.argv.join(" ")}`, () =>
          expect(outcome(applet, { files: F, ...c }, f)).toEqual(expected(c)));
  });
}

table("wc", wc, [
  { argv: ["wc", "a.txt"], out: " 2  3 14 a.txt\n", flavour: "gnu" },
  { argv: ["wc"], stdin: "a b\n", out: "      1       2       4\n", flavour: "gnu" },
  { argv: ["wc", "-l", "a.txt"], out: "2 a.txt\n" },
  { argv: ["wc", "-l"], stdin: "x\ny\n", out: "2\n" },
  { argv: ["wc", "a.txt"], out: "        2         3        14 a.txt\n", flavour: "busybox" },
  { argv: ["wc", "-c", "a.txt", "n.txt"], out: "14 a.txt\n15 n.txt\n29 total\n", flavour: "gnu" },
  {
    argv: ["wc", "-w", "nope"],
    err: "wc: nope: No such file or directory\n",
    exit: 1,
    out: "",
    flavour: "gnu",
  },
]);

table("cut", cut, [
  { argv: ["cut", "-d:", "-f1,3"], stdin: "a:b:c\nd:e:f\n", out: "a:c\nd:f\n" },
  { argv: ["cut", "-d", " ", "-f2-"], stdin: "a b c\n", out: "b c\n" },
  { argv: ["cut", "-c1-3"], stdin: "abcdef\n", out: "abc\n" },
  { argv: ["cut", "-f2"], stdin: "no-tab\nx\ty\n", out: "no-tab\ny\n" },
  { argv: ["cut", "-s", "-f2"], stdin: "no-tab\nx\ty\n", out: "y\n" },
  {
    argv: ["cut", "a.txt"],
    err: "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["cut", "a.txt"],
    err: "cut: expected a list of bytes, characters, or fields\n",
    exit: 1,
    flavour: "busybox",
  },
]);

table("sort", sort, [
  { argv: ["sort"], stdin: "b\na\nc\n", out: "a\nb\nc\n" },
  { argv: ["sort", "-r"], stdin: "b\na\nc\n", out: "c\nb\na\n" },
  { argv: ["sort", "-n"], stdin: "10\n9\n100\n", out: "9\n10\n100\n" },
  { argv: ["sort", "-h", "n.txt"], out: "9\n10\n100\n2K\n1M\n" },
  { argv: ["sort", "-u"], stdin: "b\na\nb\n", out: "a\nb\n" },
  { argv: ["sort", "-t:", "-k2n"], stdin: "x:3\ny:1\nz:2\n", out: "y:1\nz:2\nx:3\n" },
  { argv: ["sort", "-k2,2", "-r"], stdin: "a b\nc a\nd c\n", out: "d c\na b\nc a\n" },
  {
    argv: ["sort", "nope"],
    err: "sort: cannot read: nope: No such file or directory\n",
    exit: 2,
    flavour: "gnu",
  },
  {
    argv: ["sort", "nope"],
    err: "sort: can't open 'nope': No such file or directory\n",
    exit: 1,
    flavour: "busybox",
  },
  { argv: ["sort", "-nrk", "3"], stdin: "p 1 5\nq 1 50\nr 1 7\n", out: "q 1 50\nr 1 7\np 1 5\n" },
]);

table("uniq", uniq, [
  { argv: ["uniq"], stdin: "a\na\nb\na\n", out: "a\nb\na\n" },
  { argv: ["uniq", "-c"], stdin: "a\na\nb\n", out: "      2 a\n      1 b\n" },
  { argv: ["uniq", "-d"], stdin: "a\na\nb\n", out: "a\n" },
  { argv: ["uniq", "-u"], stdin: "a\na\nb\n", out: "b\n" },
]);

table("tr", tr, [
  { argv: ["tr", "a-z", "A-Z"], stdin: "hello\n", out: "HELLO\n" },
  { argv: ["tr", "[:upper:]", "[:lower:]"], stdin: "HeLLo\n", out: "hello\n" },
  { argv: ["tr", "-d", "0-9"], stdin: "a1b22c\n", out: "abc\n" },
  { argv: ["tr", "-s", " "], stdin: "a   b  c\n", out: "a b c\n" },
  { argv: ["tr", ":", "\\n"], stdin: "a:b\n", out: "a\nb\n" },
  { argv: ["tr", "-cd", "a-z\\n"], stdin: "a1-b\n", out: "ab\n" },
  { argv: ["tr", "abc", "x"], stdin: "aabbcc\n", out: "xxxxxx\n" },
  {
    argv: ["tr", "a"],
    err: "tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
    exit: 1,
    flavour: "gnu",
  },
]);

describe("tee", () => {
  it("copies stdin to stdout and files; -a appends", () => {
    const r = run(tee("gnu"), ["tee", "-a", "a.txt", "/tmp/new"], { files: F, stdin: "more\n" });
    expect(r.stdout).toBe("more\n");
    expect(r.fs.read("/root/a.txt")).toBe("one two\nthree\nmore\n");
    expect(r.fs.read("/tmp/new")).toBe("more\n");
  });
  it("reports a file it cannot write and still copies", () => {
    const r = run(tee("busybox"), ["tee", "/nope/x"], { stdin: "x\n" });
    expect(r).toMatchObject({
      stdout: "x\n",
      stderr: "tee: can't open '/nope/x': No such file or directory\n",
      exit: 1,
    });
  });
});
