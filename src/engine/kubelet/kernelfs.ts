/**
 * The kernel's file systems as a container sees them, generated when read: /dev (devtmpfs as
 * runc lays it out: null, zero, full, random, urandom, tty, the std* links, fd), /proc (each
 * process's cmdline, environ, comm and status; meminfo, cpuinfo, uptime, loadavg, version,
 * mounts) and /sys/fs/cgroup (cgroup v2: the container's memory.max, cpu.max, cpu.weight).
 *
 * As on a real node, /proc/meminfo and /proc/cpuinfo show the node, not the container's limits
 * (no LXCFS); the limits are in the cgroup files. Files are text, so /dev/urandom gives 7-bit
 * bytes (a byte from 0x80 up would count twice in UTF-8) and a device that never ends gives
 * DEVICE_READ_BYTES to a whole-file read; readAt gives any length (dd, head -c).
 */
import { FsError } from "../node/fs";
import type { FileInfo, FileSystem, ProcessInfo } from "../sh/interface";

/** What a whole-file read of /dev/zero or /dev/urandom gives (`cat /dev/urandom | tr ...`). */
export const DEVICE_READ_BYTES = 1024 * 1024;

/** What the kernel files show about their container, its node and its processes. */
export interface KernelView {
  /** Virtual ms now. */
  now(): number;
  /** Virtual ms when the node booted (/proc/uptime). */
  bootMs: number;
  processes(): ProcessInfo[];
  /** The container's environment (each process's /proc/PID/environ). */
  env: Record<string, string>;
  /** The node's CPUs and memory (its capacity). */
  node: { cpus: number; memoryBytes: number };
  /** The container's limits: bytes and millicores (undefined: none); its CPU request in millicores. */
  limits: { memoryBytes?: number; cpuMilli?: number; cpuRequestMilli?: number };
  /** Memory the container's processes use now (bytes). */
  memoryUsage(): number;
  /** The container's host name (/proc/sys/kernel/hostname). */
  hostname: string;
  /** The node's kernel release (`5.15.0-1083-gcp`). */
  kernelRelease: string;
  /** A float in [0, 1) from a seeded generator (/dev/urandom). */
  random(): number;
}

/**
 * One generated entry: a directory's names, or a file's text (and what a write does). link marks
 * a symbolic link (`/proc/self`, `/proc/PID/root`) and names its target; the entry is what the
 * link leads to.
 */
type Node =
  | { dir: () => string[]; link?: string }
  | {
      link?: string;
      read: () => string;
      /** A positioned read of a file that never ends. */
      readAt?: (offset: number, length: number) => string;
      write?: (text: string) => void;
      mode?: number;
    };

/** A read-only tree of generated files; mkdir and remove fail as on the kernel's file systems. */
export class GeneratedFs implements FileSystem {
  constructor(private readonly lookup: (path: string) => Node | undefined) {}

  private node(path: string): Node | undefined {
    return this.lookup(path === "/" ? "/" : path.replace(/\/+$/, ""));
  }

  isDir(path: string): boolean {
    const n = this.node(path);
    return !!n && "dir" in n;
  }

  isFile(path: string): boolean {
    const n = this.node(path);
    return !!n && "read" in n;
  }

  exists(path: string): boolean {
    return this.node(path) !== undefined;
  }

  read(path: string): string {
    const n = this.node(path);
    if (!n) throw new FsError(`${path}: No such file or directory`);
    if ("dir" in n) throw new FsError(`${path}: Is a directory`);
    return n.read();
  }

  /** At most length characters from offset on (a device gives exactly length). */
  readAt(path: string, offset: number, length: number): string {
    const n = this.node(path);
    if (n && "readAt" in n && n.readAt) return n.readAt(offset, length);
    return this.read(path).slice(offset, offset + length);
  }

  write(path: string, text: string): void {
    const n = this.node(path);
    if (!n) throw new FsError(`${path}: Permission denied`);
    if ("dir" in n) throw new FsError(`${path}: Is a directory`);
    if (!n.write) throw new FsError(`${path}: Permission denied`);
    n.write(text);
  }

  mkdir(path: string): void {
    throw new FsError(
      `cannot create directory '${path}': ${this.exists(path) ? "File exists" : "Permission denied"}`,
    );
  }

  remove(path: string): void {
    throw new FsError(`cannot remove '${path}': Permission denied`);
  }

  list(path: string): string[] {
    const n = this.node(path);
    if (!n) throw new FsError(`${path}: No such file or directory`);
    if (!("dir" in n)) throw new FsError(`${path}: Not a directory`);
    return [...n.dir()].sort();
  }

  stat(path: string): FileInfo | undefined {
    const n = this.node(path);
    if (!n) return undefined;
    const link = n.link === undefined ? {} : { link: n.link };
    if ("dir" in n) return { type: "dir", size: 0, mode: 0o555, mtimeMs: 0, ...link };
    // The kernel reports size 0 for generated files (`ls -l /proc/meminfo`).
    return { type: "file", size: 0, mode: n.mode ?? 0o444, mtimeMs: 0, ...link };
  }
}

/** A tree from a map of paths: directories list their children, files come from functions. */
function tree(files: Record<string, Node>): (path: string) => Node | undefined {
  return (path) => {
    const own = files[path];
    if (own) return own;
    const prefix = path === "/" ? "/" : `${path}/`;
    const children = new Set<string>();
    for (const p of Object.keys(files))
      if (p.startsWith(prefix)) children.add(p.slice(prefix.length).split("/")[0] as string);
    return children.size ? { dir: () => [...children] } : undefined;
  };
}

const discard = () => {};

/** /dev/zero's bytes. */
function zeros(length: number): string {
  return "\0".repeat(Math.max(0, length));
}

/** /dev/urandom's bytes (7-bit, see the file comment). */
function randomBytes(view: KernelView, length: number): string {
  const codes = new Array<number>(Math.max(0, length));
  for (let i = 0; i < codes.length; i++) codes[i] = Math.floor(view.random() * 128);
  let out = "";
  for (let i = 0; i < codes.length; i += 8192)
    out += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
  return out;
}

/** /dev as runc creates it (the devices of the OCI runtime spec, the std* links, fd). */
export function devFs(view: KernelView): GeneratedFs {
  const device = (readAt: (n: number) => string, write: (t: string) => void = discard): Node => ({
    read: () => readAt(DEVICE_READ_BYTES),
    readAt: (_o, n) => readAt(n),
    write,
    mode: 0o666,
  });
  const empty = (): Node => ({ read: () => "", write: discard, mode: 0o666 });
  return new GeneratedFs(
    tree({
      "/null": empty(),
      "/zero": device(zeros),
      "/full": device(zeros, () => {
        throw new FsError("/dev/full: No space left on device");
      }),
      "/random": device((n) => randomBytes(view, n)),
      "/urandom": device((n) => randomBytes(view, n)),
      "/tty": empty(),
      "/console": empty(),
      "/ptmx": empty(),
      "/stdin": empty(),
      "/stdout": empty(),
      "/stderr": empty(),
      "/fd/0": empty(),
      "/fd/1": empty(),
      "/fd/2": empty(),
      "/core": empty(),
      "/pts/ptmx": empty(),
      "/shm": { dir: () => [] },
      "/mqueue": { dir: () => [] },
    }),
  );
}

const KIB = 1024;

/**
 * `/proc/meminfo`: the node's memory, as `free` reads it: the system and the other pods hold 2%,
 * the page cache 5%, and this container what its processes declared.
 */
export function meminfo(totalBytes: number, usedBytes: number): string {
  const total = Math.floor(totalBytes / KIB);
  const used = Math.round(total * 0.02) + Math.floor(usedBytes / KIB);
  const cached = Math.floor(total * 0.05);
  const free = Math.max(0, total - used - cached);
  const row = (k: string, v: number) => `${`${k}:`.padEnd(16)}${String(v).padStart(8)} kB\n`;
  return [
    row("MemTotal", total),
    row("MemFree", free),
    row("MemAvailable", free + cached),
    row("Buffers", 0),
    row("Cached", cached),
    row("SwapCached", 0),
    row("SwapTotal", 0),
    row("SwapFree", 0),
  ].join("");
}

/** `/proc/cpuinfo`: one block per CPU of the node. */
export function cpuinfo(cpus: number): string {
  let out = "";
  for (let i = 0; i < cpus; i++)
    out += `processor\t: ${i}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu MHz\t\t: 2200.000\ncache size\t: 39424 KB\nphysical id\t: 0\nsiblings\t: ${cpus}\ncore id\t\t: ${i}\ncpu cores\t: ${cpus}\n\n`;
  return out;
}

/** The cgroup v2 cpu.weight for a CPU request (the kubelet's shares, then runc's conversion). */
export function cpuWeight(requestMilli: number | undefined): number {
  // MilliCPUToShares: 2 when there is no request; ConvertCPUSharesToCgroupV2Value.
  const shares = requestMilli ? Math.max(2, Math.floor((requestMilli * 1024) / 1000)) : 2;
  return 1 + Math.floor(((shares - 2) * 9999) / 262142);
}

/** The cgroup v2 cpu.max for a CPU limit: `QUOTA PERIOD` (the kubelet's 100 ms period), or `max`. */
export function cpuMax(limitMilli: number | undefined): string {
  if (!limitMilli) return "max 100000";
  // MilliCPUToQuota: quota = milliCPU * period / 1000, at least 1000 µs.
  return `${Math.max(1000, Math.floor((limitMilli * 100000) / 1000))} 100000`;
}

/** /sys with the container's cgroup v2 directory at fs/cgroup. */
export function sysFs(view: KernelView): GeneratedFs {
  const ro = (f: () => string): Node => ({ read: () => `${f()}\n` });
  const limits = view.limits;
  return new GeneratedFs(
    tree({
      "/fs/cgroup/cgroup.controllers": ro(() => "cpuset cpu io memory hugetlb pids rdma misc"),
      "/fs/cgroup/memory.max": ro(() =>
        limits.memoryBytes === undefined ? "max" : String(limits.memoryBytes),
      ),
      "/fs/cgroup/memory.current": ro(() => String(view.memoryUsage())),
      "/fs/cgroup/memory.high": ro(() => "max"),
      "/fs/cgroup/memory.min": ro(() => "0"),
      "/fs/cgroup/memory.swap.max": ro(() => "0"),
      "/fs/cgroup/cpu.max": ro(() => cpuMax(limits.cpuMilli)),
      "/fs/cgroup/cpu.weight": ro(() => String(cpuWeight(limits.cpuRequestMilli))),
      "/fs/cgroup/pids.max": ro(() => "max"),
      "/fs/cgroup/pids.current": ro(() => String(view.processes().length)),
    }),
  );
}

/**
 * `/proc/PID/status` (fs/proc/array.c proc_pid_status): its identity, ids, groups, signal masks
 * and capability sets; the memory and CPU lines are left out.
 */
function status(p: ProcessInfo): string {
  const name = (p.command.split(" ")[0] ?? "").replace(/^.*\//, "").slice(0, 15);
  const head = `Name:\t${name}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t${p.pid}\nNgid:\t0\nPid:\t${p.pid}\nPPid:\t${p.pid === 1 ? 0 : 1}\nTracerPid:\t0\n`;
  const c = p.credentials;
  if (!c) return head;
  const caps = c.capabilities;
  const zero = "0000000000000000";
  return `${head}Uid:\t${c.uid}\t${c.uid}\t${c.uid}\t${c.uid}
Gid:\t${c.gid}\t${c.gid}\t${c.gid}\t${c.gid}
FDSize:\t64
Groups:\t${c.gids.map((g) => `${g} `).join("")}
NStgid:\t${p.pid}
NSpid:\t${p.pid}
NSpgid:\t${p.pid}
NSsid:\t${p.pid}
Kthread:\t0
Threads:\t1
SigQ:\t0/1030047
SigPnd:\t${zero}
ShdPnd:\t${zero}
SigBlk:\t${zero}
SigIgn:\t${zero}
SigCgt:\t${zero}
CapInh:\t${caps.inheritable}
CapPrm:\t${caps.permitted}
CapEff:\t${caps.effective}
CapBnd:\t${caps.bounding}
CapAmb:\t${caps.ambient}
NoNewPrivs:\t${c.noNewPrivs ? 1 : 0}
Seccomp:\t0
Seccomp_filters:\t0
Speculation_Store_Bypass:\tthread vulnerable
SpeculationIndirectBranch:\tconditional enabled
`;
}

/** Where the inode numbers shown for a process's stdout and stderr pipes start (any number). */
const PIPE_INODE_BASE = 2_381_890;

/** /proc/PID/root: the process's container file system, read through (the kernel's magic link). */
function rootNode(root: FileSystem, path: string): Node | undefined {
  if (path === "/") return { dir: () => root.list("/"), link: "/" };
  if (root.isDir(path)) return { dir: () => root.list(path) };
  if (root.isFile(path)) return { read: () => root.read(path) };
  return undefined;
}

/** /proc: each process's files, and the system-wide ones a container reads. */
export function procFs(view: KernelView, mountsText: () => string): GeneratedFs {
  const seconds = () => Math.max(0, (view.now() - view.bootMs) / 1000);
  const system = tree({
    "/meminfo": { read: () => meminfo(view.node.memoryBytes, view.memoryUsage()) },
    "/cpuinfo": { read: () => cpuinfo(view.node.cpus) },
    "/uptime": { read: () => `${seconds().toFixed(2)} ${(seconds() * view.node.cpus).toFixed(2)}\n` },
    "/loadavg": { read: () => `0.00 0.00 0.00 1/${view.processes().length} ${lastPid(view)}\n` },
    "/version": {
      read: () =>
        `Linux version ${view.kernelRelease} (buildd@lcy02-amd64-001) (x86_64-linux-gnu-gcc-12 (Ubuntu 12.3.0-1ubuntu1~22.04) 12.3.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #1 SMP Fri Mar 14 00:00:00 UTC 2025\n`,
    },
    "/mounts": { read: mountsText },
    "/sys/kernel/hostname": { read: () => `${view.hostname}\n` },
    "/sys/kernel/osrelease": { read: () => `${view.kernelRelease}\n` },
  });
  const perProcess = (p: ProcessInfo, rest: string): Node | undefined => {
    const argv = p.argv ?? p.command.split(" ");
    const files: Record<string, Node> = {
      "": { dir: () => ["cmdline", "comm", "environ", "fd", "mounts", "root", "status"] },
      "/cmdline": { read: () => argv.map((a) => `${a}\0`).join("") },
      "/comm": { read: () => `${p.comm ?? (argv[0] ?? "").replace(/^.*\//, "").slice(0, 15)}\n` },
      "/environ": {
        read: () =>
          Object.entries(view.env)
            .map(([k, v]) => `${k}=${v}\0`)
            .join(""),
        mode: 0o400,
      },
      "/status": { read: () => status(p) },
      "/mounts": { read: mountsText },
      "/fd": { dir: () => ["0", "1", "2"] },
      // A container's process reads /dev/null and writes into the runtime's pipes (links to
      // `pipe:[INODE]`, which reading through is not modelled).
      "/fd/0": { read: () => "", link: "/dev/null" },
      "/fd/1": { read: () => "", link: `pipe:[${PIPE_INODE_BASE + p.pid * 2}]` },
      "/fd/2": { read: () => "", link: `pipe:[${PIPE_INODE_BASE + p.pid * 2 + 1}]` },
    };
    if (p.root && (rest === "/root" || rest.startsWith("/root/")))
      return rootNode(p.root, rest.slice(5) || "/");
    return files[rest];
  };
  return new GeneratedFs((path) => {
    const m = /^\/(\d+|self|thread-self)(\/.*)?$/.exec(path);
    if (m) {
      const procs = view.processes();
      const p =
        m[1] === "self" || m[1] === "thread-self" ? procs.at(-1) : procs.find((q) => String(q.pid) === m[1]);
      if (!p) return undefined;
      const node = perProcess(p, m[2] ?? "");
      // /proc/self and /proc/thread-self are links to the reading process's own entries.
      if (node && m[2] === undefined && m[1] === "self") return { ...node, link: String(p.pid) };
      if (node && m[2] === undefined && m[1] === "thread-self")
        return { ...node, link: `${p.pid}/task/${p.pid}` };
      return node;
    }
    if (path === "/") {
      const top = system("/");
      const names = new Set(top && "dir" in top ? top.dir() : []);
      for (const p of view.processes()) names.add(String(p.pid));
      names.add("self");
      names.add("thread-self");
      return { dir: () => [...names] };
    }
    return system(path);
  });
}

function lastPid(view: KernelView): number {
  return Math.max(1, ...view.processes().map((p) => p.pid));
}
