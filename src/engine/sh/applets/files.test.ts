/**
 * ls and the file commands: coreutils texts (`cannot access`, `cannot remove`, `-r not
 * specified; omitting directory`) and busybox's (`can't remove`, `'d' is a directory`).
 */
import { describe, expect, it } from "vitest";
import type { Applet } from "./common";
import { chmod, cp, ln, mkdir, mv, rm, rmdir, touch } from "./files";
import { ls } from "./ls";
import { type Case, expected, flavoursOf, outcome, run, TEST_NOW } from "./testing";

const F = { "/root/a.txt": "hello\n", "/root/d/x": "x", "/root/.hidden": "" };

function table(name: string, applet: Applet, cases: Case[]) {
  describe(name, () => {
    for (const c of cases)
      for (const f of flavoursOf(c))
        it(`${f}: ${c.argv.join(" ")}`, () =>
          expect(outcome(applet, { files: F, ...c }, f)).toEqual(expected(c)));
  });
}

table("ls", ls, [
  { argv: ["ls"], out: "a.txt\nd\n" },
  { argv: ["ls", "-a"], out: ".\n..\n.hidden\na.txt\nd\n" },
  { argv: ["ls", "d", "a.txt"], out: "a.txt\n\nd:\nx\n" },
  { argv: ["ls", "-d", "d"], out: "d\n" },
  { argv: ["ls", "-R", "/root/d"], out: "/root/d:\nx\n" },
  {
    argv: ["ls", "/x"],
    err: "ls: cannot access '/x': No such file or directory\n",
    exit: 2,
    out: "",
    flavour: "gnu",
  },
  { argv: ["ls", "/x"], err: "ls: /x: No such file or directory\n", exit: 1, out: "", flavour: "busybox" },
  {
    argv: ["ls", "-z"],
    err: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n",
    exit: 2,
    flavour: "gnu",
  },
]);

describe("ls -l", () => {
  it("prints GNU's aligned columns, a total, and the date as Mon DD HH:MM", () => {
    const r = run(ls("gnu"), ["ls", "-l"], { files: F });
    expect(r.stdout).toBe(
      "total 8\n-rw-r--r-- 1 root root    6 Jan  3 04:05 a.txt\ndrwxr-xr-x 2 root root 4096 Jan  3 04:05 d\n",
    );
  });
  it("prints busybox's fixed-width columns", () => {
    const r = run(ls("busybox"), ["ls", "-l", "a.txt"], { files: F });
    expect(r.stdout).toBe("-rw-r--r--    1 root     root             6 Jan  3 04:05 a.txt\n");
  });
  it("shows the year for files older than six months (-h sizes)", () => {
    const fs = run(ls("gnu"), ["ls"], { files: F }).fs;
    const old = {
      ...fs,
      stat: () => ({ type: "file" as const, size: 5000, mode: 0o600, mtimeMs: TEST_NOW - 400 * 86_400_000 }),
    };
    const r = run(ls("gnu"), ["ls", "-lh", "/root/a.txt"], {
      fs: Object.assign(Object.create(Object.getPrototypeOf(fs)), fs, old),
    });
    expect(r.stdout).toBe("-rw------- 1 root root 4.9K Nov 29  2024 /root/a.txt\n");
  });
});

table("touch", touch, [
  { argv: ["touch", "new"] },
  {
    argv: ["touch", "/nope/x"],
    err: "touch: cannot touch '/nope/x': No such file or directory\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["touch", "/nope/x"],
    err: "touch: /nope/x: No such file or directory\n",
    exit: 1,
    flavour: "busybox",
  },
]);

table("mkdir", mkdir, [
  { argv: ["mkdir", "-p", "a/b/c"] },
  { argv: ["mkdir", "d"], err: "mkdir: cannot create directory 'd': File exists\n", exit: 1, flavour: "gnu" },
  {
    argv: ["mkdir", "d"],
    err: "mkdir: can't create directory 'd': File exists\n",
    exit: 1,
    flavour: "busybox",
  },
  {
    argv: ["mkdir", "x/y"],
    err: "mkdir: cannot create directory 'x/y': No such file or directory\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["mkdir"],
    err: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n",
    exit: 1,
    flavour: "gnu",
  },
]);

table("rm", rm, [
  { argv: ["rm", "a.txt"] },
  { argv: ["rm", "-rf", "d", "nope"] },
  {
    argv: ["rm", "nope"],
    err: "rm: cannot remove 'nope': No such file or directory\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["rm", "nope"],
    err: "rm: can't remove 'nope': No such file or directory\n",
    exit: 1,
    flavour: "busybox",
  },
  { argv: ["rm", "d"], err: "rm: cannot remove 'd': Is a directory\n", exit: 1, flavour: "gnu" },
  { argv: ["rm", "d"], err: "rm: 'd' is a directory\n", exit: 1, flavour: "busybox" },
]);

table("rmdir", rmdir, [
  {
    argv: ["rmdir", "d"],
    err: "rmdir: failed to remove 'd': Directory not empty\n",
    exit: 1,
    flavour: "gnu",
  },
  { argv: ["rmdir", "d"], err: "rmdir: 'd': Directory not empty\n", exit: 1, flavour: "busybox" },
]);

table("cp", cp, [
  { argv: ["cp", "d", "e"], err: "cp: -r not specified; omitting directory 'd'\n", exit: 1, flavour: "gnu" },
  { argv: ["cp", "d", "e"], err: "cp: omitting directory 'd'\n", exit: 1, flavour: "busybox" },
  {
    argv: ["cp", "nope", "e"],
    err: "cp: cannot stat 'nope': No such file or directory\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["cp", "nope", "e"],
    err: "cp: can't stat 'nope': No such file or directory\n",
    exit: 1,
    flavour: "busybox",
  },
  {
    argv: ["cp", "a.txt"],
    err: "cp: missing destination file operand after 'a.txt'\nTry 'cp --help' for more information.\n",
    exit: 1,
    flavour: "gnu",
  },
]);

describe("cp, mv, ln", () => {
  it("cp -r copies a tree; mv moves into a directory", () => {
    const r = run(cp("gnu"), ["cp", "-r", "d", "e"], { files: F });
    expect(r.fs.read("/root/e/x")).toBe("x");
    const m = run(mv("gnu"), ["mv", "a.txt", "d"], { fs: r.fs });
    expect(m.exit).toBe(0);
    expect(r.fs.read("/root/d/a.txt")).toBe("hello\n");
    expect(r.fs.exists("/root/a.txt")).toBe(false);
  });
  it("ln -s makes a copy (the FileSystem has no links)", () => {
    const r = run(ln("gnu"), ["ln", "-s", "/root/a.txt", "/tmp/link"], { files: F });
    expect(r.exit).toBe(0);
    expect(r.fs.read("/tmp/link")).toBe("hello\n");
  });
});

table("chmod", chmod, [
  { argv: ["chmod", "755", "a.txt"] },
  { argv: ["chmod", "-R", "u+x,go-w", "d"] },
  {
    argv: ["chmod", "zz", "a.txt"],
    err: "chmod: invalid mode: 'zz'\nTry 'chmod --help' for more information.\n",
    exit: 1,
    flavour: "gnu",
  },
  {
    argv: ["chmod", "644", "nope"],
    err: "chmod: cannot access 'nope': No such file or directory\n",
    exit: 1,
    flavour: "gnu",
  },
]);

describe("mkdir -m in a container", () => {
  it("gives the new directory exactly the mode, its parents the default (local-path's setup script)", async () => {
    const { TestCluster } = await import("../../../testing/test-cluster");
    const t = new TestCluster({
      setup: (c) =>
        c.api.create({
          apiVersion: "v1",
          kind: "Node",
          metadata: { name: "n1" },
          status: {
            capacity: { cpu: "4", memory: "8Gi", pods: "110" },
            allocatable: { cpu: "4", memory: "8Gi", pods: "110" },
          },
        }),
    });
    t.kubectl(`run b --image=busybox -- sh -c "mkdir -m 0777 -p /x/y && ls -ld /x /x/y && sleep 3600"`);
    t.advance(10);
    const out = t.kubectl("logs b").stdout;
    expect(out).toMatch(/^drwxr-xr-x .* \/x\n/);
    expect(out).toMatch(/\ndrwxrwxrwx .* \/x\/y\n$/);
  });
});
