/**
 * less and more without a terminal (less's and util-linux more.c's copy-through), man-db's
 * missing page, whereis (util-linux), tree 2.0.2 (tree.c's lines and summary), file 5.41
 * (libmagic's names), gzip 1.10 (gzip.c's messages) and bc 1.07.1 (POSIX bc's scale rules).
 */
import { describe, expect, it } from "vitest";
import { bc } from "./bc";
import type { Applet } from "./common";
import { file } from "./filetype";
import { gzip } from "./gzip";
import { less, man, more, whereis } from "./pager";
import { type Case, expected, outcome, run } from "./testing";
import { tree } from "./tree";
import { unzip, zip } from "./zip";

const F = {
  "/root/a.txt": "hello\n",
  "/root/b.txt": "world\n",
  "/root/run.sh": "#!/bin/bash\necho hi\n",
  "/root/s.sh": "#!/bin/sh\necho hi\n",
  "/root/c.json": '{"a": 1}\n',
  "/root/ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
  "/root/k.key": "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n",
  "/root/e": "",
  "/root/n": "no newline",
  "/root/u": "héllo\n",
  "/root/t/x/one": "1\n",
  "/root/t/x/two": "2\n",
  "/root/t/y": "3\n",
  "/root/t/.hidden": "4\n",
};

function table(name: string, applet: Applet, cases: Case[]) {
  describe(name, () => {
    for (const c of cases)
      it(c.argv.join(" "), () => expect(outcome(applet, { files: F, ...c }, "gnu")).toEqual(expected(c)));
  });
}

table("less", less, [
  { argv: ["less", "a.txt"], out: "hello\n" },
  { argv: ["less"], stdin: "piped\n", out: "piped\n" },
  { argv: ["less", "nope"], out: "", err: "nope: No such file or directory\n", exit: 1 },
]);

table("more", more, [
  { argv: ["more", "a.txt"], out: "hello\n" },
  {
    argv: ["more", "a.txt", "b.txt"],
    out: "::::::::::::::\na.txt\n::::::::::::::\nhello\n::::::::::::::\nb.txt\n::::::::::::::\nworld\n",
  },
  { argv: ["more", "nope"], out: "", err: "more: cannot open nope: No such file or directory\n", exit: 1 },
]);

table("man", man, [
  { argv: ["man", "ls"], out: "", err: "No manual entry for ls\n", exit: 16 },
  { argv: ["man", "5", "crontab"], out: "", err: "No manual entry for crontab\n", exit: 16 },
  { argv: ["man"], out: "", err: "What manual page do you want?\nFor example, try 'man man'.\n", exit: 1 },
]);

table("whereis", whereis, [
  {
    argv: ["whereis", "kubectl", "nope"],
    files: { "/usr/bin/kubectl": "" },
    out: "kubectl: /usr/bin/kubectl\nnope:\n",
  },
  {
    argv: ["whereis", "crictl"],
    files: { "/usr/local/bin/crictl": "" },
    out: "crictl: /usr/local/bin/crictl\n",
  },
]);

table("tree", tree, [
  {
    argv: ["tree", "t"],
    out: "t\n├── x\n│   ├── one\n│   └── two\n└── y\n\n1 directory, 3 files\n",
  },
  { argv: ["tree", "-a", "-L", "1", "t"], out: "t\n├── .hidden\n├── x\n└── y\n\n1 directory, 2 files\n" },
  { argv: ["tree", "-d", "t"], out: "t\n└── x\n\n1 directory\n" },
  { argv: ["tree", "nope"], out: "nope  [error opening dir]\n\n0 directories, 0 files\n" },
]);

table("file", file, [
  { argv: ["file", "a.txt"], out: "a.txt: ASCII text\n" },
  {
    argv: ["file", "run.sh", "s.sh"],
    out: "run.sh: Bourne-Again shell script, ASCII text executable\ns.sh:   POSIX shell script, ASCII text executable\n",
  },
  { argv: ["file", "c.json"], out: "c.json: JSON data\n" },
  { argv: ["file", "ca.crt", "k.key"], out: "ca.crt: PEM certificate\nk.key:  PEM RSA private key\n" },
  {
    argv: ["file", "e", "n", "u"],
    out: "e: empty\nn: ASCII text, with no line terminators\nu: Unicode text, UTF-8 text\n",
  },
  { argv: ["file", "t"], out: "t: directory\n" },
  { argv: ["file", "-b", "a.txt"], out: "ASCII text\n" },
  { argv: ["file", "nope"], out: "nope: cannot open `nope' (No such file or directory)\n" },
]);

describe("gzip", () => {
  it("replaces a file with FILE.gz and gunzip restores it", () => {
    const r = run(gzip("gnu"), ["gzip", "a.txt"], { files: F });
    expect(r.exit).toBe(0);
    expect(r.fs.exists("/root/a.txt")).toBe(false);
    const back = run(gzip("gnu"), ["gunzip", "a.txt.gz"], { fs: r.fs });
    expect(back.exit).toBe(0);
    expect(back.fs.read("/root/a.txt")).toBe("hello\n");
    expect(back.fs.exists("/root/a.txt.gz")).toBe(false);
  });
  it("-k keeps the file; zcat prints; file names the data", () => {
    const r = run(gzip("gnu"), ["gzip", "-k", "a.txt"], { files: F });
    expect(r.fs.read("/root/a.txt")).toBe("hello\n");
    expect(run(gzip("gnu"), ["zcat", "a.txt.gz"], { fs: r.fs }).stdout).toBe("hello\n");
    expect(run(file("gnu"), ["file", "a.txt.gz"], { fs: r.fs }).stdout).toMatch(
      /^a\.txt\.gz: gzip compressed data, was "a\.txt"/,
    );
  });
  it("gzip.c's refusals", () => {
    const r = run(gzip("gnu"), ["gzip", "-k", "a.txt"], { files: F });
    expect(run(gzip("gnu"), ["gzip", "a.txt.gz"], { fs: r.fs }).stderr).toBe(
      "gzip: a.txt.gz already has .gz suffix -- unchanged\n",
    );
    expect(run(gzip("gnu"), ["gzip", "a.txt"], { fs: r.fs }).stderr).toBe(
      "gzip: a.txt.gz already exists; not overwritten\n",
    );
    expect(run(gzip("gnu"), ["gunzip", "b.txt"], { files: F }).stderr).toBe(
      "gzip: b.txt: unknown suffix -- ignored\n",
    );
    expect(run(gzip("gnu"), ["gzip", "nope"], { files: F }).stderr).toBe(
      "gzip: nope: No such file or directory\n",
    );
  });
});

table("bc", bc, [
  { argv: ["bc"], stdin: "2+3\n", out: "5\n" },
  { argv: ["bc"], stdin: "10/3\n", out: "3\n" },
  { argv: ["bc"], stdin: "scale=2; 10/3\n", out: "3.33\n" },
  { argv: ["bc"], stdin: "scale=2; 1/2\n", out: ".50\n" },
  { argv: ["bc", "-l"], stdin: "1/3\n", out: ".33333333333333333333\n" },
  { argv: ["bc"], stdin: "2^10; 7%3; -5+2; (1+2)*3\n", out: "1024\n1\n-3\n9\n" },
  { argv: ["bc"], stdin: "x=5\nx*2\n", out: "10\n" },
  { argv: ["bc"], stdin: "1.5*2\n", out: "3.0\n" },
  { argv: ["bc"], stdin: "scale=3; sqrt(2)\n", out: "1.414\n" },
  { argv: ["bc"], stdin: "2^100\n", out: "1267650600228229401496703205376\n" },
  { argv: ["bc"], stdin: "3 > 2\n", out: "1\n" },
  { argv: ["bc"], stdin: "1/0\n", out: "", err: "Runtime error (func=(main), adr=3): Divide by zero\n" },
  { argv: ["bc"], stdin: "2+\n", out: "", err: "(standard_in) 1: syntax error\n" },
]);

describe("zip and unzip", () => {
  it("zip -r adds a directory's files; unzip -l lists them; unzip -d extracts", () => {
    const z = run(zip("gnu"), ["zip", "-r", "t.zip", "t"], { files: F });
    expect(z.stdout).toBe(
      "  adding: t/ (stored 0%)\n  adding: t/.hidden (stored 0%)\n  adding: t/x/ (stored 0%)\n  adding: t/x/one (stored 0%)\n  adding: t/x/two (stored 0%)\n  adding: t/y (stored 0%)\n",
    );
    const l = run(unzip("gnu"), ["unzip", "-l", "t.zip"], { fs: z.fs });
    expect(l.stdout.split("\n").slice(0, 4)).toEqual([
      "Archive:  t.zip",
      "  Length      Date    Time    Name",
      "---------  ---------- -----   ----",
      "        0  1970-01-01 00:00   t/",
    ]);
    expect(l.stdout).toContain(
      "---------                     -------\n        8                     6 files\n",
    );
    const x = run(unzip("gnu"), ["unzip", "-d", "out", "t.zip"], { fs: z.fs });
    expect(x.stdout.split("\n").slice(0, 3)).toEqual([
      "Archive:  t.zip",
      "   creating: out/",
      "   creating: out/t/",
    ]);
    expect(x.fs.read("/root/out/t/x/two")).toBe("2\n");
  });
  it("errors", () => {
    const z = run(zip("gnu"), ["zip", "a.zip", "nope"], { files: F });
    expect(z.stderr).toBe("\tzip warning: name not matched: nope\n\nzip error: Nothing to do! (a.zip)\n");
    expect(z.exit).toBe(12);
    const u = run(unzip("gnu"), ["unzip", "nope.zip"], { files: F });
    expect(u.stderr).toBe("unzip:  cannot find or open nope.zip, nope.zip.zip or nope.zip.ZIP.\n");
    expect(u.exit).toBe(9);
  });
});
