/**
 * A tiny world for the shell's tests: an in-memory FileSystem, a fake clock that a driver
 * advances on each wait, and a few trivial programs (sleep, cat, env, seq) written here, not the
 * real applets.
 */
import { NodeFileSystem } from "../node/fs";
import type { CommandContext, FileSystem, Proc, Program, System, Userland, Wait } from "./interface";
import { THROTTLE_MS } from "./interface";
import type { Dialect } from "./parse";
import { shellProgram } from "./shell";

/** A system whose clock the test driver moves. */
export interface FakeSystem extends System {
  clock: number;
  signal?: (s: string) => void;
  killed: [number, string][];
}

/** A fake System: pid 1 unless told. */
export function fakeSystem(pid = 1): FakeSystem {
  const sys: FakeSystem = {
    clock: 1_000_000,
    killed: [],
    now: () => sys.clock,
    hostname: () => "pod-1",
    user: () => ({ name: "root", uid: 0, gid: 0 }),
    network: {
      dnsServer: { address: "10.96.0.10", name: "kube-dns.kube-system.svc.cluster.local" },
      resolve: () => undefined,
      reverse: () => undefined,
      connect: () => "refused",
    },
    processes: () => [],
    kill: (p, s) => {
      sys.killed.push([p, s]);
      return p === 4242;
    },
    listen: () => () => {},
    setMemory: () => {},
    onSignal: () => {},
    pid: () => pid,
    onAnySignal: (h) => {
      sys.signal = h;
      return () => {
        sys.signal = undefined;
      };
    },
  };
  return sys;
}

const sleep: Program = (ctx) => {
  const arg = ctx.argv[1] ?? "";
  if (arg === "infinity") {
    return (function* (): Proc {
      for (;;) yield { kind: "forever" };
    })();
  }
  const secs = Number(arg);
  if (!Number.isFinite(secs)) {
    ctx.stderr.write(`sleep: invalid number '${arg}'\n`);
    return 1;
  }
  const end = ctx.sys.now() + secs * 1000;
  return (function* (): Proc {
    while (ctx.sys.now() < end) yield { kind: "sleep", ms: end - ctx.sys.now() };
    return 0;
  })();
};

const cat: Program = (ctx) => {
  const files = ctx.argv.slice(1);
  if (!files.length) {
    ctx.stdout.write(ctx.stdin);
    return 0;
  }
  let st = 0;
  for (const f of files) {
    if (f === "-") {
      ctx.stdout.write(ctx.stdin);
      continue;
    }
    const path = f.startsWith("/") ? f : `${ctx.cwd === "/" ? "" : ctx.cwd}/${f}`;
    try {
      ctx.stdout.write(ctx.fs.read(path));
    } catch {
      ctx.stderr.write(`cat: ${f}: No such file or directory\n`);
      st = 1;
    }
  }
  return st;
};

const env: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length) return ctx.exec(args, ctx.stdin);
  for (const [k, v] of Object.entries(ctx.env).sort()) ctx.stdout.write(`${k}=${v}\n`);
  return 0;
};

const seq: Program = (ctx) => {
  const n = Number(ctx.argv[1]);
  for (let i = 1; i <= n; i++) ctx.stdout.write(`${i}\n`);
  return 0;
};

const tr: Program = (ctx) => {
  const [a = "", b = ""] = ctx.argv.slice(1);
  let out = "";
  for (const c of ctx.stdin) {
    const k = a.indexOf(c);
    out += k < 0 ? c : (b[k] ?? b[b.length - 1] ?? "");
  }
  ctx.stdout.write(out);
  return 0;
};

const wc: Program = (ctx) => {
  const lines = ctx.stdin.split("\n").length - 1;
  ctx.stdout.write(`${lines}\n`);
  return 0;
};

/** The programs of the test userland, found in /bin. */
export function testUserland(kind: Userland["kind"] = "gnu"): Userland {
  const programs: Record<string, Program> = {
    sleep,
    cat,
    env,
    seq,
    tr,
    wc,
    sh: shellProgram(kind === "busybox" ? "ash" : "dash"),
    bash: shellProgram("bash"),
    ash: shellProgram("ash"),
    dash: shellProgram("dash"),
  };
  return {
    kind,
    lookup: (name, path) => (path === `/bin/${name}` ? programs[name] : undefined),
    names: () => Object.keys(programs),
  };
}

/** A file system with /bin, /tmp, /root and the files given. */
export function testFs(files: Record<string, string | [string, number]> = {}): FileSystem {
  const fs = new NodeFileSystem();
  const modes = new Map<string, number>();
  for (const d of ["/bin", "/usr/bin", "/tmp", "/root", "/etc", "/scripts"]) fs.mkdir(d, true);
  for (const [p, v] of Object.entries(files)) {
    const [text, mode] = Array.isArray(v) ? v : [v, 0o644];
    fs.mkdir(p.slice(0, p.lastIndexOf("/")) || "/", true);
    fs.write(p, text);
    modes.set(p, mode);
  }
  const withStat = fs as unknown as FileSystem;
  withStat.stat = (p: string) => {
    if (fs.isDir(p)) return { type: "dir", size: 0, mode: 0o755, mtimeMs: 0 };
    if (fs.isFile(p))
      return { type: "file", size: fs.read(p).length, mode: modes.get(p) ?? 0o644, mtimeMs: 0 };
    return undefined;
  };
  return withStat;
}

/** What a driven run produced. */
export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
  /** Every wait the process yielded, in order, with the output so far when it yielded. */
  waits: { wait: Wait; at: number; stdout: string }[];
}

/** Options of drive(). */
export interface DriveOptions {
  sys?: FakeSystem;
  /**
   * Called at each wait with its index; may deliver a signal. Returning true resumes the process
   * at once without moving the clock (an early resume, as a driver does after a signal).
   */
  onWait?: (i: number, sys: FakeSystem) => boolean | undefined;
  /** Stop after this many waits (a process that never ends). */
  maxWaits?: number;
  /** The programs (default: the test userland's). */
  userland?: Userland;
}

/** Runs `sh -c SCRIPT` (or another argv) to its end, advancing the fake clock on each wait. */
export function drive(
  argv: string[],
  dialect: Dialect,
  fs: FileSystem = testFs(),
  stdin = "",
  opts: DriveOptions = {},
): RunResult {
  const sys = opts.sys ?? fakeSystem();
  let stdout = "";
  let stderr = "";
  const userland = opts.userland ?? testUserland(dialect === "ash" ? "busybox" : "gnu");
  const ctx: CommandContext = {
    argv,
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/root" },
    cwd: "/",
    stdin,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    fs,
    sys,
    exec: () => 127,
    userland,
  } as unknown as CommandContext;
  const r = shellProgram(dialect)(ctx);
  const waits: RunResult["waits"] = [];
  if (typeof r === "number") return { stdout, stderr, status: r, waits };
  let res = r.next();
  while (!res.done) {
    const w = res.value;
    waits.push({ wait: w, at: sys.clock, stdout });
    const early = opts.onWait?.(waits.length - 1, sys);
    if (waits.length >= (opts.maxWaits ?? 10_000)) {
      r.return(0);
      return { stdout, stderr, status: -1, waits };
    }
    if (early) {
      res = r.next();
      continue;
    }
    if (w.kind === "sleep") sys.clock += w.ms;
    else if (w.kind === "throttle") sys.clock += THROTTLE_MS;
    res = r.next();
  }
  return { stdout, stderr, status: res.value, waits };
}

/** `sh -c script` in a dialect. */
export function sh(
  script: string,
  dialect: Dialect = "dash",
  fs?: FileSystem,
  stdin = "",
  opts?: DriveOptions,
): RunResult {
  const name = dialect === "bash" ? "bash" : "sh";
  return drive([name, "-c", script], dialect, fs, stdin, opts);
}
