/**
 * The contract of the shell subsystem: what runs inside a container, in a `kubectl exec`, on a
 * node reached by `ssh`, and in the terminal. Modelled on mvdan/sh's interp: a Runner walks the
 * parsed program, and everything that touches the world goes through what is passed in here (a
 * file system, a userland of programs, the system: clock, host name, network, processes), so the
 * same interpreter runs in a busybox container, an ubuntu one, and on a node.
 *
 * Everything is synchronous and deterministic. A command that must wait (sleep, a server's accept
 * loop, tail -f, a throttled busy loop) does not block: its generator yields a Wait, and its driver
 * (the kubelet, on the virtual clock) resumes it when the wait is over. No wall clock, no timers.
 */

import type { EtcdServer } from "../etcd/types";

/** What a process waits for when it cannot go on at this instant. */
export type Wait =
  /** Resume after this many milliseconds of virtual time (`sleep 2`). */
  | { kind: "sleep"; ms: number }
  /** Only a signal ends it: `sleep infinity`, a server's accept loop, `tail -f`, `wait` on nothing. */
  | { kind: "forever" }
  /**
   * The step budget of this instant ran out (`while true; do :; done`): resume a little later, as
   * a CPU limit throttles a real process. The driver picks the delay (THROTTLE_MS).
   */
  | { kind: "throttle" }
  /**
   * Nothing to wait for but the cluster: a process that ran ahead of the cluster's clock through
   * its sleeps (see Proc's mayRunAhead) is about to do something others could see, so it resumes
   * once the clock has caught up with its own. Yielded only while running ahead (System.ahead).
   */
  | { kind: "sync" };

/** The Wait of a process that ran ahead and must let the clock catch up (shared, never changed). */
export const SYNC: Wait = Object.freeze({ kind: "sync" });

/** The virtual delay a throttled process waits before it gets another budget of steps. */
export const THROTTLE_MS = 100;

/** Steps (commands, loop iterations, expansions) one process may take at one instant. */
export const STEP_BUDGET = 10_000;

/**
 * A running command: yields Waits, returns its exit status. Drive it with next(); a driver that
 * kills it calls return(), which runs its `finally` blocks.
 */
export type Proc = Generator<Wait, number, void>;

/**
 * A Proc that can say, at a sleep, that until it yields `sync` nothing it does is seen by anyone
 * but the clock and its own output (a shell looping over echo, date and sleep; see sh/sealed.ts).
 * Its driver may then run it through its sleeps ahead of the cluster's clock, keeping its output
 * until it is due, and so spare a wake-up of every process at every second of a looping cluster.
 */
export interface AheadProc extends Proc {
  mayRunAhead(): boolean;
}

/**
 * A Proc whose next() and return() never throw (a plain sleep) says so: the shell then runs it as
 * it is, without the guard that turns a program's fault into status 126.
 */
export interface FaultlessProc extends Proc {
  readonly faultless: true;
}

/** Where a command writes. Writes are bounded by the driver (log rotation, a 10 MB echo). */
export interface Output {
  write(text: string): void;
  /**
   * The sink takes large writes cheaply (a pipe, a command substitution, /dev/null): a program
   * that floods (`yes`) writes pipe-sized blocks to it. Absent: a log, a terminal or a file,
   * which a flood fills line by line at the step budget's pace.
   */
  readonly bulk?: boolean;
  /**
   * A pipe holding its capacity unread (pipe.ts): a writer that can wait yields `forever` until
   * the reader has taken some, as write(2) blocks on a full pipe. Absent: never full.
   */
  full?(): boolean;
  /**
   * The sink is a terminal (isatty): the terminal's own streams, not a pipe, a file or a
   * capture. curl then hides its progress meter, as it does when the body goes to a terminal.
   */
  readonly terminal?: boolean;
  /**
   * The sink keeps what a process writes ahead of the cluster's clock until it is due (a
   * container's log): on a process stopped at virtual time t, what it wrote after t is dropped.
   * Absent: a write is seen at once, so a process writing there never runs ahead.
   */
  rewind?(t: number): void;
}

/** One entry of a directory listing or a stat. */
export interface FileInfo {
  type: "file" | "dir";
  /** Bytes (UTF-16 length of the text is fine: files are text). */
  size: number;
  /** Permission bits, e.g. 0o644; 0o755 for directories; a secret volume's defaultMode. */
  mode: number;
  /** Modification time, virtual ms since the epoch (0 when unknown). */
  mtimeMs: number;
  /** Owner and group ids; absent: root's (0). */
  uid?: number;
  gid?: number;
  /**
   * A symbolic link's target (`/proc/self` → `7`): type then tells what it points to, and walkers
   * (find, du, ls -R, grep -r, tree) do not descend into it, as they do not follow links.
   */
  link?: string;
}

/**
 * A file system as a process sees it: a node's (NodeFileSystem implements it), or a container's
 * root with its volumes mounted. Paths are absolute and normalised (see resolvePath in
 * engine/node/fs). Failures throw FsError with coreutils' wording after the path
 * (`/x: No such file or directory`, `Read-only file system`, `Is a directory`).
 */
export interface FileSystem {
  isDir(path: string): boolean;
  isFile(path: string): boolean;
  exists(path: string): boolean;
  read(path: string): string;
  write(path: string, text: string): void;
  mkdir(path: string, parents?: boolean): void;
  remove(path: string, recursive?: boolean): void;
  /** Names directly inside a directory, sorted. */
  list(path: string): string[];
  /** Optional metadata; a file system without it reports 0o644 files and 0o755 directories. */
  stat?(path: string): FileInfo | undefined;
  /**
   * Optional positioned read: at most length characters from offset. A device that never ends
   * (/dev/zero, /dev/urandom) gives exactly length here, and a bounded block to read().
   */
  readAt?(path: string, offset: number, length: number): string;
  /** Optional: changes a file's permission bits (a package manager installs programs 0755). */
  chmod?(path: string, mode: number): void;
  /** Optional: changes a file's owner and group (chown); the ids show in ls -l and stat. */
  chown?(path: string, uid: number, gid: number): void;
}

/** An address a name resolved to, as a resolver answers it. */
export interface Resolved {
  /** The fully qualified name that matched (`web.default.svc.cluster.local`). */
  name: string;
  /** IPv4 addresses (one ClusterIP, or a headless Service's ready pod IPs). */
  addresses: string[];
}

/** The DNS server a container's resolv.conf names, as nslookup prints it. */
export interface DnsServer {
  /** 10.96.0.10 */
  address: string;
  /** kube-dns.kube-system.svc.cluster.local (the PTR name of the server's address). */
  name: string;
}

/** An HTTP request a client (wget, curl) sends. */
export interface HttpRequest {
  method: string;
  /** The path with its query: `/`, `/healthz?x=1`. */
  path: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body: string;
  /** The client's address as the server sees it (`10.244.1.5`), for access logs; absent if unknown. */
  remoteAddress?: string;
}

/** An HTTP response a server program gives. */
export interface HttpResponse {
  status: number;
  /** `OK`, `Not Found`; defaults from the status when empty. */
  statusText?: string;
  headers: Record<string, string>;
  body: string;
  /** How long the server worked on the answer, in milliseconds: the client waits that long for it. */
  latencyMs?: number;
}

/** Why a connection failed, as clients word it. */
export type ConnectError =
  /** The name did not resolve (wget: bad address 'x'; curl: (6) Could not resolve host: x). */
  | "unresolved"
  /** Nothing listens there, or a Service without ready endpoints (connection refused). */
  | "refused"
  /** Packets go nowhere (an IP that is not in the cluster): the client times out. */
  | "timeout";

/**
 * A listener a server program opens on a port of its pod's network namespace. The network hands
 * connections to it; a listener answers either HTTP requests or a line-based TCP exchange.
 */
export interface Listener {
  port: number;
  protocol: "TCP" | "UDP";
  /** Answers an HTTP request (nginx, http-echo, agnhost netexec); absent for non-HTTP servers. */
  http?(req: HttpRequest): HttpResponse;
  /**
   * Answers raw bytes sent over a TCP connection (redis' RESP, memcached, an `nc -l`): given what
   * the client sent, what the server writes back before the client closes. Absent: it accepts
   * and says nothing.
   */
  tcp?(input: string): string;
  /**
   * Resume the listening process after each connection (a program that waits for one, such as
   * `nc -l`); servers that answer from their handlers leave it unset.
   */
  wakeOnConnect?: boolean;
  /** An etcd server's client port: the gRPC services etcdctl calls. */
  etcd?: EtcdServer;
  /**
   * Bound to 127.0.0.1 only (`kubectl port-forward`, `kubectl proxy`): reachable as localhost
   * from the same host, not through the host's address. Absent: every address of the host.
   */
  loopback?: boolean;
  /** The certificate an HTTPS listener serves; a client that verifies it checks names and issuer. */
  certificate?: ServingCertificate;
  /**
   * The certificate served for a TLS ClientHello's server name (SNI; undefined when the client
   * sent none), for servers that pick one per host (ingress-nginx). Absent: `certificate`.
   */
  certificateFor?(serverName: string | undefined): ServingCertificate | undefined;
}

/** A server's TLS certificate, as much of it as a client's verification reads. */
export interface ServingCertificate {
  /** Subject alternative names. */
  dnsNames: string[];
  ipAddresses: string[];
  /** Signed by itself (a kubelet's serving certificate without serverTLSBootstrap), not a CA clients trust. */
  selfSigned: boolean;
  /**
   * The PEM of the CA that issued it (the cluster CA for the API server's): a client trusts the
   * certificate when the CA file it was given (`curl --cacert`) holds this certificate.
   */
  issuerPem?: string;
  /**
   * The PEM chain the server presents (leaf first), for clients that verify it as OpenSSL does
   * (curl --cacert, openssl s_client). Absent: only the fields above are known.
   */
  chainPem?: string;
}

/** The network as a process sees it: the cluster's DNS and its Services and pods. */
export interface Network {
  /** The server in resolv.conf. */
  readonly dnsServer: DnsServer;
  /**
   * Resolves a name the way the container's resolver does, trying resolv.conf's search domains
   * (`web` → `web.default.svc.cluster.local`), a pod's own host name, `localhost`, and IPs as
   * themselves. undefined: NXDOMAIN.
   */
  resolve(name: string): Resolved | undefined;
  /** The PTR name of an address (a Service's FQDN, a pod's `10-244-1-5.ns.pod.cluster.local`). */
  reverse(address: string): string | undefined;
  /** Opens a TCP connection through Service VIPs, NodePorts and pod IPs, or says why not. */
  connect(host: string, port: number): Listener | ConnectError;
  /**
   * Whether the DNS server in resolv.conf answers: false when nothing serves its address (the
   * kube-dns Service has no ready endpoint, CoreDNS scaled to zero), so queries time out and
   * resolve() finds only what needs no DNS (IPs, localhost, the pod's own name). Absent: it answers.
   */
  dnsAnswers?(): boolean;
  /**
   * Whether an ICMP echo to an address gets a reply, and the TTL it comes back with (64 on the
   * same node, 62 through two routers); undefined: no reply (a Service VIP, an unknown address).
   */
  ping?(address: string): { ttl: number } | undefined;
  /** The sockets listening in this network namespace (the pod's IP), for netstat; absent: none known. */
  listeners?(): readonly Pick<Listener, "port" | "protocol">[];
}

/** A process of the container (or the node), for ps and kill. */
export interface ProcessInfo {
  pid: number;
  user: string;
  /** The command line as ps shows it: `sleep 3600`. */
  command: string;
  /** Virtual ms when it started. */
  startedMs: number;
  /** The arguments it was started with (/proc/PID/cmdline); absent: command split on spaces. */
  argv?: string[];
  /**
   * /proc/PID/comm: the executable's base name (15 characters at most), which a new title
   * (System.setTitle, nginx's setproctitle) does not change; absent: argv[0]'s base name.
   */
  comm?: string;
  /** Its ids and capabilities (/proc/PID/status); absent: root with no more said. */
  credentials?: ProcessCredentials;
  /** The file system its container sees (/proc/PID/root); absent: not reachable. */
  root?: FileSystem;
}

/** A process's credentials as /proc/PID/status shows them. */
export interface ProcessCredentials {
  uid: number;
  gid: number;
  /** Supplementary groups, sorted. */
  gids: number[];
  /** CapInh, CapPrm, CapEff, CapBnd, CapAmb as 16 hex digits each. */
  capabilities: {
    inheritable: string;
    permitted: string;
    effective: string;
    bounding: string;
    ambient: string;
  };
  /** allowPrivilegeEscalation: false sets no_new_privs. */
  noNewPrivs: boolean;
}

/** A network interface of a host, as `ip addr` and ifconfig show it. */
export interface NetInterface {
  /** The interface index (`2: eth0`). */
  index: number;
  name: string;
  kind: "loopback" | "ether" | "bridge" | "vxlan" | "veth";
  mtu: number;
  mac: string;
  /** The bridge it is enslaved to (a veth's `master cni0`). */
  master?: string;
  /** A veth's peer in the pod's namespace (`@if2`). */
  peerIndex?: number;
  /** IPv4 address with its prefix; absent for a link without one. */
  inet?: { address: string; prefix: number; broadcast?: string; scope: "host" | "global" | "link" };
}

/** A route of the main table, as `ip route` prints it. */
export interface Route {
  /** `default` or a CIDR. */
  dest: string;
  via?: string;
  dev: string;
  proto?: "kernel" | "static" | "dhcp";
  scope?: "link" | "host";
  src?: string;
  onlink?: boolean;
}

/** A listening socket of a host (ss -l, netstat -l). */
export interface ListeningSocket {
  proto: "tcp" | "udp";
  /** `0.0.0.0`, `127.0.0.1`, `::` (IPv6 only), `*` (a dual-stack socket), `127.0.0.53%lo`. */
  address: string;
  port: number;
  /** The process holding it (pid, comm as /proc/PID/comm truncates it to 15 characters). */
  pid?: number;
  comm?: string;
  fd?: number;
}

/** What a node's own tools see of the machine: since when it runs, its links, routes and sockets. */
export interface HostInfo {
  /** Virtual ms when the machine booted (uptime). */
  bootedMs: number;
  interfaces: NetInterface[];
  routes: Route[];
  sockets: ListeningSocket[];
}

/** The world around a process beyond its files: the rest of mvdan/sh's handlers. */
export interface System {
  /** The machine itself, for a shell on a node (ip, ss, uptime); absent inside a container. */
  host?(): HostInfo | undefined;
  /** Virtual ms since the epoch (the cluster's clock). */
  now(): number;
  /** The host name (the pod's name, or the node's). */
  hostname(): string;
  /** The user the process runs as (`root`, uid 0), from the image's User or securityContext. */
  user(): {
    name: string;
    uid: number;
    gid: number;
    /** `id`'s groups= text (`0(root),10(wheel)`); absent: the primary group alone. */
    groups?: string;
    /** The primary group's name ("" for none); absent: root's for gid 0, the user's for gid = uid. */
    groupName?: string;
    /** Supplementary group ids, sorted (/proc/PID/status Groups:). */
    gids?: number[];
  };
  network: Network;
  /** Processes visible to ps (the container's PID namespace). */
  processes(): ProcessInfo[];
  /** Sends a signal to a pid; false when there is no such process. */
  kill(pid: number, signal: string): boolean;
  /**
   * Opens a listener on the pod's network (a server program's start-up); returns a function that
   * closes it. Listeners are closed for the program when its process ends.
   */
  listen(listener: Listener): () => void;
  /** Whether a listener of this host already holds the port (a new bind fails: address already in use). */
  portInUse?(port: number): boolean;
  /**
   * Declares the process's resident memory in bytes (stress --vm-bytes, a growing cache): over the
   * container's memory limit the runtime OOM-kills it (exit 137, reason OOMKilled).
   */
  setMemory(bytes: number): void;
  /**
   * Declares the CPU the process keeps busy, in cores, beyond what the interpreter measures
   * (stress --cpu 2 spins two workers): the container's usage, capped by its CPU limit, is what
   * metrics report. Absent on drivers that do not account CPU.
   */
  setCpu?(cores: number): void;
  /**
   * Runs coreMs of one thread's CPU work now (a request's handler): it is charged to the
   * container's usage, and the wall milliseconds it takes under the container's CFS quota are
   * returned (a full core until the quota of a 100 ms period is spent). Absent on drivers that do
   * not account CPU.
   */
  runCpu?(coreMs: number): number;
  /**
   * The pid of the process running this program (`$$`). A container's main process is pid 1, and
   * the driver decides that: a shell that is pid 1 ignores an untrapped TERM, INT or HUP, as
   * Linux ignores default-action signals sent to a PID namespace's init. Absent: 1.
   */
  pid?(): number;
  /**
   * Registers the handler the driver calls to deliver a signal (`TERM`, `INT`, `HUP`, `KILL`,
   * `USR1`...) to this process; returns a function that unregisters it. After delivering, the
   * driver should resume the process's Proc at once (an early resume): a shell in `wait` runs its
   * trap then, one running a foreground command runs it when that command ends, and an untrapped
   * fatal signal ends the shell with 128+n. The shell program registers it when present. The
   * handler says whether the signal does anything (false: ignored, as PID 1 ignores an untrapped
   * TERM).
   */
  onAnySignal?(handler: (signal: string) => boolean): () => void;
  /**
   * Whether the process runs ahead of the cluster's clock (now() is its own, later than the
   * cluster's): it then yields SYNC before anything others could see. Absent: never.
   */
  ahead?(): boolean;
  /**
   * Registers a handler for one signal sent to this process (`TERM`, `INT`, `HUP`, `USR1`): the
   * driver calls it when the signal arrives, then resumes the process, which checks what its
   * handler recorded (a server's accept loop yields `forever` and re-checks after each resume).
   * A process with no handler for a signal gets its default action (none for PID 1).
   */
  onSignal(signal: string, handler: () => void): void;
  /**
   * Sets the process's title as ps and /proc/PID/cmdline show it (nginx's setproctitle:
   * `nginx: master process nginx -g daemon off;`). Absent: titles stay the argv.
   */
  setTitle?(title: string): void;
  /**
   * The process now runs another program in its place (the shell's `exec`, execve(2)): ps,
   * /proc/PID/cmdline and /proc/PID/comm show argv from then on. Absent: they keep the first.
   */
  execve?(argv: string[]): void;
  /**
   * Starts a child process running program (nginx's worker processes), as the named user when
   * given; its pid, and kill() to end it. Absent: the program cannot fork.
   */
  spawn?(
    argv: string[],
    program: Program,
    io: { stdout: Output; stderr: Output; user?: { name: string; uid: number; gid: number } },
  ): { pid: number; kill(): void };
}

/** A pipe a streaming program reads (pipe.ts Pipe). */
export interface StdinPipe {
  /**
   * The next line with its newline (the last one may have none); undefined at end of file; the
   * NOT_YET symbol (pipe.ts) when it must wait for more.
   */
  nextLine(): string | undefined | symbol;
  /** Everything unread now, consumed (possibly ""). */
  take(): string;
  /** The writer has ended and everything was read. */
  readonly ended: boolean;
  /** The writer has ended (what is unread is all there will be). */
  readonly writerClosed: boolean;
  /** Set by a reader that takes its whole input at the end: the writer then never waits on it. */
  readsAtEnd: boolean;
}

/** What a command sees when it runs (mvdan/sh's HandlerContext). */
export interface CommandContext {
  /** argv[0] is the name as typed (`ls`, `/bin/ls`). */
  argv: string[];
  /** Exported variables. Read-only: the object may be shared by every command a shell runs. */
  env: Readonly<Record<string, string>>;
  /** The working directory, absolute. */
  cwd: string;
  /**
   * Everything on its standard input. From a pipe whose writer still runs, a program that reads
   * it waits for the writer to end (unless it streams: stdinPipe).
   */
  stdin: string;
  /**
   * Standard input as it arrives, for a program that streams (Program.streamsStdin) reading a
   * pipe whose writer still runs: nextLine() gives NOT_YET until a whole line (or the end) is
   * there, and the program yields `forever` to wait for more.
   */
  stdinPipe?: StdinPipe;
  /**
   * Standard input stays open after what stdin holds (a container with `stdin: true`, waiting for
   * `kubectl attach`): a shell reading its commands from it waits instead of ending.
   */
  stdinOpen?: boolean;
  stdout: Output;
  stderr: Output;
  fs: FileSystem;
  sys: System;
  /**
   * Runs another program by name through the same userland (env, xargs, timeout, nohup), with
   * this program's environment or the one given (`env NAME=value cmd`).
   */
  exec(argv: string[], stdin?: string, env?: Readonly<Record<string, string>>): Proc;
  /**
   * The userland the program was found in. A shell program needs it to find the commands it
   * runs; a shell passes its own to every program it starts. Optional for programs that are not
   * shells; shellProgram(dialect, userland) takes a fallback.
   */
  userland?: Userland;
}

/**
 * An interactive client's session at a terminal (the mysql monitor, psql): the terminal sends it
 * lines and shows its prompt between them.
 */
export interface LineSession {
  /** What it shows before a line: `mysql> `, `    -> `, `postgres=# `. */
  prompt(): string;
  /** Takes one line, writing what it prints; a status when the session ends (`quit`, `\\q`). */
  line(text: string, out: Output, err: Output): number | undefined;
}

/**
 * A program: what a command name runs. A program that finishes at once returns its status; one
 * that waits (sleep, servers, tail -f) returns a Proc.
 */
export type Program = ((ctx: CommandContext) => number | Proc) & {
  /**
   * It reads its standard input as it arrives (head, grep, cat, tee): given a pipe whose writer
   * still runs, it gets ctx.stdinPipe. Any other program's stdin is whole: when it reads a pipe
   * that is still being written, it starts again once the writer has ended.
   */
  readonly streamsStdin?: true;
  /**
   * It has an interactive mode for a terminal (`kubectl exec -it POD -- mysql`): opens it, writing
   * its greeting to ctx.stdout, or says why not with a status (errors on ctx.stderr).
   */
  readonly interactive?: (ctx: CommandContext) => LineSession | number;
  /**
   * It touches nothing but its output and the clock (sleep, date, expr, seq): a shell loop of
   * such commands may run ahead of the cluster's clock (sh/sealed.ts).
   */
  readonly pure?: true;
};

/**
 * The programs an image (or a node) ships, found by name or path as PATH lookup finds them.
 * `sh`, `bash` and `ash` are programs too (they start a nested Runner).
 */
export interface Userland {
  /** Which kind, for messages: busybox words `sh: x: not found`, bash `bash: x: command not found`. */
  readonly kind: "busybox" | "gnu" | "none";
  /**
   * The program for a name (`ls`) or a path (`/bin/ls`, `/usr/local/bin/docker-entrypoint.sh` is
   * found in the file system instead); undefined when the image does not ship it.
   */
  lookup(name: string, path: string): Program | undefined;
  /** Every program name it ships (for `busybox --list`, completion). */
  names(): string[];
  /**
   * Where its programs lie in the image (`/bin/sh`, and with a merged /usr both `/usr/bin/ls`
   * and `/bin/ls`): the files `ls /bin` lists. Absent: none are files.
   */
  paths?(): string[];
  /**
   * The program an executable file holds when the file is a binary (an ELF a package manager
   * installed, see engine/pkgs/binary.ts); undefined for a script or unknown bytes.
   */
  binary?(text: string): Program | undefined;
}
