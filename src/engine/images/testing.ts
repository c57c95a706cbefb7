/**
 * A small driver for image programs in tests: a fake System on a fixed virtual clock, captured
 * listeners and signals, a NodeFileSystem as the container's root, and a Proc stepper that
 * advances the clock over sleeps.
 */
import { NodeFileSystem } from "../node/fs";
import type {
  CommandContext,
  ConnectError,
  HttpRequest,
  HttpResponse,
  Listener,
  Network,
  Proc,
  Program,
  System,
  Wait,
} from "../sh/interface";

/** One run of a program under test. */
export interface ProgramRun {
  stdout: string;
  stderr: string;
  /** The exit status once the program finished. */
  status?: number;
  /** What it waits on now, while running. */
  waiting?: Wait;
  listeners: Listener[];
  memory: number;
  fs: NodeFileSystem;
  now(): number;
  /** Sends a signal: calls the handlers, then resumes the process. */
  signal(name: string): void;
  /** Advances virtual time by ms, resuming the process from its sleeps. */
  advance(ms: number): void;
  /** An HTTP request to the listener on port. */
  http(port: number, path: string, method?: string): HttpResponse;
  /** Raw TCP bytes to the listener on port. */
  tcp(port: number, input: string): string;
}

/** Options of a run. */
export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  stdin?: string;
  files?: Record<string, string>;
  hostname?: string;
  startMs?: number;
  programs?: Record<string, Program>;
  /** Other servers reachable by host:port (for clients). */
  remote?: Record<string, Listener>;
}

/** A Proc that has already finished with a status. */
// biome-ignore lint/correctness/useYield: it finishes without waiting.
function* finished(status: number): Proc {
  return status;
}

/** Writes files into a file system, creating their directories. */
export function writeFiles(fs: NodeFileSystem, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", true);
    fs.write(path, text);
  }
}

/** Runs a program with argv until it waits or ends. */
export function runProgram(program: Program, argv: string[], opts: RunOptions = {}): ProgramRun {
  let clock = opts.startMs ?? Date.UTC(2024, 11, 6, 14, 10, 49, 123);
  const fs = new NodeFileSystem();
  for (const d of ["/run", "/tmp", "/etc"]) fs.mkdir(d, true);
  writeFiles(fs, opts.files ?? {});
  const handlers = new Map<string, (() => void)[]>();
  const listeners: Listener[] = [];
  const network: Network = {
    dnsServer: { address: "10.96.0.10", name: "kube-dns.kube-system.svc.cluster.local" },
    resolve: (name) => (name === (opts.hostname ?? "pod") ? { name, addresses: ["10.244.1.5"] } : undefined),
    reverse: () => undefined,
    connect: (host, port): Listener | ConnectError => {
      const remote = opts.remote?.[`${host}:${port}`];
      if (remote) return remote;
      if (host === "127.0.0.1" || host === "localhost")
        return listeners.find((l) => l.port === port) ?? "refused";
      return "unresolved";
    },
  };
  const run: ProgramRun = {
    stdout: "",
    stderr: "",
    listeners,
    memory: 0,
    fs,
    now: () => clock,
    signal(name) {
      for (const h of handlers.get(name) ?? []) h();
      step();
    },
    advance(ms) {
      const until = clock + ms;
      while (run.waiting?.kind === "sleep" && clock + run.waiting.ms <= until) {
        clock += run.waiting.ms;
        step();
      }
      if (run.waiting?.kind === "sleep")
        run.waiting = { kind: "sleep", ms: run.waiting.ms - (until - clock) };
      clock = until;
    },
    http(port, path, method = "GET") {
      const l = listeners.find((x) => x.port === port);
      if (!l?.http) throw new Error(`nothing serves HTTP on ${port}`);
      const req: HttpRequest = {
        method,
        path,
        headers: { host: "pod", "user-agent": "curl/8.11.1" },
        body: "",
        remoteAddress: "10.244.0.1",
      };
      return l.http(req);
    },
    tcp(port, input) {
      const l = listeners.find((x) => x.port === port);
      if (!l) throw new Error(`nothing listens on ${port}`);
      return l.tcp?.(input) ?? "";
    },
  };
  const sys: System = {
    now: () => clock,
    hostname: () => opts.hostname ?? "pod",
    user: () => ({ name: "root", uid: 0, gid: 0 }),
    network,
    processes: () => [{ pid: 1, user: "root", command: argv.join(" "), startedMs: 0 }],
    kill: (pid, signal) => {
      if (pid !== 1) return false;
      for (const h of handlers.get(signal) ?? []) h();
      return true;
    },
    listen: (l) => {
      listeners.push(l);
      return () => {
        const i = listeners.indexOf(l);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    setMemory: (bytes) => {
      run.memory = bytes;
    },
    onSignal: (signal, handler) => {
      handlers.set(signal, [...(handlers.get(signal) ?? []), handler]);
    },
  };
  const ctx = (args: string[], stdin = ""): CommandContext => ({
    argv: args,
    env: opts.env ?? {},
    cwd: opts.cwd ?? "/",
    stdin,
    stdout: { write: (t) => (run.stdout += t) },
    stderr: { write: (t) => (run.stderr += t) },
    fs,
    sys,
    exec: (next, input, childEnv) => {
      const name = next[0] ?? "";
      const p = opts.programs?.[name] ?? opts.programs?.[name.slice(name.lastIndexOf("/") + 1)];
      if (!p) {
        run.stderr += `exec: ${name}: not found\n`;
        return finished(127);
      }
      const r = p({ ...ctx(next, input), ...(childEnv && { env: childEnv }) });
      return typeof r === "number" ? finished(r) : r;
    },
  });
  const result = program(ctx(argv, opts.stdin ?? ""));
  const proc: Proc | undefined = typeof result === "number" ? undefined : result;
  if (typeof result === "number") run.status = result;
  function step() {
    if (!proc || run.status !== undefined) return;
    const r = proc.next();
    if (r.done) {
      run.status = r.value;
      run.waiting = undefined;
    } else run.waiting = r.value;
  }
  step();
  return run;
}
