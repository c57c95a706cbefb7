/**
 * busybox 1.36's applets as busybox images run them: tables per applet, rows ported from
 * busybox's testsuite (testsuite/NAME.tests, named at each table) or taken from the C source's
 * formats (named there).
 */
import { describe, expect, it } from "vitest";
import { MemFs } from "../../kubelet/memfs";
import type { NodeFileSystem } from "../../node/fs";
import type { FileInfo, FileSystem, ProcessInfo, Program } from "../interface";
import { bbArch, bbCmp, bbGroups, bbTime, bbTruncate } from "./bbextra";
import { bbGzip } from "./bbgzip";
import { busyboxTop, busyboxUptime, busyboxWatch } from "./bbload";
import { bbIfconfig, bbNetstat, bbRoute } from "./bbnet";
import { bbMan, bbPager } from "./bbpager";
import { clear, nohup, sync, tty, usleep } from "./bbsmall";
import { bbComm, bbFold, bbNl, bbPaste, bbRev, bbTac } from "./bbtext";
import { bbTree } from "./bbtree";
import { bbUnzip } from "./bbunzip";
import { ALPINE_WITHOUT, BUSYBOX_DEFCONFIG_APPLETS } from "./busyboxapplets";
import { chown } from "./chown";
import { diff } from "./diff";
import { hexdump, xxd } from "./hexdump";
import { ls } from "./ls";
import { od } from "./od";
import { mktemp, readlink, realpath } from "./paths";
import { killall, pgrep, pidof, pkill } from "./pgrep";
import { telnet, traceroute } from "./remote";
import { run, TEST_NOW, testFs, testSystem } from "./testing";
import { BUSYBOX_APPLETS, busyboxUserland } from "./userland";
import { zip } from "./zip";

/** One row: argv, input, and what busybox prints. */
interface Row {
  argv: string[];
  stdin?: string;
  files?: Record<string, string>;
  out?: string;
  err?: string;
  exit?: number;
}

/** Runs each row of a table through a busybox-flavoured applet. */
function table(name: string, applet: (f: "busybox") => Program, rows: Row[]): void {
  describe(name, () => {
    for (const r of rows)
      it(r.argv.join(" "), () => {
        const res = run(applet("busybox"), r.argv, { stdin: r.stdin, files: r.files });
        if (r.out !== undefined) expect(res.stdout).toBe(r.out);
        expect(res.stderr).toBe(r.err ?? "");
        expect(res.exit).toBe(r.exit ?? 0);
      });
  });
}

const USAGE = (line: string) =>
  `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${line}\n`;

describe("the applet list", () => {
  it("is docker-library's busybox:1.36 build: 403 applets", () => {
    expect(BUSYBOX_DEFCONFIG_APPLETS.length).toBe(403);
    for (const n of ["pidof", "pgrep", "hexdump", "tree", "bc", "vi", "ash"])
      expect(BUSYBOX_DEFCONFIG_APPLETS).toContain(n);
    for (const n of ["ss", "curl", "column", "join", "file", "zip", "getent"])
      expect(BUSYBOX_DEFCONFIG_APPLETS).not.toContain(n);
  });
  it("registers only applets that build has, all of them present in /bin", () => {
    for (const n of BUSYBOX_APPLETS) expect(BUSYBOX_DEFCONFIG_APPLETS, n).toContain(n);
    const u = busyboxUserland();
    for (const n of BUSYBOX_APPLETS) expect(u.lookup(n, `/bin/${n}`), n).toBeDefined();
  });
  it("leaves out what Alpine's configuration leaves out", () => {
    const alpine = busyboxUserland(undefined, ALPINE_WITHOUT);
    expect(alpine.lookup("telnet", "/bin/telnet")).toBeUndefined();
    expect(alpine.lookup("man", "/bin/man")).toBeUndefined();
    expect(alpine.lookup("pidof", "/bin/pidof")).toBeDefined();
  });
});

// testsuite/hexdump.tests; the -C layout and the other option formats from util-linux/hexdump.c.
table("hexdump", hexdump, [
  {
    argv: ["hexdump", "-C"],
    stdin: "\0\0\0\0",
    out: "00000000  00 00 00 00                                       |....|\n00000004\n",
  },
  {
    argv: ["hexdump", "-e", '1/1 "%02x|"1/1 "%02x!\\n"'],
    stdin: "\0".repeat(11),
    out: "00|00!\n*\n00|  !\n",
  },
  { argv: ["hexdump", "-e", '1/1 "%02x|"1/1 "%02x!\\n"'], stdin: "\0".repeat(12), out: "00|00!\n*\n" },
  {
    argv: ["hexdump", "-C"],
    stdin: "hello world, this is a test\n",
    out: "00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  |hello world, thi|\n00000010  73 20 69 73 20 61 20 74  65 73 74 0a              |s is a test.|\n0000001c\n",
  },
  { argv: ["hexdump"], stdin: "hi\n", out: `0000000 6968 000a${" ".repeat(30)}\n0000003\n` },
  { argv: ["hexdump", "-b"], stdin: "AB", out: `0000000 101 102${" ".repeat(56)}\n0000002\n` },
  {
    argv: ["hexdump", "-C", "-n", "2", "-s", "1"],
    stdin: "abcd",
    out: `00000001  62 63${" ".repeat(43)}  |bc|\n00000003\n`,
  },
  { argv: ["hexdump", "-C"], stdin: "", out: "" },
  {
    argv: ["hexdump", "-C"],
    stdin: "a".repeat(48),
    out: `00000000  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  |aaaaaaaaaaaaaaaa|\n*\n00000030\n`,
  },
  { argv: ["hd", "/f"], files: { "/f": "x" }, out: `00000000  78${" ".repeat(46)}  |x|\n00000001\n` },
  { argv: ["hexdump", "-e", '"%z"'], stdin: "x", err: "hexdump: bad conversion character %z\n", exit: 1 },
  { argv: ["hexdump", "/nope"], err: "hexdump: /nope: No such file or directory\n", exit: 1, out: "" },
  {
    argv: ["hexdump", "-Z"],
    err: `hexdump: invalid option -- 'Z'\n${USAGE("hexdump [-bcdoxCv] [-e FMT] [-f FMT_FILE] [-n LEN] [-s OFS] [FILE]...")}`,
    exit: 1,
  },
]);

// testsuite/xxd.tests (the -p rows; -r is not written); the default layout from hexdump_xxd.c.
table("xxd", xxd, [
  { argv: ["xxd", "-p"], stdin: "\0", out: "00\n" },
  { argv: ["xxd", "-p"], stdin: "\0".repeat(30), out: `${"0".repeat(60)}\n` },
  { argv: ["xxd", "-p"], stdin: "\0".repeat(31), out: `${"0".repeat(60)}\n00\n` },
  {
    argv: ["xxd"],
    stdin: "hello world, this is a test\n",
    out: "00000000: 6865 6c6c 6f20 776f 726c 642c 2074 6869  hello world, thi\n00000010: 7320 6973 2061 2074 6573 740a            s is a test.\n",
  },
  { argv: ["xxd", "-i"], stdin: "hi\n", out: "  0x68, 0x69, 0x0a,\n" },
  {
    argv: ["xxd", "-g", "1", "-c", "4"],
    stdin: "abcde",
    out: "00000000: 61 62 63 64  abcd\n00000004: 65           e\n",
  },
]);

// testsuite/od.tests, and od_bloaty.c's formats.
table("od", od, [
  { argv: ["od", "-b"], stdin: "HELLO", out: "0000000 110 105 114 114 117\n0000005\n" },
  { argv: ["od", "-f"], stdin: "\0".repeat(8), out: "0000000   0.0000000e+00   0.0000000e+00\n0000010\n" },
  { argv: ["od", "-b", "--traditional"], stdin: "HELLO", out: "0000000 110 105 114 114 117\n0000005\n" },
  {
    argv: ["od", "-b", "--traditional", "/input"],
    files: { "/input": "HELLO" },
    out: "0000000 110 105 114 114 117\n0000005\n",
  },
  { argv: ["od"], stdin: "hi\n", out: "0000000 064550 000012\n0000003\n" },
  { argv: ["od", "-c"], stdin: "hi\n\t\u0001", out: "0000000   h   i  \\n  \\t 001\n0000005\n" },
  { argv: ["od", "-An", "-tx1"], stdin: "hello\n", out: " 68 65 6c 6c 6f 0a\n" },
  { argv: ["od", "-a"], stdin: "a b\n", out: "0000000   a  sp   b  nl\n0000004\n" },
  { argv: ["od", "-tx1z"], stdin: "hi", out: `0000000 68 69${" ".repeat(42)}  >hi<\n0000002\n` },
  { argv: ["od", "-t", "q"], stdin: "", err: "od: invalid character 'q' in type string 'q'\n", exit: 1 },
]);

/** A system whose processes are these. */
function withProcs(procs: ProcessInfo[], self = 99) {
  const sys = testSystem();
  return { ...sys, processes: () => procs, pid: () => self };
}

const PROCS: ProcessInfo[] = [
  { pid: 1, user: "root", command: "sleep 3600", startedMs: TEST_NOW - 60_000 },
  {
    pid: 7,
    user: "root",
    command: "sh -c while true; do sleep 1; done",
    argv: ["sh", "-c", "while true; do sleep 1; done"],
    startedMs: TEST_NOW - 5_000,
  },
  { pid: 12, user: "root", command: "sleep 1", startedMs: TEST_NOW },
  {
    pid: 20,
    user: "root",
    command: "/usr/sbin/nginx -g daemon off;",
    argv: ["/usr/sbin/nginx", "-g", "daemon off;"],
    startedMs: TEST_NOW,
  },
];

/** Runs a process applet over PROCS; returns what it printed and whom it signalled. */
function procRun(applet: Program, argv: string[]) {
  const sys = withProcs(PROCS);
  const killed: Array<{ pid: number; signal: string }> = [];
  const r = run(applet, argv, {
    sys: {
      ...sys,
      kill: (pid, signal) => {
        if (!PROCS.some((p) => p.pid === pid)) return false;
        killed.push({ pid, signal });
        return true;
      },
    } as typeof sys,
  });
  return { out: r.stdout, err: r.stderr, exit: r.exit, killed };
}

// procps/pidof.c (testsuite/pidof.tests: exit 1 when nothing matches) over libbb find_pid_by_name.
describe("pidof", () => {
  const rows: Array<[string[], string, number]> = [
    [["pidof", "sleep"], "12 1\n", 0],
    [["pidof", "-s", "sleep"], "12\n", 0],
    [["pidof", "-o", "12", "sleep"], "1\n", 0],
    [["pidof", "nginx"], "20\n", 0],
    [["pidof", "sleep", "sh"], "12 1 7\n", 0],
    [["pidof", "veryunlikelyoccuringbinaryname"], "", 1],
  ];
  for (const [argv, out, exit] of rows)
    it(argv.join(" "), () => expect(procRun(pidof("busybox"), argv)).toMatchObject({ out, exit, err: "" }));
});

// procps/pgrep.c: argv[0] then comm, -f the whole command line, -l/-a, -x, -n/-o, -v.
describe("pgrep and pkill", () => {
  const rows: Array<[string[], string, number]> = [
    [["pgrep", "sleep"], "1\n12\n", 0],
    [["pgrep", "-l", "sleep"], "1 sleep\n12 sleep\n", 0],
    [["pgrep", "-fa", "sleep 1"], "7 sh -c while true; do sleep 1; done\n12 sleep 1\n", 0],
    [["pgrep", "-f", "daemon"], "20\n", 0],
    [["pgrep", "-l", "nginx"], "20 /usr/sbin/nginx\n", 0],
    [["pgrep", "-x", "sleep"], "1\n12\n", 0],
    [["pgrep", "-x", "slee"], "", 1],
    [["pgrep", "-n", "sleep"], "12\n", 0],
    [["pgrep", "-o", "sleep"], "1\n", 0],
    [["pgrep", "-v", "sleep"], "7\n20\n", 0],
    [["pgrep", "^s(h|l)"], "1\n7\n12\n", 0],
    [["pgrep", "-P", "0"], "1\n", 0],
  ];
  for (const [argv, out, exit] of rows)
    it(argv.join(" "), () => expect(procRun(pgrep("busybox"), argv)).toMatchObject({ out, exit, err: "" }));
  it("needs exactly one pattern", () => {
    expect(procRun(pgrep("busybox"), ["pgrep"])).toMatchObject({
      err: USAGE("pgrep [-flanovx] [-s SID|-P PPID|PATTERN]"),
      exit: 1,
    });
  });
  it("pkill signals what pgrep would list, TERM unless -SIGNAL comes first", () => {
    expect(procRun(pkill("busybox"), ["pkill", "sleep"]).killed).toEqual([
      { pid: 1, signal: "TERM" },
      { pid: 12, signal: "TERM" },
    ]);
    // -x: argv[0] `/usr/sbin/nginx` is not all of it, the comm `nginx` is.
    expect(procRun(pkill("busybox"), ["pkill", "-9", "-x", "nginx"]).killed).toEqual([
      { pid: 20, signal: "KILL" },
    ]);
    expect(procRun(pkill("busybox"), ["pkill", "-x", "ngin"]).killed).toEqual([]);
    expect(procRun(pkill("busybox"), ["pkill", "-KILL", "nginx"]).killed).toEqual([
      { pid: 20, signal: "KILL" },
    ]);
    expect(procRun(pkill("busybox"), ["pkill", "-e", "-n", "sleep"])).toMatchObject({
      out: "sleep killed (pid 12)\n",
      killed: [{ pid: 12, signal: "TERM" }],
    });
    expect(procRun(pkill("busybox"), ["pkill", "nothing"])).toMatchObject({ exit: 1, killed: [] });
    expect(procRun(pkill("busybox"), ["pkill", "-l"]).out).toMatch(/^ 1\) HUP\n 2\) INT\n/);
  });
});

// procps/kill.c's killall.
describe("killall", () => {
  it("signals every process of the name, counting the names it found none of", () => {
    expect(procRun(killall("busybox"), ["killall", "sleep"])).toMatchObject({
      exit: 0,
      killed: [
        { pid: 1, signal: "TERM" },
        { pid: 12, signal: "TERM" },
      ],
    });
    expect(procRun(killall("busybox"), ["killall", "-HUP", "nginx"]).killed).toEqual([
      { pid: 20, signal: "HUP" },
    ]);
    expect(procRun(killall("busybox"), ["killall", "a", "b"])).toMatchObject({
      err: "killall: a: no process killed\nkillall: b: no process killed\n",
      exit: 2,
    });
    expect(procRun(killall("busybox"), ["killall", "-q", "a"])).toMatchObject({ err: "", exit: 1 });
    expect(procRun(killall("busybox"), ["killall"])).toMatchObject({
      err: "killall: you need to specify whom to kill\n",
      exit: 1,
    });
    expect(procRun(killall("busybox"), ["killall", "-FOO", "x"])).toMatchObject({
      err: "killall: bad signal name 'FOO'\n",
      exit: 1,
    });
  });
});

/** A file system with symbolic links (NodeFileSystem has none). */
function linkFs(
  links: Record<string, string>,
  files: Record<string, string> = {},
  dirs: string[] = [],
): FileSystem {
  const base = testFs(files, dirs);
  const link = (p: string): FileInfo | undefined =>
    links[p] === undefined ? undefined : { type: "file", size: 0, mode: 0o777, mtimeMs: 0, link: links[p] };
  return {
    isDir: (p) => base.isDir(p),
    isFile: (p) => base.isFile(p),
    exists: (p) => links[p] !== undefined || base.exists(p),
    read: (p) => base.read(p),
    write: (p, t) => base.write(p, t),
    mkdir: (p, parents) => base.mkdir(p, parents),
    remove: (p, r) => base.remove(p, r),
    list: (p) =>
      [
        ...base.list(p),
        ...Object.keys(links)
          .filter((l) => l.slice(0, l.lastIndexOf("/")) === p)
          .map((l) => l.slice(l.lastIndexOf("/") + 1)),
      ].sort(),
    stat: (p) => link(p),
  };
}

// testsuite/readlink.tests and testsuite/realpath.tests, in /root as the working directory.
describe("readlink and realpath", () => {
  const fs = linkFs(
    {
      "/root/testlink": "./readlink_testdir/testfile",
      "/root/link1": "./realpath_testdir/not_file",
      "/root/link2": "./realpath_testdir/not_file/not_dir",
    },
    { "/root/readlink_testdir/testfile": "" },
    ["/root/realpath_testdir"],
  );
  const go = (applet: Program, argv: string[]) => {
    const r = run(applet, argv, { fs: fs as NodeFileSystem, cwd: "/root" });
    return { out: r.stdout, err: r.stderr, exit: r.exit };
  };
  const rows: Array<[Program, string[], string, string, number]> = [
    [readlink("busybox"), ["readlink", "./readlink_testdir/testfile"], "", "", 1],
    [readlink("busybox"), ["readlink", "./testlink"], "./readlink_testdir/testfile\n", "", 0],
    [
      readlink("busybox"),
      ["readlink", "-f", "./readlink_testdir/testfile"],
      "/root/readlink_testdir/testfile\n",
      "",
      0,
    ],
    [readlink("busybox"), ["readlink", "-f", "./testlink"], "/root/readlink_testdir/testfile\n", "", 0],
    [readlink("busybox"), ["readlink", "-f", "./readlink_testdir/readlink_testdir/testlink"], "", "", 1],
    [
      readlink("busybox"),
      ["readlink", "-f", "readlink_testdir/../readlink_testdir/testfile"],
      "/root/readlink_testdir/testfile\n",
      "",
      0,
    ],
    [
      readlink("busybox"),
      ["readlink", "-v", "./readlink_testdir/testfile"],
      "",
      "readlink: ./readlink_testdir/testfile: cannot read link: not a symlink\n",
      1,
    ],
    [realpath("busybox"), ["realpath", "/not_file"], "/not_file\n", "", 0],
    [realpath("busybox"), ["realpath", "/not_file/"], "/not_file\n", "", 0],
    [realpath("busybox"), ["realpath", "//not_file"], "/not_file\n", "", 0],
    [
      realpath("busybox"),
      ["realpath", "/not_dir/not_file"],
      "",
      "realpath: /not_dir/not_file: No such file or directory\n",
      1,
    ],
    [
      realpath("busybox"),
      ["realpath", "realpath_testdir/not_file"],
      "/root/realpath_testdir/not_file\n",
      "",
      0,
    ],
    [
      realpath("busybox"),
      ["realpath", "realpath_testdir/not_dir/not_file"],
      "",
      "realpath: realpath_testdir/not_dir/not_file: No such file or directory\n",
      1,
    ],
    [realpath("busybox"), ["realpath", "link1"], "/root/realpath_testdir/not_file\n", "", 0],
    [realpath("busybox"), ["realpath", "link2"], "", "realpath: link2: No such file or directory\n", 1],
    [realpath("busybox"), ["realpath", "./link1"], "/root/realpath_testdir/not_file\n", "", 0],
    [realpath("busybox"), ["realpath", "./link2"], "", "realpath: ./link2: No such file or directory\n", 1],
  ];
  for (const [applet, argv, out, err, exit] of rows)
    it(argv.join(" "), () => expect(go(applet, argv)).toEqual({ out, err, exit }));
  it("follows links in the middle of a path, relative to the link's directory", () => {
    const f = linkFs({ "/proc/self": "7" }, { "/proc/7/status": "x" });
    expect(
      run(realpath("busybox"), ["realpath", "/proc/self/status"], { fs: f as NodeFileSystem }).stdout,
    ).toBe("/proc/7/status\n");
  });
});

// coreutils/mktemp.c over mkstemp/mkdtemp.
describe("mktemp", () => {
  it("creates tmp.XXXXXX in $TMPDIR or /tmp, a directory with -d, and prints its name", () => {
    const r = run(mktemp("busybox"), ["mktemp"]);
    expect(r.stdout).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{6}\n$/);
    expect(r.fs.isFile(r.stdout.trim())).toBe(true);
    const d = run(mktemp("busybox"), ["mktemp", "-d", "-p", "/root"]);
    expect(d.stdout).toMatch(/^\/root\/tmp\.[A-Za-z0-9]{6}\n$/);
    expect(d.fs.isDir(d.stdout.trim())).toBe(true);
    const rel = run(mktemp("busybox"), ["mktemp", "fooXXXXXX"], { cwd: "/root" });
    expect(rel.stdout).toMatch(/^foo[A-Za-z0-9]{6}\n$/);
    expect(rel.fs.isFile(`/root/${rel.stdout.trim()}`)).toBe(true);
  });
  it("fails as mkstemp does", () => {
    expect(run(mktemp("busybox"), ["mktemp", "/tmp/x"])).toMatchObject({
      stderr: "mktemp: Invalid argument\n",
      exit: 1,
    });
    expect(run(mktemp("busybox"), ["mktemp", "/nodir/xXXXXXX"])).toMatchObject({
      stderr: "mktemp: No such file or directory\n",
      exit: 1,
    });
    expect(run(mktemp("busybox"), ["mktemp", "-q", "/tmp/x"])).toMatchObject({ stderr: "", exit: 1 });
  });
  it("names two files made at the same instant differently", () => {
    const fs = testFs();
    const a = run(mktemp("busybox"), ["mktemp"], { fs }).stdout;
    const b = run(mktemp("busybox"), ["mktemp"], { fs }).stdout;
    expect(a).not.toBe(b);
  });
});

// coreutils/nohup.c, usleep.c, sync.c, tty.c, console-tools/clear.c.
describe("nohup, usleep, sync, tty, clear", () => {
  it("nohup runs the program; without a terminal nothing is redirected", () => {
    const echo: Program = (ctx) => {
      ctx.stdout.write(`${ctx.argv.slice(1).join(" ")}\n`);
      return 0;
    };
    expect(run(nohup("busybox"), ["nohup", "echo", "hi"], { programs: { echo } })).toMatchObject({
      stdout: "hi\n",
      exit: 0,
    });
    expect(run(nohup("busybox"), ["nohup"])).toMatchObject({ stderr: USAGE("nohup PROG ARGS"), exit: 1 });
  });
  it("usleep sleeps N microseconds", () => {
    const r = run(usleep("busybox"), ["usleep", "1500000"]);
    expect(r.exit).toBe(0);
    expect(r.sys.clock.ms - TEST_NOW).toBe(1500);
    expect(run(usleep("busybox"), ["usleep", "x"])).toMatchObject({
      stderr: "usleep: invalid number 'x'\n",
      exit: 1,
    });
  });
  it("sync ignores its arguments, tty says not a tty, clear homes and clears", () => {
    expect(run(sync("busybox"), ["sync", "/x"])).toMatchObject({
      stderr: "sync: ignoring all arguments\n",
      exit: 0,
    });
    expect(run(tty("busybox"), ["tty"])).toMatchObject({ stdout: "not a tty\n", exit: 1 });
    expect(run(tty("busybox"), ["tty", "-s"])).toMatchObject({ stdout: "", exit: 1 });
    expect(run(clear("busybox"), ["clear"]).stdout).toBe("\u001b[H\u001b[J");
  });
});

// testsuite/rev.tests.
table("rev", bbRev, [
  { argv: ["rev", "/input"], files: { "/input": "line 1\n\nline 3\n" }, out: "1 enil\n\n3 enil\n" },
  { argv: ["rev", "/input"], files: { "/input": "line 1\n\nline 3" }, out: "1 enil\n\n3 enil" },
  { argv: ["rev", "/nope"], out: "", err: "rev: /nope: No such file or directory\n", exit: 1 },
  { argv: ["rev", "-x"], err: `rev: invalid option -- 'x'\n${USAGE("rev [FILE]...")}`, exit: 1 },
]);

// coreutils/tac.c: files read last to first, no options.
table("tac", bbTac, [
  { argv: ["tac"], stdin: "a\nb\nc\n", out: "c\nb\na\n" },
  { argv: ["tac", "/a", "/b"], files: { "/a": "1\n2\n", "/b": "3\n" }, out: "2\n1\n3\n" },
  { argv: ["tac"], stdin: "a\nb", out: "ba\n" },
  { argv: ["tac", "/nope"], out: "", err: "tac: /nope: No such file or directory\n", exit: 1 },
]);

// testsuite/nl.tests, and print_numbered_lines' numbering across files.
table("nl", bbNl, [
  {
    argv: ["nl", "-b", "a", "/input"],
    files: { "/input": "line 1\n\nline 3\n" },
    out: "     1\tline 1\n     2\t\n     3\tline 3\n",
  },
  {
    argv: ["nl", "-b", "t", "/input"],
    files: { "/input": "line 1\n\nline 3\n" },
    out: "     1\tline 1\n       \n     2\tline 3\n",
  },
  {
    argv: ["nl", "-b", "n", "/input"],
    files: { "/input": "line 1\n\nline 3\n" },
    out: "       line 1\n       \n       line 3\n",
  },
  { argv: ["nl", "/a", "/a"], files: { "/a": "x\n" }, out: "     1\tx\n     2\tx\n" },
  { argv: ["nl", "-w", "2", "-s", ": ", "-v", "5", "-i", "5"], stdin: "a\nb", out: " 5: a\n10: b\n" },
  { argv: ["nl", "-w", "x"], err: "nl: invalid number 'x'\n", exit: 1 },
]);

// testsuite/paste/*.
table("paste", bbPaste, [
  {
    argv: ["paste", "/foo", "/bar"],
    files: { "/foo": "foo1\nfoo2\nfoo3\n", "/bar": "bar1\nbar2\nbar3\n" },
    out: "foo1\tbar1\nfoo2\tbar2\nfoo3\tbar3\n",
  },
  {
    argv: ["paste", "-d", "\\0", "/a", "/b"],
    files: { "/a": "this is the f\n", "/b": "irst line\n" },
    out: "this is the first line\n",
  },
  {
    argv: ["paste", "-", "-", "-"],
    stdin: "line1\nline2\nline3\nline4\nline5\nline6\n",
    out: "line1\tline2\tline3\nline4\tline5\tline6\n",
  },
  {
    argv: ["paste", "-s", "-d", "\\t\\n", "/foo"],
    files: { "/foo": "foo1\nbar1\nfoo2\nbar2\nfoo3\n" },
    out: "foo1\tbar1\nfoo2\tbar2\nfoo3\n",
  },
  { argv: ["paste", "/a", "/b"], files: { "/a": "1\n2\n", "/b": "x\n" }, out: "1\tx\n2\t" },
  { argv: ["paste", "-d", "", "/a"], files: { "/a": "" }, err: "paste: -d '' is not supported\n", exit: 1 },
  { argv: ["paste", "/nope"], err: "paste: /nope: No such file or directory\n", exit: 1 },
]);

// testsuite/fold.tests (the ASCII rows), and xatou_range's messages.
table("fold", bbFold, [
  { argv: ["fold", "-w", "7", "-s"], stdin: "123456\tasdf", out: "123456\n\t\nasdf" },
  {
    argv: ["fold", "-w1"],
    stdin: "qq w eee r tttt y",
    out: "q\nq\n \nw\n \ne\ne\ne\n \nr\n \nt\nt\nt\nt\n \ny",
  },
  { argv: ["fold", "-3"], stdin: "abcdefg\n", out: "abc\ndef\ng\n" },
  { argv: ["fold", "-w", "0"], err: "fold: number 0 is not in 1..10000 range\n", exit: 1 },
  { argv: ["fold", "-w", "x"], err: "fold: invalid number 'x'\n", exit: 1 },
]);

// testsuite/comm.tests, and xfopen's message.
table("comm", bbComm, [
  {
    argv: ["comm", "/input", "-"],
    files: { "/input": "456\nabc\n" },
    stdin: "123\ndef\n",
    out: "\t123\n456\nabc\n\tdef\n",
  },
  {
    argv: ["comm", "-", "/input"],
    files: { "/input": "456\nabc\n" },
    stdin: "123\ndef\n",
    out: "123\n\t456\n\tabc\ndef\n",
  },
  {
    argv: ["comm", "/input", "-"],
    files: { "/input": "abc\nxyz\n" },
    stdin: "def\n",
    out: "abc\n\tdef\nxyz\n",
  },
  {
    argv: ["comm", "/input", "-"],
    files: { "/input": "123\nabc\n" },
    stdin: "def\n",
    out: "123\nabc\n\tdef\n",
  },
  { argv: ["comm", "/input", "-"], files: { "/input": "abc" }, stdin: "def", out: "abc\n\tdef\n" },
  { argv: ["comm", "-12", "/a", "/b"], files: { "/a": "a\nb\n", "/b": "b\nc\n" }, out: "b\n" },
  { argv: ["comm", "/a"], files: { "/a": "" }, err: USAGE("comm [-123] FILE1 FILE2"), exit: 1 },
  {
    argv: ["comm", "/a", "/nope"],
    files: { "/a": "" },
    err: "comm: can't open '/nope': No such file or directory\n",
    exit: 1,
  },
]);

// testsuite/diff.tests (the first rows; the headers carry no times in 1.36), and xstat's message.
table("diff", diff, [
  {
    argv: ["diff", "-u", "-", "/input"],
    files: { "/input": "qwe\nasd\nzxc\n" },
    stdin: "asd\n",
    out: "--- -\n+++ /input\n@@ -1 +1,3 @@\n+qwe\n asd\n+zxc\n",
    exit: 1,
  },
  {
    argv: ["diff", "-u", "-", "/input"],
    files: { "/input": "qwe\nasd\nzxc" },
    stdin: "asd\n",
    out: "--- -\n+++ /input\n@@ -1 +1,3 @@\n+qwe\n asd\n+zxc\n\\ No newline at end of file\n",
    exit: 1,
  },
  { argv: ["diff", "-", "-"], stdin: "stdin", out: "", exit: 0 },
  {
    argv: ["diff", "-u", "-", "/input"],
    files: { "/input": "" },
    stdin: "a\n",
    out: "--- -\n+++ /input\n@@ -1 +0,0 @@\n-a\n",
    exit: 1,
  },
  {
    argv: ["diff", "-u", "-", "/input"],
    files: { "/input": "a\n" },
    stdin: "",
    out: "--- -\n+++ /input\n@@ -0,0 +1 @@\n+a\n",
    exit: 1,
  },
  {
    argv: ["diff", "-ub", "-", "/input"],
    files: { "/input": "a \t c\n" },
    stdin: "a\t \tc\n",
    out: "",
    exit: 0,
  },
  {
    argv: ["diff", "/a", "/b"],
    files: { "/a": "a\n", "/b": "b\n" },
    out: "--- /a\n+++ /b\n@@ -1 +1 @@\n-a\n+b\n",
    exit: 1,
  },
  {
    argv: ["diff", "-L", "old", "-L", "new", "/a", "/b"],
    files: { "/a": "a\n", "/b": "b\n" },
    out: "--- old\n+++ new\n@@ -1 +1 @@\n-a\n+b\n",
    exit: 1,
  },
  {
    argv: ["diff", "/a", "/nope"],
    files: { "/a": "" },
    err: "diff: can't stat '/nope': No such file or directory\n",
    exit: 2,
  },
  {
    argv: ["diff", "/a"],
    files: { "/a": "" },
    err: USAGE("diff [-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2"),
    exit: 1,
  },
]);

// archival/bbunzip.c and gzip.c (testsuite/gunzip/gunzip-reads-from-standard-input: a round trip).
describe("gzip, gunzip, zcat", () => {
  it("packs and unpacks, replacing the file unless -k or -c", () => {
    const fs = testFs({ "/d/a": "hello\n" });
    expect(run(bbGzip("busybox"), ["gzip", "/d/a"], { fs }).exit).toBe(0);
    expect(fs.list("/d")).toEqual(["a.gz"]);
    expect(run(bbGzip("busybox"), ["zcat", "/d/a.gz"], { fs }).stdout).toBe("hello\n");
    expect(run(bbGzip("busybox"), ["gunzip", "/d/a.gz"], { fs }).exit).toBe(0);
    expect(fs.read("/d/a")).toBe("hello\n");
    const packed = run(bbGzip("busybox"), ["gzip", "-c"], { stdin: "x\n" }).stdout;
    expect(run(bbGzip("busybox"), ["gunzip"], { stdin: packed }).stdout).toBe("x\n");
  });
  it("words its failures as bbunpack does", () => {
    const fs = testFs({ "/d/a": "x", "/d/a.gz": "", "/d/b.txt": "x", "/d/c.gz": "plain" });
    expect(run(bbGzip("busybox"), ["gzip", "/d/a"], { fs })).toMatchObject({
      stderr: "gzip: can't open '/d/a.gz': File exists\n",
      exit: 1,
    });
    expect(run(bbGzip("busybox"), ["gunzip", "/d/b.txt"], { fs })).toMatchObject({
      stderr: "gunzip: /d/b.txt: unknown suffix - ignored\n",
      exit: 1,
    });
    expect(run(bbGzip("busybox"), ["gunzip", "/d/c.gz"], { fs })).toMatchObject({
      stderr: "gunzip: invalid magic\n",
      exit: 1,
    });
    expect(run(bbGzip("busybox"), ["zcat", "/d/c.gz"], { fs })).toMatchObject({
      stderr: "zcat: no gzip/bzip2/xz magic\n",
      exit: 1,
    });
    expect(run(bbGzip("busybox"), ["gzip", "/nope"], { fs })).toMatchObject({
      stderr: "gzip: /nope: No such file or directory\n",
      exit: 1,
    });
  });
});

// miscutils/less.c, util-linux/more.c (bb_cat without a terminal), miscutils/man.c.
describe("less, more, man", () => {
  it("pages to cat when there is no terminal", () => {
    expect(run(bbPager("busybox"), ["less", "-N", "/f"], { files: { "/f": "x\n" } }).stdout).toBe("x\n");
    expect(run(bbPager("busybox"), ["more"], { stdin: "y\n" }).stdout).toBe("y\n");
    expect(run(bbPager("busybox"), ["less", "/nope"])).toMatchObject({
      stderr: "less: can't open '/nope': No such file or directory\n",
      exit: 1,
    });
  });
  it("man has no pages", () => {
    expect(run(bbMan("busybox"), ["man", "5", "crontab"])).toMatchObject({
      stderr: "man: no manual entry for 'crontab'\n",
      exit: 1,
    });
    expect(run(bbMan("busybox"), ["man"])).toMatchObject({
      stderr: USAGE("man [-aw] [SECTION] MANPAGE[.SECTION]..."),
      exit: 1,
    });
  });
});

// testsuite/tree.tests.
describe("tree", () => {
  it("draws what tree.tests draws", () => {
    expect(run(bbTree("busybox"), ["tree", "tree.tempdir"], { cwd: "/root" }).stdout).toBe(
      "tree.tempdir [error opening dir]\n\n0 directories, 0 files\n",
    );
    expect(run(bbTree("busybox"), ["tree"], { cwd: "/t", files: { "/t/testfile": "" } }).stdout).toBe(
      ".\n└── testfile\n\n0 directories, 1 files\n",
    );
    const fs = linkFs(
      { "/t/test2/a/testfile4": "../b/testfile4", "/t/test2/b/test3": "../../test3" },
      {
        "/t/test2/a/testfile1": "",
        "/t/test2/a/testfile2": "",
        "/t/test2/a/testfile3": "",
        "/t/test2/b/testfile4": "",
        "/t/test3/c/testfile5": "",
        "/t/test3/d/testfile6": "",
        "/t/test3/d/.testfile7": "",
      },
      ["/t/test1"],
    );
    expect(run(bbTree("busybox"), ["tree"], { fs: fs as NodeFileSystem, cwd: "/t" }).stdout).toBe(
      ".\n├── test1\n├── test2\n│   ├── a\n│   │   ├── testfile1\n│   │   ├── testfile2\n│   │   ├── testfile3\n│   │   └── testfile4 -> ../b/testfile4\n│   └── b\n│       ├── test3 -> ../../test3\n│       └── testfile4\n└── test3\n    ├── c\n    │   └── testfile5\n    └── d\n        └── testfile6\n\n7 directories, 8 files\n",
    );
  });
});

// archival/unzip.c (testsuite/unzip.tests: a directory member alone).
describe("unzip", () => {
  it("extracts, lists and refuses as busybox does", () => {
    const fs = testFs({ "/w/foo/bar": "" });
    run(zip("gnu"), ["zip", "foo.zip", "foo", "foo/bar"], { fs, cwd: "/w" });
    fs.remove("/w/foo", true);
    expect(run(bbUnzip("busybox"), ["unzip", "-q", "foo.zip", "foo/"], { fs, cwd: "/w" })).toMatchObject({
      stdout: "",
      exit: 0,
    });
    expect(fs.isDir("/w/foo") && !fs.isFile("/w/foo/bar")).toBe(true);
    fs.remove("/w/foo", true);
    expect(run(bbUnzip("busybox"), ["unzip", "foo"], { fs, cwd: "/w" }).stdout).toBe(
      "Archive:  foo.zip\n   creating: foo/\n  inflating: foo/bar\n",
    );
    expect(run(bbUnzip("busybox"), ["unzip", "-l", "foo.zip"], { fs, cwd: "/w" }).stdout).toMatch(
      /^Archive: {2}foo\.zip\n {2}Length {6}Date {4}Time {4}Name\n-{9} {2}-{10} -{5} {3}-{4}\n {8}0 {2}\d\d-\d\d-\d{4} \d\d:\d\d {3}foo\/\n {8}0 {2}\d\d-\d\d-\d{4} \d\d:\d\d {3}foo\/bar\n -{8} {21}-{7}\n {8}0 {21}2 files\n$/,
    );
    expect(run(bbUnzip("busybox"), ["unzip", "foo.zip"], { fs, cwd: "/w" })).toMatchObject({
      stdout: "Archive:  foo.zip\nreplace foo/bar? [y]es, [n]o, [A]ll, [N]one, [r]ename: ",
      stderr: "unzip: can't read standard input\n",
      exit: 1,
    });
    expect(run(bbUnzip("busybox"), ["unzip", "nope"], { fs, cwd: "/w" })).toMatchObject({
      stderr: "unzip: can't open nope[.zip]\n",
      exit: 1,
    });
  });
});

// procps/uptime.c, procps/top.c (batch mode), procps/watch.c.
describe("uptime, top, watch", () => {
  const files = {
    "/proc/uptime": "3723.45 7000.00\n",
    "/proc/loadavg": "0.08 0.03 0.01 1/2 16\n",
    "/proc/meminfo":
      "MemTotal:        8000000 kB\nMemFree:         6000000 kB\nBuffers:            1000 kB\nCached:           200000 kB\nShmem:              2000 kB\n",
  };
  it("uptime reads the kernel's uptime and loads, with utmp's 0 users", () => {
    expect(run(busyboxUptime("busybox"), ["uptime"], { files }).stdout).toBe(
      " 04:05:06 up  1:02,  0 users,  load average: 0.08, 0.03, 0.01\n",
    );
    expect(run(busyboxUptime("busybox"), ["uptime", "-s"], { files }).stdout).toBe("2026-01-03 03:03:03\n");
  });
  it("top -b -n 1 prints one screen in busybox's layout", () => {
    const sys = withProcs(PROCS.slice(0, 2));
    expect(run(busyboxTop("busybox"), ["top", "-b", "-n", "1"], { files, sys }).stdout).toBe(
      "Mem: 2000000K used, 6000000K free, 2000K shrd, 1000K buff, 200000K cached\nCPU:  0.0% usr  0.0% sys  0.0% nic  100% idle  0.0% io  0.0% irq  0.0% sirq\nLoad average: 0.08 0.03 0.01 1/2 16\n  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n    1     0 root     S          0  0.0   0  0.0 sleep 3600\n    7     1 root     S          0  0.0   0  0.0 sh -c while true; do sleep 1; done\n",
    );
    expect(run(busyboxTop("busybox"), ["top", "bn1"], { files, sys }).stdout).toMatch(/^Mem: /);
  });
  it("watch prints its header with the date at the right", () => {
    const echo: Program = (ctx) => {
      ctx.stdout.write("hi\n");
      return 0;
    };
    const r = run(busyboxWatch("busybox"), ["watch", "-n", "1", "echo", "hi"], {
      maxWaits: 2,
      programs: { sh: echo },
    });
    const header = `${"Every 1.0s: echo hi".padEnd(60)}2026-01-03 04:05:06`;
    expect(r.stdout.startsWith(`\u001b[H\u001b[J${header}\n\n`)).toBe(true);
  });
});

// networking/interface.c (ife_print) and networking/netstat.c.
describe("ifconfig and netstat", () => {
  it("ifconfig shows eth0 and lo in the net-tools 1.60 layout", () => {
    const out = run(bbIfconfig("busybox"), ["ifconfig"]).stdout;
    expect(out).toMatch(
      /^eth0 {6}Link encap:Ethernet {2}HWaddr ([0-9A-F]{2}:){5}[0-9A-F]{2} {2}\n {10}inet addr:10\.244\.1\.5 {2}Bcast:10\.244\.1\.255 {2}Mask:255\.255\.255\.0\n {10}inet6 addr: fe80::[0-9a-f:]+\/64 Scope:Link\n {10}UP BROADCAST RUNNING MULTICAST {2}MTU:1450 {2}Metric:1\n/,
    );
    expect(out).toContain(
      "lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          inet6 addr: ::1/128 Scope:Host\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n",
    );
    expect(run(bbIfconfig("busybox"), ["ifconfig", "eth9"])).toMatchObject({
      stderr: "ifconfig: eth9: error fetching interface information: Device not found\n",
      exit: 1,
    });
  });
  it("netstat prints busybox's headers, the UNIX section by default", () => {
    expect(run(bbNetstat("busybox"), ["netstat", "-tln"]).stdout).toBe(
      "Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n",
    );
    expect(run(bbNetstat("busybox"), ["netstat"]).stdout).toBe(
      "Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \nActive UNIX domain sockets (w/o servers)\nProto RefCnt Flags       Type       State         I-Node Path\n",
    );
  });
});

// networking/telnet.c and traceroute.c.
describe("telnet and traceroute", () => {
  it("telnet says Connected to HOST and ends with its input", () => {
    const r = run(telnet("busybox"), ["telnet", "10.96.12.34", "80"]);
    expect(r).toMatchObject({ stdout: "Connected to 10.96.12.34\n", exit: 0 });
    expect(run(telnet("busybox"), ["telnet", "no-such-host"])).toMatchObject({
      stderr: "telnet: bad address 'no-such-host'\n",
      exit: 1,
    });
    expect(run(telnet("busybox"), ["telnet"]).stderr).toBe(USAGE("telnet [-a] [-l USER] HOST [PORT]"));
  });
  it("traceroute's header counts its 46-byte packets", () => {
    expect(run(traceroute("busybox"), ["traceroute", "-n", "10.96.12.34"]).stdout).toMatch(
      /^traceroute to 10\.96\.12\.34 \(10\.96\.12\.34\), 30 hops max, 46 byte packets\n/,
    );
  });
});

// coreutils/chown.c, chgrp.c and libpwdgrp/uidgid_get.c (busybox); coreutils' chown.c wording.
describe("chown and chgrp", () => {
  const world = () => {
    const fs = new MemFs();
    fs.mkdir("/etc");
    fs.write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nwww:x:33:33:www:/var/www:/bin/false\n");
    fs.write("/etc/group", "root:x:0:\nwww:x:33:\napp:x:1000:\n");
    fs.mkdir("/data");
    fs.mkdir("/data/sub");
    fs.write("/data/sub/f", "x");
    return fs;
  };
  const owners = (fs: MemFs, path: string) => [fs.stat(path)?.uid ?? 0, fs.stat(path)?.gid ?? 0];
  it("sets owner and group by name or number, -R depth first", () => {
    const fs = world();
    expect(
      run(chown("busybox"), ["chown", "-R", "1000:1000", "/data"], { fs: fs as unknown as NodeFileSystem })
        .exit,
    ).toBe(0);
    for (const p of ["/data", "/data/sub", "/data/sub/f"]) expect(owners(fs, p)).toEqual([1000, 1000]);
    run(chown("busybox"), ["chown", "www", "/data"], { fs: fs as unknown as NodeFileSystem });
    expect(owners(fs, "/data")).toEqual([33, 1000]);
    run(chown("busybox"), ["chown", "root:", "/data"], { fs: fs as unknown as NodeFileSystem });
    expect(owners(fs, "/data")).toEqual([0, 0]);
    run(chown("busybox"), ["chgrp", "app", "/data"], { fs: fs as unknown as NodeFileSystem });
    expect(owners(fs, "/data")).toEqual([0, 1000]);
    expect(
      run(chown("busybox"), ["chown", "-v", "www.www", "/data"], { fs: fs as unknown as NodeFileSystem })
        .stdout,
    ).toBe("changed ownership of '/data' to 33:33\n");
    expect(
      run(ls("busybox"), ["ls", "-ld", "/data"], { fs: fs as unknown as NodeFileSystem }).stdout,
    ).toMatch(/^drwxr-xr-x +\d+ www +www /);
    expect(
      run(ls("busybox"), ["ls", "-lnd", "/data"], { fs: fs as unknown as NodeFileSystem }).stdout,
    ).toMatch(/^drwxr-xr-x +\d+ 33 +33 /);
  });
  it("refuses what busybox refuses, in its words", () => {
    const fs = world() as unknown as NodeFileSystem;
    const rows: Array<[string[], string, number]> = [
      [["chown", "nobody", "/data"], "chown: unknown user nobody\n", 1],
      [["chown", "www:nogroup", "/data"], "chown: unknown user/group www:nogroup\n", 1],
      [["chgrp", "nogroup", "/data"], "chown: unknown group nogroup\n".replace("chown", "chgrp"), 1],
      [["chown", "1000", "/nope"], "chown: /nope: No such file or directory\n", 1],
      [["chown", "1000"], USAGE("chown [-RhLHPcvf]... USER[:[GRP]] FILE..."), 1],
    ];
    for (const [argv, err, exit] of rows)
      expect(run(chown("busybox"), argv, { fs }), argv.join(" ")).toMatchObject({ stderr: err, exit });
  });
  it("words coreutils' messages for GNU images", () => {
    const fs = world() as unknown as NodeFileSystem;
    expect(run(chown("gnu"), ["chown", "nobody", "/data"], { fs }).stderr).toBe(
      "chown: invalid user: 'nobody'\n",
    );
    expect(run(chown("gnu"), ["chown", "1000", "/nope"], { fs }).stderr).toBe(
      "chown: cannot access '/nope': No such file or directory\n",
    );
    expect(run(chown("gnu"), ["chown", "-v", "www:app", "/data"], { fs }).stdout).toBe(
      "changed ownership of '/data' from root:root to www:app\n",
    );
    expect(run(chown("gnu"), ["chown"], { fs }).stderr).toBe(
      "chown: missing operand\nTry 'chown --help' for more information.\n",
    );
  });
});

// miscutils/time.c, editors/cmp.c, coreutils/truncate.c, id.c (groups), arch.
describe("time, cmp, truncate, groups, arch", () => {
  it("time reports the command's wall time on stderr", () => {
    const nap: Program = (ctx) =>
      (function* () {
        yield { kind: "sleep" as const, ms: 1250 };
        ctx.stdout.write("done\n");
        return 0;
      })();
    const fail: Program = () => 3;
    expect(run(bbTime("busybox"), ["time", "nap"], { programs: { nap } })).toMatchObject({
      stdout: "done\n",
      stderr: "real\t0m 1.25s\nuser\t0m 0.00s\nsys\t0m 0.00s\n",
      exit: 0,
    });
    expect(run(bbTime("busybox"), ["time", "-p", "fail"], { programs: { fail } })).toMatchObject({
      stderr: "Command exited with non-zero status 3\nreal 0.00\nuser 0.00\nsys 0.00\n",
      exit: 3,
    });
    expect(run(bbTime("busybox"), ["time"])).toMatchObject({
      stderr: USAGE("time [-vpa] [-o FILE] PROG ARGS"),
      exit: 1,
    });
  });
  table("cmp", bbCmp, [
    { argv: ["cmp", "/a", "/a"], files: { "/a": "x\ny\n" }, out: "" },
    {
      argv: ["cmp", "/a", "/b"],
      files: { "/a": "x\ny\n", "/b": "x\nz\n" },
      out: "/a /b differ: char 3, line 2\n",
      exit: 1,
    },
    { argv: ["cmp", "-s", "/a", "/b"], files: { "/a": "x", "/b": "y" }, out: "", exit: 1 },
    { argv: ["cmp", "-l", "/a", "/b"], files: { "/a": "ab", "/b": "ac" }, out: "2 142 143\n", exit: 1 },
    {
      argv: ["cmp", "/a", "/b"],
      files: { "/a": "x", "/b": "xy" },
      out: "",
      err: "cmp: EOF on /a\n",
      exit: 1,
    },
    {
      argv: ["cmp", "/a", "/nope"],
      files: { "/a": "" },
      err: "cmp: can't open '/nope': No such file or directory\n",
      exit: 2,
    },
  ]);
  it("truncate cuts or extends, -c creates nothing", () => {
    const fs = testFs({ "/f": "hello" });
    expect(run(bbTruncate("busybox"), ["truncate", "-s", "2", "/f", "/g"], { fs }).exit).toBe(0);
    expect(fs.read("/f")).toBe("he");
    expect(fs.read("/g")).toBe("\0\0");
    expect(run(bbTruncate("busybox"), ["truncate", "-c", "-s", "0", "/h"], { fs }).exit).toBe(0);
    expect(fs.exists("/h")).toBe(false);
    expect(run(bbTruncate("busybox"), ["truncate", "/f"], { fs })).toMatchObject({
      stderr: USAGE("truncate [-c] -s SIZE FILE..."),
      exit: 1,
    });
  });
  it("groups and arch", () => {
    expect(run(bbGroups("busybox"), ["groups"]).stdout).toBe("root\n");
    const sys = {
      ...testSystem(),
      user: () => ({ name: "app", uid: 1000, gid: 3000, groups: "3000,2000(fs)" }),
    };
    expect(run(bbGroups("busybox"), ["groups"], { sys: sys as ReturnType<typeof testSystem> }).stdout).toBe(
      "3000 fs\n",
    );
    expect(run(bbArch("busybox"), ["arch"]).stdout).toBe("x86_64\n");
  });
});

// networking/route.c's bb_displayroutes, for route and netstat -r.
describe("route", () => {
  it("prints the pod's table in /proc/net/route's order", () => {
    expect(run(bbRoute("busybox"), ["route", "-n"]).stdout).toBe(
      "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         10.244.1.1      0.0.0.0         UG    0      0        0 eth0\n10.244.0.0      10.244.1.1      255.255.0.0     UG    0      0        0 eth0\n10.244.1.0      0.0.0.0         255.255.255.0   U     0      0        0 eth0\n",
    );
    expect(run(bbRoute("busybox"), ["route"]).stdout).toContain(
      "\ndefault         10.244.1.1      0.0.0.0         UG    0      0        0 eth0\n",
    );
    expect(run(bbRoute("busybox"), ["route"]).stdout).toContain(
      "\n10.244.1.0      *               255.255.255.0   U     0      0        0 eth0\n",
    );
    expect(run(bbNetstat("busybox"), ["netstat", "-rn"]).stdout).toContain(
      "Flags   MSS Window  irtt Iface\n0.0.0.0         10.244.1.1      0.0.0.0         UG        0 0          0 eth0\n",
    );
    expect(run(bbRoute("busybox"), ["route", "add", "default", "gw", "10.0.0.1"])).toMatchObject({
      stderr: "route: SIOCADDRT: Operation not permitted\n",
      exit: 1,
    });
  });
});
