/**
 * Tables for the text applets: (argv, stdin, files) → (stdout, stderr, exit), per flavour where
 * the texts differ. Texts follow coreutils (src/cat.c, src/head.c, src/tail.c, src/echo.c,
 * src/printf.c), GNU grep and sed, and busybox coreutils/, editors/sed.c, findutils/grep.c.
 */
import { describe, expect, it } from "vitest";
import { cat } from "./cat";
import type { Applet, Flavour } from "./common";
import { echo, printf } from "./echo";
import { grep } from "./grep";
import { head, tail } from "./headtail";
import { sed } from "./sed";
import { run } from "./testing";

interface Case {
  argv: string[];
  stdin?: string;
  files?: Record<string, string>;
  out?: string;
  err?: string;
  exit?: number;
  flavour?: Flavour;
}

const FILES = { "/root/a.txt": "one\ntwo\nthree\nfour\n", "/root/b.txt": "alpha beta\nGamma delta\n" };

/** Runs a table of cases against one applet (both flavours unless a case names one). */
function table(name: string, applet: Applet, cases: Case[]) {
  describe(name, () => {
    for (const c of cases) {
      const flavours: Flavour[] = c.flavour ? [c.flavour] : ["busybox", "gnu"];
      for (const f of flavours)
        it(`${f}: ${c.argv.join(" ")}`, () => {
          const r = run(applet(f), c.argv, { stdin: c.stdin, files: c.files ?? FILES });
          if (c.out !== undefined) expect(r.stdout).toBe(c.out);
          expect(r.stderr).toBe(c.err ?? "");
          expect(r.exit).toBe(c.exit ?? 0);
        });
    }
  });
}

table("echo", echo, [
  { argv: ["echo", "a", "b"], out: "a b\n" },
  { argv: ["echo", "-n", "x"], out: "x" },
  { argv: ["echo", "-e", "a\\tb\\nc"], out: "a\tb\nc\n" },
  { argv: ["echo", "-ne", "a\\c", "b"], out: "a" },
  { argv: ["echo", "-x", "y"], out: "-x y\n" },
  { argv: ["echo", "a\\tb"], out: "a\\tb\n" },
]);

table("printf", printf, [
  { argv: ["printf", "%s=%d\\n", "a", "1", "b", "2"], out: "a=1\nb=2\n" },
  { argv: ["printf", "%5s|%-5s|%05d\\n", "ab", "cd", "42"], out: "   ab|cd   |00042\n" },
  { argv: ["printf", "%x %o %X %c\\n", "255", "8", "255", "hello"], out: "ff 10 FF h\n" },
  { argv: ["printf", "%.2f %e %g\\n", "3.14159", "1234.5", "0.0001"], out: "3.14 1.234500e+03 0.0001\n" },
  { argv: ["printf", "%b", "a\\nb"], out: "a\nb" },
  { argv: ["printf", "100%%\\n"], out: "100%\n" },
  {
    argv: ["printf", "%d\\n", "x"],
    out: "0\n",
    err: "printf: 'x': expected a numeric value\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["printf", "%d\\n", "x"],
    out: "0\n",
    err: "printf: invalid number 'x'\n",
    exit: 1,
    flavour: "busybox",
  },
  {
    argv: ["printf"],
    err: "printf: missing operand\nTry 'printf --help' for more information.\n",
    exit: 1,
    flavour: "gnu",
  },
]);

table("cat", cat, [
  { argv: ["cat", "a.txt"], out: FILES["/root/a.txt"] },
  { argv: ["cat"], stdin: "in\n", out: "in\n" },
  {
    argv: ["cat", "-n", "b.txt", "-"],
    stdin: "x\n",
    out: "     1\talpha beta\n     2\tGamma delta\n     3\tx\n",
  },
  { argv: ["cat", "-A"], stdin: "a\tb\r\n", out: "a^Ib^M$\n" },
  { argv: ["cat", "nope"], err: "cat: nope: No such file or directory\n", exit: 1, flavour: "gnu" },
  {
    argv: ["cat", "nope"],
    err: "cat: can't open 'nope': No such file or directory\n",
    exit: 1,
    flavour: "busybox",
  },
  { argv: ["cat", "/tmp"], err: "cat: /tmp: Is a directory\n", exit: 1, flavour: "gnu" },
  { argv: ["cat", "/tmp"], err: "cat: read error: Is a directory\n", exit: 1, flavour: "busybox" },
]);

table("head", head, [
  { argv: ["head", "-n", "2", "a.txt"], out: "one\ntwo\n" },
  { argv: ["head", "-2", "a.txt"], out: "one\ntwo\n" },
  { argv: ["head", "-c", "5", "a.txt"], out: "one\nt" },
  { argv: ["head", "-n", "-3", "a.txt"], out: "one\n" },
  { argv: ["head", "-n1", "a.txt", "b.txt"], out: "==> a.txt <==\none\n\n==> b.txt <==\nalpha beta\n" },
  {
    argv: ["head", "-n", "x", "a.txt"],
    err: "head: invalid number of lines: 'x'\n",
    exit: 1,
    flavour: "gnu",
  },
  { argv: ["head", "-n", "x", "a.txt"], err: "head: invalid number 'x'\n", exit: 1, flavour: "busybox" },
  {
    argv: ["head", "nope"],
    err: "head: cannot open 'nope' for reading: No such file or directory\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["head", "nope"],
    err: "head: can't open 'nope': No such file or directory\n",
    exit: 1,
    flavour: "busybox",
  },
]);

table("tail", tail, [
  { argv: ["tail", "-n", "2", "a.txt"], out: "three\nfour\n" },
  { argv: ["tail", "-n", "+3", "a.txt"], out: "three\nfour\n" },
  { argv: ["tail", "-c", "5", "a.txt"], out: "four\n" },
  { argv: ["tail", "-1"], stdin: "a\nb", out: "b" },
]);

table("grep", grep(), [
  { argv: ["grep", "t", "a.txt"], out: "two\nthree\n" },
  { argv: ["grep", "-v", "t", "a.txt"], out: "one\nfour\n" },
  { argv: ["grep", "-c", "t", "a.txt"], out: "2\n" },
  { argv: ["grep", "-n", "^f", "a.txt"], out: "4:four\n" },
  { argv: ["grep", "-i", "gamma", "b.txt"], out: "Gamma delta\n" },
  { argv: ["grep", "-o", "[a-z]*ta", "b.txt"], out: "beta\ndelta\n" },
  { argv: ["grep", "-E", "one|four", "a.txt"], out: "one\nfour\n" },
  { argv: ["grep", "one\\|four", "a.txt"], out: "one\nfour\n" },
  { argv: ["grep", "-F", "a.", "b.txt"], exit: 1, out: "" },
  { argv: ["grep", "-w", "alpha", "b.txt"], out: "alpha beta\n" },
  { argv: ["grep", "-x", "two", "a.txt"], out: "two\n" },
  { argv: ["grep", "-l", "a", "a.txt", "b.txt"], out: "b.txt\n" },
  { argv: ["grep", "o", "a.txt", "b.txt"], out: "a.txt:one\na.txt:two\na.txt:four\n" },
  { argv: ["grep", "-r", "delta", "/root"], out: "/root/b.txt:Gamma delta\n" },
  { argv: ["grep", "-r", "delta"], out: "b.txt:Gamma delta\n", flavour: "gnu" },
  { argv: ["grep", "-r", "x"], stdin: "x\n", out: "x\n", flavour: "busybox" },
  { argv: ["grep", "-q", "one", "a.txt"], out: "" },
  { argv: ["grep", "zzz", "a.txt"], out: "", exit: 1 },
  { argv: ["grep", "[[:upper:]]", "b.txt"], out: "Gamma delta\n" },
  { argv: ["grep", "x", "nope"], err: "grep: nope: No such file or directory\n", exit: 2 },
  { argv: ["grep", "-A1", "two", "a.txt"], out: "two\nthree\n" },
]);

table("sed", sed, [
  { argv: ["sed", "s/o/0/", "a.txt"], out: "0ne\ntw0\nthree\nf0ur\n" },
  { argv: ["sed", "s/\\(t\\)\\(w\\)/\\2\\1/g", "a.txt"], out: "one\nwto\nthree\nfour\n" },
  { argv: ["sed", "-E", "s/(a)l/[&\\1]/"], stdin: "alpha\n", out: "[ala]pha\n" },
  { argv: ["sed", "-n", "2p", "a.txt"], out: "two\n" },
  { argv: ["sed", "2,3d", "a.txt"], out: "one\nfour\n" },
  { argv: ["sed", "/^t/d", "a.txt"], out: "one\nfour\n" },
  { argv: ["sed", "-n", "$p", "a.txt"], out: "four\n" },
  { argv: ["sed", "-n", "/two/,/three/p", "a.txt"], out: "two\nthree\n" },
  { argv: ["sed", "-e", "s/one/1/", "-e", "s/two/2/", "a.txt"], out: "1\n2\nthree\nfour\n" },
  { argv: ["sed", "3q", "a.txt"], out: "one\ntwo\nthree\n" },
  { argv: ["sed", "y/abc/xyz/"], stdin: "aabbcc\n", out: "xxyyzz\n" },
  { argv: ["sed", "1!G;h;$!d", "a.txt"], out: "four\nthree\ntwo\none\n" },
  { argv: ["sed", "-n", "/two/,/four/{/r/p}", "a.txt"], out: "three\nfour\n" },
  { argv: ["sed", "-n", "/t/{p;q}", "a.txt"], out: "two\n" },
  { argv: ["sed", "2{s/two/2/;s/2/TWO/}", "a.txt"], out: "one\nTWO\nthree\nfour\n" },
  {
    argv: ["sed", "k", "a.txt"],
    err: "sed: -e expression #1, char 1: unknown command: `k'\n",
    exit: 1,
    flavour: "gnu",
  },
  { argv: ["sed", "k", "a.txt"], err: "sed: unsupported command k\n", exit: 1, flavour: "busybox" },
  // compile.c mark_subst_opts / busybox parse_subst_cmd: a character that is no s flag.
  {
    argv: ["sed", "s/forward . /etc/resolv.conf/forward . 8.8.8.8/", "a.txt"],
    err: "sed: -e expression #1, char 18: unknown option to `s'\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["sed", "s/a/b/x", "a.txt"],
    err: "sed: bad option in substitution expression\n",
    exit: 1,
    flavour: "busybox",
  },
  {
    argv: ["sed", "p", "nope"],
    err: "sed: can't read nope: No such file or directory\n",
    exit: 2,
    flavour: "gnu",
  },
]);

describe("sed -i", () => {
  it("edits in place and keeps a backup with a suffix", () => {
    const r = run(sed("gnu"), ["sed", "-i.bak", "s/one/ONE/", "a.txt"], { files: FILES });
    expect(r.exit).toBe(0);
    expect(r.fs.read("/root/a.txt")).toBe("ONE\ntwo\nthree\nfour\n");
    expect(r.fs.read("/root/a.txt.bak")).toBe(FILES["/root/a.txt"]);
  });
});

describe("tail -f", () => {
  it("says a file was truncated and prints it again from its start", () => {
    let n = 0;
    const r = run(tail("gnu"), ["tail", "-f", "a.txt"], {
      files: FILES,
      maxWaits: 2,
      onWait: (_w, { fs }) => {
        if (n++ === 0) fs.write("/root/a.txt", "new\n");
      },
    });
    expect(r.stdout).toBe(`${FILES["/root/a.txt"]}new\n`);
    expect(r.stderr).toBe("tail: a.txt: file truncated\n");
  });
  it("-F waits for a missing file and follows it once it appears", () => {
    let n = 0;
    const r = run(tail("gnu"), ["tail", "-F", "log"], {
      files: FILES,
      maxWaits: 2,
      onWait: (_w, { fs }) => {
        if (n++ === 0) fs.write("/root/log", "hello\n");
      },
    });
    expect(r.stdout).toBe("hello\n");
    expect(r.stderr).toBe(
      "tail: cannot open 'log' for reading: No such file or directory\ntail: 'log' has appeared;  following new file\n",
    );
  });
  it("prints the end, then what was appended each second, never ending", () => {
    let n = 0;
    const r = run(tail("gnu"), ["tail", "-f", "-n", "1", "a.txt"], {
      files: FILES,
      maxWaits: 3,
      onWait: (_w, { fs }) => fs.write("/root/a.txt", `${fs.read("/root/a.txt")}more${++n}\n`),
    });
    const second = { kind: "sleep", ms: 1000 };
    expect(r.waits).toEqual([second, second, second]);
    expect(r.stdout).toBe("four\nmore1\nmore2\n");
    expect(r.exit).toBeUndefined();
  });
});
