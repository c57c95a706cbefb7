/**
 * sed's commands, options and messages beyond the upstream suites (sed.upstream.test.ts): GNU
 * sed 4.9's extensions and compile.c messages, busybox editors/sed.c's messages, -i, -s, -z,
 * --posix. Expected texts follow the GNU sed manual and the two sources.
 */
import { describe, expect, it } from "vitest";
import type { Flavour } from "./common";
import { sed } from "./sed";
import { run } from "./testing";

interface Case {
  argv: string[];
  stdin?: string;
  files?: Record<string, string>;
  out: string;
  err?: string;
  exit?: number;
  flavour?: Flavour;
  /** Files and their text after the run. */
  after?: Record<string, string>;
}

const NUMBERS = "1\n2\n3\n4\n5\n6\n";

const CASES: Case[] = [
  // The scripts learners copy: join lines, reverse, number, de-duplicate.
  { argv: ["sed", ":a;N;$!ba;s/\\n/ /g"], stdin: "a\nb\nc\n", out: "a b c\n" },
  { argv: ["sed", "-e", ":a", "-e", "$!N;s/\\n//;ta"], stdin: "a\nb\nc\n", out: "abc\n" },
  { argv: ["sed", "1!G;h;$!d"], stdin: "a\nb\nc\n", out: "c\nb\na\n" },
  { argv: ["sed", "-n", "1!G;h;$p"], stdin: "a\nb\nc\n", out: "c\nb\na\n" },
  { argv: ["sed", "$!N;/^\\(.*\\)\\n\\1$/!P;D"], stdin: "a\na\nb\nc\nc\n", out: "a\nb\nc\n" },
  { argv: ["sed", "-n", "$="], stdin: "a\nb\nc\n", out: "3\n" },
  { argv: ["sed", "="], stdin: "a\nb\n", out: "1\na\n2\nb\n" },
  { argv: ["sed", "$!d"], stdin: "a\nb\n", out: "b\n" },
  { argv: ["sed", "-n", "h;n;G;p"], stdin: "1\n2\n3\n4\n", out: "2\n1\n4\n3\n" },
  { argv: ["sed", "x;$!d;x"], stdin: "a\nb\nc\n", out: "c\n" },
  { argv: ["sed", "/^$/d;s/^[ \\t]*//"], stdin: "  a\n\n\tb\n", out: "a\nb\n" },
  // GNU addresses: first~step, addr,+N, addr,~N, 0,/re/.
  { argv: ["sed", "-n", "0~3p"], stdin: NUMBERS, out: "3\n6\n", flavour: "gnu" },
  { argv: ["sed", "-n", "2~2p"], stdin: NUMBERS, out: "2\n4\n6\n", flavour: "gnu" },
  { argv: ["sed", "-n", "/2/,+2p"], stdin: NUMBERS, out: "2\n3\n4\n" },
  { argv: ["sed", "-n", "2,~4p"], stdin: NUMBERS, out: "2\n3\n4\n", flavour: "gnu" },
  { argv: ["sed", "0,/1/d"], stdin: "1\n2\n1\n", out: "2\n1\n", flavour: "gnu" },
  { argv: ["sed", "1,/1/d"], stdin: "1\n2\n1\n3\n", out: "3\n" },
  { argv: ["sed", "-n", "4,2p"], stdin: NUMBERS, out: "4\n" },
  { argv: ["sed", "-n", "$p", "a", "b"], files: { "/root/a": "1\n2\n", "/root/b": "3\n" }, out: "3\n" },
  // GNU commands: F, z, Q, q with a status, R, W, T, e refused.
  { argv: ["sed", "-n", "1F", "a"], files: { "/root/a": "x\n" }, out: "a\n", flavour: "gnu" },
  { argv: ["sed", "2z"], stdin: "a\nb\nc\n", out: "a\n\nc\n", flavour: "gnu" },
  { argv: ["sed", "2Q"], stdin: "a\nb\nc\n", out: "a\n", flavour: "gnu" },
  { argv: ["sed", "2q5"], stdin: "a\nb\nc\n", out: "a\nb\n", exit: 5, flavour: "gnu" },
  { argv: ["sed", "-e", "/b/a\\", "-e", "after", "-e", "2q"], stdin: "a\nb\nc\n", out: "a\nb\nafter\n" },
  {
    argv: ["sed", "R other", "main"],
    files: { "/root/main": "m1\nm2\nm3\n", "/root/other": "o1\no2\n" },
    out: "m1\no1\nm2\no2\nm3\n",
    flavour: "gnu",
  },
  {
    argv: ["sed", "-n", "N;W out"],
    stdin: "a\nb\nc\nd\n",
    out: "",
    after: { "/root/out": "a\nc\n" },
    flavour: "gnu",
  },
  { argv: ["sed", "s/x/X/;T;s/$/!/"], stdin: "ax\nb\n", out: "aX!\nb\n" },
  {
    argv: ["sed", "1e date"],
    stdin: "a\n",
    out: "",
    err: "sed: `e' command not supported\n",
    exit: 4,
    flavour: "gnu",
  },
  // s: the Nth match, with g after it, case conversion (GNU), I and M flags, w FILE.
  { argv: ["sed", "s/a/X/2g"], stdin: "aaaa\n", out: "aXXX\n" },
  { argv: ["sed", "s/\\(.*\\)/\\U\\1/"], stdin: "shout\n", out: "SHOUT\n", flavour: "gnu" },
  {
    argv: ["sed", "-E", "s/(\\w)(\\w*)/\\u\\1\\L\\2/g"],
    stdin: "hELLO wORLD\n",
    out: "Hello World\n",
    flavour: "gnu",
  },
  { argv: ["sed", "s/HELLO/bye/I"], stdin: "Hello\n", out: "bye\n" },
  { argv: ["sed", "N;s/^/>/Mg"], stdin: "a\nb\n", out: ">a\n>b\n", flavour: "gnu" },
  { argv: ["sed", "N;s/^/>/g"], stdin: "a\nb\n", out: ">a\nb\n" },
  { argv: ["sed", "N;s/\\`/</Mg;s/\\'/>/Mg"], stdin: "a\nb\n", out: "<a\nb>\n", flavour: "gnu" },
  { argv: ["sed", "N;s/a.b/X/"], stdin: "a\nb\n", out: "X\n" },
  { argv: ["sed", "-n", "s/b/B/w out"], stdin: "a\nb\n", out: "", after: { "/root/out": "B\n" } },
  { argv: ["sed", "-n", "s/b/B/w /dev/stdout"], stdin: "a\nb\n", out: "B\n", flavour: "gnu" },
  // y, l (folded at 70 by default, -l N, l 0), i/a/c one-liners and blocks.
  { argv: ["sed", "y/abc/xyz/"], stdin: "aabbcc\n", out: "xxyyzz\n" },
  { argv: ["sed", "-n", "l"], stdin: "a\tb\\\x01\n", out: "a\\tb\\\\\\001$\n" },
  { argv: ["sed", "-n", "l 5"], stdin: "abcdefgh\n", out: "abcd\\\nefgh$\n", flavour: "gnu" },
  { argv: ["sed", "-n", "-l", "4", "l"], stdin: "abcdef\n", out: "abc\\\ndef$\n", flavour: "gnu" },
  { argv: ["sed", "-n", "l 0"], stdin: `${"x".repeat(80)}\n`, out: `${"x".repeat(80)}$\n`, flavour: "gnu" },
  {
    argv: ["sed", "-n", "l"],
    stdin: `${"x".repeat(80)}\n`,
    out: `${"x".repeat(69)}\\\n${"x".repeat(11)}$\n`,
  },
  { argv: ["sed", "2i\\\ninserted", "-"], stdin: "a\nb\n", out: "a\ninserted\nb\n" },
  { argv: ["sed", "1a appended"], stdin: "a\nb\n", out: "a\nappended\nb\n" },
  { argv: ["sed", "1a\\  indented"], stdin: "a\n", out: "a\n  indented\n" },
  { argv: ["sed", "2,3c\\\nchanged"], stdin: "a\nb\nc\nd\n", out: "a\nchanged\nd\n" },
  { argv: ["sed", "$!{h;d};x;G"], stdin: "a\nb\n", out: "a\nb\n" },
  // -e and -f run in command-line order.
  {
    argv: ["sed", "-n", "-e", "s/b/c/", "-f", "s", "--expression=p"],
    files: { "/root/s": "s/a/b/\n" },
    stdin: "a\nb\n",
    out: "b\nc\n",
  },
  // -s, -z, --posix, #n.
  {
    argv: ["sed", "-s", "-n", "$p", "a", "b"],
    files: { "/root/a": "1\n2\n", "/root/b": "3\n4\n" },
    out: "2\n4\n",
    flavour: "gnu",
  },
  { argv: ["sed", "-z", "s/^/x/"], stdin: "a\0b\0", out: "xa\0xb\0", flavour: "gnu" },
  { argv: ["sed", "N"], stdin: "a\nb\nc\n", out: "a\nb\nc\n" },
  { argv: ["sed", "--posix", "N"], stdin: "a\nb\nc\n", out: "a\nb\n", flavour: "gnu" },
  { argv: ["sed", "#n\n2p"], stdin: "a\nb\n", out: "b\n" },
  { argv: ["sed", "-n", "/a/,/c/{/b/!p}"], stdin: "a\nb\nc\n", out: "a\nc\n" },
  // Input without a final newline keeps it missing.
  { argv: ["sed", "s/b/B/"], stdin: "a\nb", out: "a\nB" },
  { argv: ["sed", "$a end"], stdin: "a", out: "a\nend\n", flavour: "gnu" },
];

/** GNU sed 4.9's compile.c messages, at the character GNU counts to; busybox's editors/sed.c. */
const ERRORS: Array<{ argv: string[]; gnu: string; busybox: string; gnuExit?: number }> = [
  {
    argv: ["sed", ":a;N;$!bb"],
    gnu: "sed: can't find label for jump to `b'\n",
    busybox: "sed: can't find label for jump to 'b'\n",
    gnuExit: 4,
  },
  {
    argv: ["sed", "k"],
    gnu: "sed: -e expression #1, char 1: unknown command: `k'\n",
    busybox: "sed: unsupported command k\n",
  },
  {
    argv: ["sed", "1,2X"],
    gnu: "sed: -e expression #1, char 4: unknown command: `X'\n",
    busybox: "sed: unsupported command X\n",
  },
  {
    argv: ["sed", "s/a/b"],
    gnu: "sed: -e expression #1, char 5: unterminated `s' command\n",
    busybox: "sed: unmatched '/'\n",
  },
  {
    argv: ["sed", "s/a/b/x"],
    gnu: "sed: -e expression #1, char 7: unknown option to `s'\n",
    busybox: "sed: bad option in substitution expression\n",
  },
  {
    argv: ["sed", "-e", "p", "-e", "p x"],
    gnu: "sed: -e expression #2, char 3: extra characters after command\n",
    busybox: "sed: unsupported command x\n",
  },
  {
    argv: ["sed", "}"],
    gnu: "sed: -e expression #1, char 1: unexpected `}'\n",
    busybox: "sed: unmatched '}'\n",
  },
  {
    argv: ["sed", "-n", "{p"],
    gnu: "sed: -e expression #1, char 0: unmatched `{'\n",
    busybox: "sed: unterminated {\n",
  },
  {
    argv: ["sed", ":"],
    gnu: 'sed: -e expression #1, char 1: ":" lacks a label\n',
    busybox: "sed: unsupported command :\n",
  },
  {
    argv: ["sed", "y/abc/de/"],
    gnu: "sed: -e expression #1, char 9: strings for `y' command are different lengths\n",
    busybox: "sed: strings for `y' command are different lengths\n",
  },
  {
    argv: ["sed", "a"],
    gnu: "sed: -e expression #1, char 1: expected \\ after `a', `c' or `i'\n",
    busybox: "",
  },
  {
    argv: ["sed", "0p"],
    gnu: "sed: -e expression #1, char 2: invalid usage of line address 0\n",
    busybox: "sed: unsupported command 0\n",
  },
  {
    argv: ["sed", "s/\\(a/b/"],
    gnu: "sed: -e expression #1, char 8: Unmatched ( or \\(\n",
    busybox: "sed: bad regex '\\(a': Unmatched ( or \\(\n",
  },
  {
    argv: ["sed", "1,2q"],
    gnu: "sed: -e expression #1, char 4: command only uses one address\n",
    busybox: "",
  },
  {
    argv: ["sed", "w"],
    gnu: "sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n",
    busybox: "sed: empty filename\n",
  },
];

describe("sed", () => {
  for (const c of CASES) {
    const flavours: Flavour[] = c.flavour ? [c.flavour] : ["gnu", "busybox"];
    for (const f of flavours)
      it(`${f}: ${c.argv.slice(1).join(" ")}`, () => {
        const r = run(sed(f), c.argv, { stdin: c.stdin ?? "", files: c.files });
        expect(r.stdout).toBe(c.out);
        expect(r.stderr).toBe(c.err ?? "");
        expect(r.exit).toBe(c.exit ?? 0);
        for (const [path, text] of Object.entries(c.after ?? {})) expect(r.fs.read(path)).toBe(text);
      });
  }
});

describe("sed's script errors, per flavour", () => {
  for (const e of ERRORS)
    for (const f of ["gnu", "busybox"] as const) {
      const want = f === "gnu" ? e.gnu : e.busybox;
      if (!want) continue;
      it(`${f}: ${e.argv.slice(1).join(" ")}`, () => {
        const r = run(sed(f), e.argv, { stdin: "a\n", files: { "/root/x": "hi\n" } });
        expect(r.stderr).toBe(want);
        expect(r.stdout).toBe("");
        expect(r.exit).toBe(f === "gnu" ? (e.gnuExit ?? 1) : 1);
      });
    }
});

describe("sed -i", () => {
  it("edits each file alone, keeping a backup named by the suffix (GNU: `*` is the file name)", () => {
    const files = { "/root/a.conf": "x=1\n", "/root/b.conf": "x=2\n" };
    let r = run(sed("gnu"), ["sed", "-i.bak", "s/x/y/", "a.conf", "b.conf"], { files });
    expect(r).toMatchObject({ stdout: "", stderr: "", exit: 0 });
    expect([r.fs.read("/root/a.conf"), r.fs.read("/root/a.conf.bak"), r.fs.read("/root/b.conf")]).toEqual([
      "y=1\n",
      "x=1\n",
      "y=2\n",
    ]);
    r = run(sed("gnu"), ["sed", "-i", "-e", "1d", "--in-place=old_*", "a.conf"], { files });
    expect([r.fs.read("/root/a.conf"), r.fs.read("/root/old_a.conf")]).toEqual(["", "x=1\n"]);
    r = run(sed("busybox"), ["sed", "-i.orig", "$a z=3", "a.conf"], { files });
    expect([r.fs.read("/root/a.conf"), r.fs.read("/root/a.conf.orig")]).toEqual(["x=1\nz=3\n", "x=1\n"]);
  });

  it("refuses no files, and reports a missing one while editing the rest", () => {
    expect(run(sed("gnu"), ["sed", "-i", "p"])).toMatchObject({ stderr: "sed: no input files\n", exit: 4 });
    expect(run(sed("busybox"), ["sed", "-i", "p"])).toMatchObject({
      stderr: "sed: -i requires an argument\n",
      exit: 1,
    });
    const r = run(sed("gnu"), ["sed", "-i", "s/a/b/", "nope", "f"], { files: { "/root/f": "a\n" } });
    expect(r).toMatchObject({ stderr: "sed: can't read nope: No such file or directory\n", exit: 2 });
    expect(r.fs.read("/root/f")).toBe("b\n");
  });
});

describe("sed under POSIXLY_CORRECT (GNU)", () => {
  it("quits without printing when N finds no next line", () => {
    const r = run(sed("gnu"), ["sed", "N"], { stdin: "a\nb\nc\n", env: { POSIXLY_CORRECT: "1" } });
    expect(r.stdout).toBe("a\nb\n");
  });
});
