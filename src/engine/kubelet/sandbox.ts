/**
 * One container instance as its processes see it: a file system, an environment, a userland
 * (the image's programs), the network, and a PID namespace. The container runtime starts PID 1
 * here from the resolved command; `kubectl exec` and probes start more processes beside it.
 */
import type { Clock } from "../clock/clock";
import { resolvePath } from "../node/fs";
import type {
  CommandContext,
  FileSystem,
  Listener,
  Network,
  Output,
  Proc,
  ProcessCredentials,
  ProcessInfo,
  Program,
  System,
  Userland,
} from "../sh/interface";
import { type KernelInfo, withKernelFs } from "./kernelmounts";
import { EXIT_SIGKILL, normaliseSignal, ProcRunner } from "./procrun";
import { ContainerFs } from "./rootfs";
import { CFS_PERIOD_MS, CfsBandwidth, CpuAccount, cappedCores, type Footprint, idleFootprint } from "./usage";

/** What a container needs from its pod and image. */
export interface SandboxSpec {
  fs: FileSystem;
  env: Record<string, string>;
  /** The image's WorkingDir or the container's workingDir; "/" when neither says. */
  cwd: string;
  userland: Userland;
  network: Network;
  /** Opens a listener on the pod's IP. */
  listen(listener: Listener): () => void;
  /** Whether something in the pod's network already holds the port (bind: address already in use). */
  portInUse?(port: number): boolean;
  hostname: string;
  user: { name: string; uid: number; gid: number; groups?: string; groupName?: string; gids?: number[] };
  clock: Clock;
  /** Timer label prefix. */
  label: string;
  /** The container's memory use changed (bytes over all its processes): the runtime checks the limit. */
  onMemory?(bytes: number): void;
  /** Ids and capabilities its processes hold (/proc/PID/status); absent: none said. */
  credentials?: ProcessCredentials;
  /** The node and limits the kernel's files show; absent: no /dev, /proc or /sys is mounted. */
  kernel?: KernelInfo;
  /**
   * The PID namespace to join (an ephemeral container's targetContainerName: the target's);
   * absent: the container gets its own, its first process PID 1.
   */
  pidNamespace?: PidNamespace;
}

/**
 * A PID namespace: the process table ps and /proc read, and the next PID to hand out. Usually one
 * container's own; an ephemeral container with a target joins the target's.
 */
export class PidNamespace {
  /** Every process in the namespace, by pid (from whichever container started it). */
  readonly procs = new Map<number, Entry>();
  private nextPid = 1;
  /**
   * The pod sandbox's pause process, PID 1 of a pod's shared namespace (shareProcessNamespace):
   * it only reaps children and ignores signals sent from inside.
   */
  readonly infra?: ProcessInfo;

  /** infraStartedMs: the namespace is a pod's shared one, its PID 1 the sandbox's /pause. */
  constructor(infraStartedMs?: number) {
    if (infraStartedMs === undefined) return;
    this.infra = {
      pid: this.allocate(),
      user: "root",
      command: "/pause",
      argv: ["/pause"],
      startedMs: infraStartedMs,
    };
  }

  /** The PID the next process gets (runc's init is 1; the shell's helpers take the next few). */
  allocate(): number {
    const pid = this.nextPid;
    this.nextPid += pid === 1 ? 6 : 1;
    return pid;
  }
}

/** A process's standard streams, environment and working directory (the sandbox's by default). */
export interface SpawnIO {
  stdout: Output;
  stderr: Output;
  stdin?: string;
  /** stdin stays open after its text (a container with `stdin: true`). */
  stdinOpen?: boolean;
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Told the process's runner before it starts: what it writes while it runs at once (through
   * a catch-up or ahead of the clock) is stamped with its own time, runner.now().
   */
  created?(runner: ProcRunner): void;
}

/** A process in a PID namespace's table. */
interface Entry {
  pid: number;
  runner: ProcRunner;
  argv: string[];
  command: string;
  /** /proc/PID/comm once a title replaced argv (setTitle). */
  comm?: string;
  user: string;
  credentials?: ProcessCredentials;
  /** The file system of the container that started it (/proc/PID/root). */
  root: FileSystem;
  startedMs: number;
  memory: number;
  /** Cores it declared busy (setCpu). */
  cpu: number;
  /** Whether the interpreter has it busy (throttled at its step budget). */
  busy: boolean;
  /** What the program holds and spends idle. */
  footprint: Footprint;
}

/** Why the runtime could not start a process (runc's exec error). */
export interface StartFailure {
  /** `exec: "foo": executable file not found in $PATH` */
  message: string;
}

/** The container runtime's message for a PID 1 that cannot be started (containerd + runc). */
export function startErrorMessage(cause: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${cause}: unknown`;
}

/** One container instance's processes. */
export class ContainerSandbox {
  /** The PID namespace its processes live in (its own, or a target container's). */
  readonly pidNamespace: PidNamespace;
  /** Whether the namespace is this container's own: when its PID 1 goes, every process in it goes. */
  private readonly ownsNamespace: boolean;
  /** This container's processes, by pid. */
  private readonly procs = new Map<number, Entry>();
  /** The container's main process (PID 1 in its own namespace). */
  private mainPid: number | undefined;
  /** The file system its processes see: the spec's, with /dev, /proc and /sys when spec.kernel says. */
  readonly fs: FileSystem;
  /** CPU time the container's processes used, capped by its CPU limit (cpu.stat usage). */
  private readonly cpuAccount: CpuAccount;
  /** The CFS quota that request-sized work (runCpu) runs under. */
  private readonly cfs: CfsBandwidth;

  constructor(readonly spec: SandboxSpec) {
    this.cpuAccount = new CpuAccount(spec.clock.now());
    const limitMilli = spec.kernel?.limits.cpuMilli;
    this.cfs = new CfsBandwidth(limitMilli ? (limitMilli / 1000) * CFS_PERIOD_MS : undefined);
    this.pidNamespace = spec.pidNamespace ?? new PidNamespace();
    this.ownsNamespace = spec.pidNamespace === undefined;
    this.fs =
      spec.kernel && spec.fs instanceof ContainerFs
        ? withKernelFs(spec.fs, spec.kernel, {
            now: () => spec.clock.now(),
            processes: () => this.processInfos(),
            memoryUsage: () => this.memory(),
            env: spec.env,
            hostname: spec.hostname,
          })
        : spec.fs;
  }

  /** The processes as ps and /proc see them, by pid. */
  private processInfos(): ProcessInfo[] {
    const infra = this.pidNamespace.infra;
    const entries = [...this.pidNamespace.procs.values()]
      .sort((a, b) => a.pid - b.pid)
      .map((e) => ({
        pid: e.pid,
        user: e.user,
        command: e.command,
        argv: e.argv,
        ...(e.comm === undefined ? {} : { comm: e.comm }),
        startedMs: e.startedMs,
        credentials: e.credentials,
        root: e.root,
      }));
    return infra ? [infra, ...entries] : entries;
  }

  /** Finds the program for argv[0] as execve through PATH would; undefined with runc's reason. */
  findProgram(
    name: string,
    env: Record<string, string> = this.spec.env,
    cwd: string = this.spec.cwd,
  ): { program: Program; argv0Path: string } | StartFailure {
    return findProgram(name, env.PATH ?? DEFAULT_PATH, this.spec.userland, this.fs, cwd);
  }

  /**
   * Starts a process. PID 1 is the container's main process; others are exec'd beside it.
   * fromMs: the process started in the past (a restored cluster) and catches up to now.
   */
  spawn(
    argv: string[],
    io: SpawnIO,
    onExit: (code: number) => void,
    fromMs?: number,
  ): ProcRunner | StartFailure {
    const env = io.env ?? this.spec.env;
    const found = this.findProgram(argv[0] ?? "", env, io.cwd ?? this.spec.cwd);
    if ("message" in found) return found;
    return this.start(argv, found.program, io, onExit, fromMs);
  }

  /** Starts a process running this program (found by the caller) with argv as ps shows it. */
  start(
    argv: string[],
    program: Program,
    io: SpawnIO,
    onExit: (code: number) => void,
    fromMs?: number,
  ): ProcRunner {
    const env = io.env ?? this.spec.env;
    const pid = this.pidNamespace.allocate();
    this.mainPid ??= pid;
    const entry: Entry = {
      pid,
      argv,
      command: argv.join(" "),
      user: this.spec.user.name,
      credentials: this.spec.credentials,
      root: this.fs,
      startedMs: fromMs ?? this.spec.clock.now(),
      memory: 0,
      cpu: 0,
      busy: false,
      footprint: idleFootprint(argv[0] ?? ""),
      runner: new ProcRunner(this.spec.clock, {
        label: `${this.spec.label} pid ${pid}`,
        onRewind: (t) => {
          io.stdout.rewind?.(t);
          io.stderr.rewind?.(t);
        },
        onBusy: (busy) => {
          entry.busy = busy;
          this.accountCpu();
        },
        onExit: (code) => {
          this.procs.delete(pid);
          this.pidNamespace.procs.delete(pid);
          this.accountCpu();
          if (entry.memory) this.reportMemory();
          // A child's exit wakes the processes that may be waiting for it (`wait`).
          for (const other of this.pidNamespace.procs.values()) other.runner.wake();
          onExit(code);
        },
      }),
    };
    this.procs.set(pid, entry);
    this.pidNamespace.procs.set(pid, entry);
    if (entry.footprint.cores) this.accountCpu();
    const ctx = this.context(entry, argv, env, io.cwd ?? this.spec.cwd, io.stdin ?? "", io.stdout, io.stderr);
    if (io.stdinOpen) ctx.stdinOpen = true;
    io.created?.(entry.runner);
    entry.runner.start(() => program(ctx), fromMs);
    return entry.runner;
  }

  /** This container's running process with this pid. */
  process(pid: number): ProcRunner | undefined {
    return this.procs.get(pid)?.runner;
  }

  /** The container's main process while it runs (PID 1 unless it joined another namespace). */
  mainProcess(): ProcRunner | undefined {
    return this.mainPid === undefined ? undefined : this.procs.get(this.mainPid)?.runner;
  }

  /** Whether the main process acts on SIGTERM (a trap, a server's shutdown handler). */
  pid1HandlesTerm(): boolean {
    return this.mainProcess()?.handles("TERM") ?? false;
  }

  /** Delivers a signal to the main process (the runtime's StopContainer sends SIGTERM there). */
  signalPid1(signal: string): boolean {
    return this.mainProcess()?.signal(signal, this.ownsNamespace) ?? false;
  }

  /**
   * Kills the container's processes (SIGKILL): the container stops. In its own namespace that is
   * every process there, those of containers that joined it too (the kernel ends a namespace with
   * its init).
   */
  killAll(code = EXIT_SIGKILL): void {
    const table = this.ownsNamespace ? this.pidNamespace.procs : this.procs;
    const entries = [...table.values()].sort((a, b) => b.pid - a.pid);
    for (const e of entries) e.runner.kill(code);
  }

  /** Total memory the processes declared. */
  memory(): number {
    let sum = 0;
    for (const e of this.procs.values()) sum += e.memory;
    return sum;
  }

  /** The container's working set in bytes: what its processes declared plus their programs' own. */
  workingSetBytes(): number {
    let sum = 0;
    for (const e of this.procs.values()) sum += e.memory + e.footprint.memoryBytes;
    return sum;
  }

  /** CPU time the container used since it started, in core-milliseconds. */
  cpuUsedMs(): number {
    return this.cpuAccount.usedMs(this.spec.clock.now());
  }

  /** The cores the container uses now. */
  cpuCores(): number {
    return this.cpuAccount.cores();
  }

  /** Sets the container's CPU rate from its processes' demand, capped by its limit and the node. */
  private accountCpu(): void {
    let demand = 0;
    for (const e of this.procs.values()) demand += (e.busy ? 1 : 0) + e.cpu + e.footprint.cores;
    const kernel = this.spec.kernel;
    const rate = cappedCores(demand, kernel?.limits.cpuMilli, kernel?.node.cpus ?? Number.POSITIVE_INFINITY);
    this.cpuAccount.set(rate, this.spec.clock.now());
  }

  private reportMemory(): void {
    this.spec.onMemory?.(this.memory());
  }

  private context(
    entry: Entry,
    argv: string[],
    env: Record<string, string>,
    cwd: string,
    stdin: string,
    stdout: Output,
    stderr: Output,
  ): CommandContext {
    const sys = this.system(entry);
    const ctx: CommandContext = {
      argv,
      env,
      cwd,
      stdin,
      stdout,
      stderr,
      fs: this.fs,
      sys,
      userland: this.spec.userland,
      exec: (sub, subStdin, subEnv) => this.inline(ctx, sub, subStdin ?? "", subEnv ?? ctx.env),
    };
    return ctx;
  }

  /** Runs a program inside the calling process (env, xargs, timeout, nohup). */
  private *inline(
    parent: CommandContext,
    argv: string[],
    stdin: string,
    env: Readonly<Record<string, string>>,
  ): Proc {
    const found = findProgram(
      argv[0] ?? "",
      env.PATH ?? DEFAULT_PATH,
      this.spec.userland,
      this.fs,
      parent.cwd,
    );
    if ("message" in found) {
      parent.stderr.write(`${argv[0]}: not found\n`);
      return 127;
    }
    const made = found.program({ ...parent, argv, stdin, env });
    if (typeof made === "number") return made;
    return yield* made;
  }

  private system(entry: Entry): System {
    const spec = this.spec;
    const runner = entry.runner;
    const sys: System = {
      now: () => runner.now(),
      ahead: () => runner.ahead(),
      hostname: () => spec.hostname,
      user: () => spec.user,
      network: spec.network,
      processes: () => this.processInfos(),
      ...(spec.portInUse ? { portInUse: spec.portInUse } : {}),
      kill: (pid, signal) => {
        const target = this.pidNamespace.procs.get(pid);
        if (!target) return pid === this.pidNamespace.infra?.pid;
        target.runner.signal(normaliseSignal(signal), pid === 1);
        return true;
      },
      listen: (listener) => {
        if (!listener.wakeOnConnect) {
          const close = spec.listen(listener);
          runner.onCleanup(close);
          return close;
        }
        // A connection wakes the listening process at this instant (nc -l prints what came in).
        const wake = () => spec.clock.at(spec.clock.now(), () => runner.wake(), `${spec.label} accept`);
        const wrapped: Listener = {
          ...listener,
          ...(listener.http && {
            http: (req) => {
              const res = (listener.http as NonNullable<Listener["http"]>)(req);
              wake();
              return res;
            },
          }),
          ...(listener.tcp && {
            tcp: (input) => {
              const out = (listener.tcp as NonNullable<Listener["tcp"]>)(input);
              wake();
              return out;
            },
          }),
        };
        const close = spec.listen(wrapped);
        runner.onCleanup(close);
        return close;
      },
      setMemory: (bytes) => {
        entry.memory = Math.max(0, bytes);
        this.reportMemory();
      },
      setCpu: (cores) => {
        entry.cpu = Math.max(0, cores);
        this.accountCpu();
      },
      runCpu: (coreMs) => {
        const work = Math.max(0, coreMs);
        this.cpuAccount.charge(work);
        return this.cfs.run(work, this.spec.clock.now());
      },
      execve: (argv) => {
        entry.argv = [...argv];
        entry.command = argv.join(" ");
        entry.comm = (argv[0] ?? "").replace(/^.*\//, "").slice(0, 15);
      },
      setTitle: (title) => {
        entry.comm ??= (entry.argv[0] ?? "").replace(/^.*\//, "").slice(0, 15);
        entry.command = title;
        entry.argv = [title];
      },
      spawn: (argv, program, io) => {
        const child = this.start(argv, program, { stdout: io.stdout, stderr: io.stderr }, () => {});
        const childEntry = [...this.procs.values()].find((e) => e.runner === child);
        // A forked child keeps its parent's comm, whatever title it takes (nginx's workers).
        if (childEntry)
          childEntry.comm = entry.comm ?? (entry.argv[0] ?? "").replace(/^.*\//, "").slice(0, 15);
        if (childEntry && io.user) {
          childEntry.user = io.user.name;
          const base = childEntry.credentials;
          if (base)
            childEntry.credentials = {
              ...base,
              uid: io.user.uid,
              gid: io.user.gid,
              gids: [io.user.gid],
              capabilities: { ...base.capabilities, permitted: ZERO_CAPS, effective: ZERO_CAPS },
            };
        }
        runner.onCleanup(() => child.kill(EXIT_SIGKILL));
        return { pid: childEntry?.pid ?? 0, kill: () => child.kill(EXIT_SIGKILL) };
      },
      pid: () => entry.pid,
      onSignal: (signal, handler) => runner.onSignal(signal, handler),
      onAnySignal: (handler) => runner.onAnySignal(handler),
    };
    return sys;
  }
}

/** An empty capability set (a process that dropped root: nginx's workers). */
const ZERO_CAPS = "0000000000000000";

/** The PATH of a container whose image sets none (the runtime's default). */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * execve through PATH: a name with a slash is that path (a relative one from the working
 * directory, as runc's exec of `./hello-app` in WORKDIR /app finds /app/hello-app); otherwise the
 * first PATH directory that has it. A text file with a `#!` line runs its interpreter with the
 * file as an argument.
 */
export function findProgram(
  name: string,
  path: string,
  userland: Userland,
  fs: FileSystem,
  cwd = "/",
): { program: Program; argv0Path: string } | StartFailure {
  if (!name) return { message: `exec: "": executable file not found in $PATH` };
  const atPath = (p: string): { program: Program; argv0Path: string } | undefined => {
    const base = p.slice(p.lastIndexOf("/") + 1);
    // A program the image ships at that path (its file is only a placeholder for ls and stat).
    const own = userland.lookup(base, p);
    if (own) return { program: own, argv0Path: p };
    if (fs.isFile(p)) {
      const text = safeRead(fs, p);
      // A binary a package manager installed (an ELF naming its program).
      const binary = userland.binary?.(text);
      if (binary) return { program: binary, argv0Path: p };
      const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
      const interp = shebang?.[1] ?? "/bin/sh";
      const interpProgram = userland.lookup(interp.slice(interp.lastIndexOf("/") + 1), interp);
      if (!interpProgram) return undefined;
      const extra = shebang?.[2];
      const program: Program = (ctx) =>
        interpProgram({ ...ctx, argv: [interp, ...(extra ? [extra] : []), p, ...ctx.argv.slice(1)] });
      return { program, argv0Path: p };
    }
    return undefined;
  };
  if (name.includes("/")) {
    const found = atPath(name.startsWith("/") ? name : resolvePath(cwd, name));
    return found ?? { message: `exec: "${name}": stat ${name}: no such file or directory` };
  }
  for (const dir of path.split(":")) {
    if (!dir) continue;
    const found = atPath(`${dir.replace(/\/$/, "")}/${name}`);
    if (found) return found;
  }
  return { message: `exec: "${name}": executable file not found in $PATH` };
}

function safeRead(fs: FileSystem, path: string): string {
  try {
    return fs.read(path).slice(0, 256);
  } catch {
    return "";
  }
}
