/**
 * A tiny harness for applet tests: a CommandContext over a NodeFileSystem, a System with a fixed
 * clock, and a Network with one resolvable Service, one HTTP listener and a DNS server. Procs are
 * driven to completion, advancing the clock over their sleeps, and their Waits are recorded.
 */
import { NodeFileSystem, parentOf } from "../../node/fs";
import type {
  CommandContext,
  Listener,
  Network,
  Proc,
  ProcessInfo,
  Program,
  System,
  Wait,
} from "../interface";
import type { Flavour } from "./common";

/** 2026-01-03T04:05:06Z, a Saturday. */
export const TEST_NOW = Date.UTC(2026, 0, 3, 4, 5, 6);

/** What a test run gives. */
export interface RunResult {
  stdout: string;
  stderr: string;
  exit: number | undefined;
  waits: Wait[];
  fs: NodeFileSystem;
  sys: TestSystem;
}

/** A System whose clock the harness moves. */
export interface TestSystem extends System {
  clock: { ms: number };
  killed: Array<{ pid: number; signal: string }>;
  listeners: Listener[];
}

/** The Service the fake network resolves: web.default.svc.cluster.local → 10.96.12.34. */
export const WEB_IP = "10.96.12.34";

/** The page the fake web server answers `/` with (nginx's welcome page is 615 bytes). */
export const WEB_BODY = `<html><body>hello</body></html>\n`;

/** The search list of a pod in the default namespace. */
const SEARCH = ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"];

/** A network with `web` (HTTP on 80), `db` (refusing), `blackhole` (timing out) and the API. */
export function testNetwork(extra: Listener[] = []): Network {
  const names: Record<string, string[]> = {
    "web.default.svc.cluster.local": [WEB_IP],
    "db.default.svc.cluster.local": ["10.96.0.5"],
    "blackhole.default.svc.cluster.local": ["10.1.2.3"],
    "kubernetes.default.svc.cluster.local": ["10.96.0.1"],
    "kube-dns.kube-system.svc.cluster.local": ["10.96.0.10"],
    /** The test pod's own host name, as /etc/hosts resolves it. */
    "web-0": ["10.244.1.5"],
  };
  const web: Listener = {
    port: 80,
    protocol: "TCP",
    http: (req) =>
      req.path === "/"
        ? { status: 200, headers: { "content-type": "text/html", server: "nginx/1.27.3" }, body: WEB_BODY }
        : {
            status: 404,
            headers: { "content-type": "text/html", server: "nginx/1.27.3" },
            body: "<html>404</html>\n",
          },
  };
  const exact = (n: string) => {
    const name = n.replace(/\.$/, "");
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { name, addresses: [name] };
    const a = names[name];
    return a ? { name, addresses: a } : undefined;
  };
  return {
    dnsServer: { address: "10.96.0.10", name: "kube-dns.kube-system.svc.cluster.local" },
    resolve(name) {
      if (name.endsWith(".")) return exact(name);
      const dots = name.split(".").length - 1;
      const tries = dots >= 5 ? [name] : [...SEARCH.map((s) => `${name}.${s}`), name];
      for (const t of tries) {
        const r = exact(t);
        if (r) return r;
      }
      return undefined;
    },
    reverse(address) {
      return Object.entries(names).find(([, a]) => a.includes(address))?.[0];
    },
    connect(host, port) {
      const ip = exact(host)?.addresses[0] ?? this.resolve(host)?.addresses[0];
      if (!ip) return "unresolved";
      if (ip === "10.1.2.3") return "timeout";
      const l = extra.find((x) => x.port === port);
      if (l && (ip === "127.0.0.1" || ip === WEB_IP)) return l;
      if (ip === WEB_IP && port === 80) return web;
      return "refused";
    },
  };
}

/** A System at TEST_NOW, host `web-0`, user root, with two processes. */
export function testSystem(net: Network = testNetwork()): TestSystem {
  const clock = { ms: TEST_NOW };
  const killed: Array<{ pid: number; signal: string }> = [];
  const listeners: Listener[] = [];
  const procs: ProcessInfo[] = [
    { pid: 1, user: "root", command: "sleep 3600", startedMs: TEST_NOW - 125_000 },
    { pid: 7, user: "root", command: "sh", startedMs: TEST_NOW - 5_000 },
  ];
  return {
    clock,
    killed,
    listeners,
    now: () => clock.ms,
    hostname: () => "web-0",
    user: () => ({ name: "root", uid: 0, gid: 0 }),
    network: net,
    onSignal: () => {},
    processes: () => procs,
    kill(pid, signal) {
      if (!procs.some((p) => p.pid === pid)) return false;
      killed.push({ pid, signal });
      return true;
    },
    listen(l) {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
    setMemory() {},
  };
}

/** Options of one run. */
export interface RunOptions {
  stdin?: string;
  files?: Record<string, string>;
  dirs?: string[];
  env?: Record<string, string>;
  cwd?: string;
  fs?: NodeFileSystem;
  sys?: TestSystem;
  /** Programs ctx.exec can run (by argv[0]). */
  programs?: Record<string, Program>;
  /** Stops driving after this many waits (tail -f, sleep infinity). */
  maxWaits?: number;
  /** Called before each resume, to change the world while the proc waits. */
  onWait?: (w: Wait, r: { fs: NodeFileSystem; sys: TestSystem }) => void;
}

/** Builds a file system holding the given files (parents created). */
export function testFs(files: Record<string, string> = {}, dirs: string[] = []): NodeFileSystem {
  const fs = new NodeFileSystem();
  for (const d of ["/bin", "/tmp", "/root", "/etc", ...dirs]) fs.mkdir(d, true);
  for (const [p, t] of Object.entries(files)) {
    fs.mkdir(parentOf(p), true);
    fs.write(p, t);
  }
  return fs;
}

/** Runs a program with argv and drives it to its end (or maxWaits), advancing the clock. */
export function run(program: Program, argv: string[], o: RunOptions = {}): RunResult {
  const fs = o.fs ?? testFs(o.files, o.dirs);
  const sys = o.sys ?? testSystem();
  let stdout = "";
  let stderr = "";
  const ctx = (args: string[], stdin: string): CommandContext => ({
    argv: args,
    env: o.env ?? { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/root" },
    cwd: o.cwd ?? "/root",
    stdin,
    stdout: {
      write: (t) => {
        stdout += t;
      },
    },
    stderr: {
      write: (t) => {
        stderr += t;
      },
    },
    fs,
    sys,
    exec(a, input = "", childEnv) {
      const p = o.programs?.[a[0] ?? ""];
      return toProc(p ? p({ ...ctx(a, input), ...(childEnv && { env: childEnv }) }) : notFound(a[0] ?? ""));
    },
  });
  const notFound = (name: string): number => {
    stderr += `sh: ${name}: not found\n`;
    return 127;
  };
  const waits: Wait[] = [];
  const proc = toProc(program(ctx(argv, o.stdin ?? "")));
  let exit: number | undefined;
  for (;;) {
    const step = proc.next();
    if (step.done) {
      exit = step.value;
      break;
    }
    waits.push(step.value);
    if (waits.length >= (o.maxWaits ?? 50)) {
      proc.return(143);
      break;
    }
    if (step.value.kind === "sleep") sys.clock.ms += step.value.ms;
    if (step.value.kind === "throttle") sys.clock.ms += 100;
    o.onWait?.(step.value, { fs, sys });
  }
  return { stdout, stderr, exit, waits, fs, sys };
}

/** A Proc for a program's immediate result. */
export function toProc(r: number | Proc): Proc {
  if (typeof r !== "number") return r;
  return (function* (): Proc {
    yield* [];
    return r;
  })();
}

/** Runs the same case for both flavours of an applet. */
export const both: Flavour[] = ["busybox", "gnu"];

/** One row of an applet's test table. */
export interface Case {
  argv: string[];
  stdin?: string;
  files?: Record<string, string>;
  dirs?: string[];
  /** Expected stdout; not checked when absent. */
  out?: string;
  err?: string;
  exit?: number;
  /** Only this flavour (the texts differ); both when absent. */
  flavour?: Flavour;
}

/** The flavours a case runs for. */
export const flavoursOf = (c: Case): Flavour[] => (c.flavour ? [c.flavour] : both);

/** What a case produced, shaped like expected(c). */
export function outcome(applet: (f: Flavour) => Program, c: Case, f: Flavour, o: RunOptions = {}) {
  const r = run(applet(f), c.argv, { stdin: c.stdin, files: c.files, dirs: c.dirs, ...o });
  return { out: c.out === undefined ? undefined : r.stdout, err: r.stderr, exit: r.exit };
}

/** What a case expects. */
export const expected = (c: Case) => ({ out: c.out, err: c.err ?? "", exit: c.exit ?? 0 });
