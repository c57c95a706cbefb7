/**
 * The simulated process model: what a container's command does over time, read from its
 * command and args (or the image's default entrypoint).
 *
 * - `sleep N` runs N seconds then exits 0; `sleep infinity`, `tail -f ...` and servers (nginx,
 *   redis-server, pause, an image with no command that is not a shell image) run until stopped.
 * - `sh -c "exit 1"`, `false` exit with that code; `echo hello` prints and exits 0.
 * - `until nslookup SVC; do ...; sleep 2; done` polls until a Service SVC (or SVC.NS, or
 *   SVC.NS.svc.cluster.local) exists, then goes on with the script.
 * - `stress --vm-bytes 250M` (or the pod annotation kubeglass.dev/memory-usage: 250Mi) declares a
 *   memory usage: over the container's memory limit it is OOMKilled.
 * - A shell image (busybox, alpine, ubuntu...) with no command runs `sh` without a terminal,
 *   which exits 0 at once (so restartPolicy Always gives CrashLoopBackOff, as in a real cluster).
 */
import { parseQuantity } from "../apiserver/quantity";
import { type ImageConfig, processArgs } from "../images";

/** One step of a program. */
export type Op =
  | { op: "echo"; text: string }
  | { op: "sleep"; seconds: number }
  | { op: "exit"; code: number }
  | { op: "status"; code: number }
  | { op: "nslookup"; host: string }
  | { op: "waitService"; host: string; interval: number; lines: string[] }
  | { op: "serve" }
  | { op: "memory"; bytes: number }
  | { op: "write"; path: string; text: string; append: boolean }
  | { op: "touch"; path: string }
  | { op: "rm"; path: string };

/** A statement with how it joins the previous one. */
export interface Statement {
  join: ";" | "&&" | "||";
  op: Op;
}

/** What a container runs. */
export interface Program {
  statements: Statement[];
  /** Whether PID 1 exits on SIGTERM (servers) or only dies by SIGKILL after the grace period. */
  handlesSigterm: boolean;
  /** Lines printed when the program starts (a server's start-up banner). */
  banner: string[];
}

const SHELLS = new Set(["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash", "/usr/bin/bash"]);
const SHELL_IMAGES = new Set([
  "busybox",
  "alpine",
  "ubuntu",
  "debian",
  "centos",
  "fedora",
  "bash",
  "amazonlinux",
]);

/** Entrypoint scripts that end by exec-ing their arguments (the docker-library images, go-runner). */
const ENTRYPOINT_WRAPPERS = new Set([
  "/docker-entrypoint.sh",
  "docker-entrypoint.sh",
  "/usr/local/bin/docker-entrypoint.sh",
  "/entrypoint.sh",
  "/go-runner",
]);

/** Parses a duration argument of sleep: "10", "1.5", "2m", "1h", "infinity". */
export function sleepSeconds(arg: string | undefined): number {
  if (!arg) return 0;
  if (arg === "infinity" || arg === "inf") return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const mult = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * mult;
}

/** Splits a shell script into words and operators (; && || newline), keeping quotes' contents. */
export function shellWords(script: string): string[] {
  const out: string[] = [];
  let cur = "";
  let has = false;
  const flush = () => {
    if (has) out.push(cur);
    cur = "";
    has = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (c === "'" || c === '"') {
      const end = script.indexOf(c, i + 1);
      const stop = end < 0 ? script.length : end;
      cur += script.slice(i + 1, stop);
      has = true;
      i = stop;
    } else if (c === "\\" && i + 1 < script.length) {
      cur += script[++i];
      has = true;
    } else if (c === "$" && script[i + 1] === "(") {
      // Command substitution: keep it as one opaque word part.
      let depth = 0;
      let j = i + 1;
      for (; j < script.length; j++) {
        if (script[j] === "(") depth++;
        else if (script[j] === ")" && --depth === 0) break;
      }
      cur += script.slice(i, j + 1);
      has = true;
      i = j;
    } else if (c === ";" || c === "\n") {
      flush();
      out.push(";");
    } else if ((c === "&" || c === "|") && script[i + 1] === c) {
      flush();
      out.push(c + c);
      i++;
    } else if (c === "&" || c === "|" || c === ">" || c === "<") {
      flush();
      out.push(c);
    } else if (c === " " || c === "\t") flush();
    else {
      cur += c;
      has = true;
    }
  }
  flush();
  return out;
}

/** Compiles a shell script (the argument of `sh -c`) to statements. */
export function compileScript(script: string, env: Record<string, string> = {}): Statement[] {
  const words = shellWords(script);
  const out: Statement[] = [];
  let i = 0;
  let join: Statement["join"] = ";";
  let redirect: { path: string; append: boolean } | undefined;
  const readSimple = (): string[] => {
    const cmd: string[] = [];
    redirect = undefined;
    while (i < words.length && ![";", "&&", "||"].includes(words[i] as string)) {
      const w = words[i++] as string;
      if (w === ">") {
        const append = words[i] === ">";
        if (append) i++;
        const target = words[i++] ?? "";
        if (target.startsWith("/") && target !== "/dev/null") redirect = { path: target, append };
        continue;
      }
      if (w === "<" || w === "|") {
        // Input redirections and pipes: drop the source / the rest of the pipeline.
        if (w !== "|") i++;
        else while (i < words.length && ![";", "&&", "||"].includes(words[i] as string)) i++;
        continue;
      }
      cmd.push(w);
    }
    return cmd;
  };
  /** A command's ops, with its output redirected to a file when it had `> FILE`. */
  const withRedirect = (ops: Op[]): Op[] => {
    const r = redirect;
    if (!r) return ops;
    const out: Op[] = ops.map((op) =>
      op.op === "echo" ? { op: "write", path: r.path, text: op.text, append: r.append } : op,
    );
    if (!out.some((op) => op.op === "write")) out.push({ op: "touch", path: r.path });
    return out;
  };
  while (i < words.length) {
    const w = words[i] as string;
    if (w === ";" || w === "&&" || w === "||") {
      join = w === ";" ? ";" : w;
      i++;
      continue;
    }
    if (w === "while" || w === "until") {
      i++;
      const cond = readSimple();
      while (words[i] === ";") i++;
      if (words[i] === "do") i++;
      const body = readLoopBody();
      const lines = body.filter((c) => c[0] === "echo").map((c) => expand(c.slice(1).join(" "), env));
      const interval = body.filter((c) => c[0] === "sleep").reduce((s, c) => s + sleepSeconds(c[1]), 0) || 1;
      if (w === "until" && cond[0] === "nslookup" && cond[1]) {
        out.push({ join, op: { op: "waitService", host: expand(cond[1], env), interval, lines } });
      } else {
        for (const line of lines) out.push({ join: ";", op: { op: "echo", text: line } });
        out.push({ join, op: { op: "serve" } });
      }
      join = ";";
      continue;
    }
    const cmd = readSimple();
    for (const op of withRedirect(commandOps(cmd, env))) {
      out.push({ join, op });
      join = ";";
    }
  }
  return out;

  function readLoopBody(): string[][] {
    const body: string[][] = [];
    while (i < words.length && words[i] !== "done") {
      if ([";", "&&", "||"].includes(words[i] as string)) {
        i++;
        continue;
      }
      const cmd = readSimple();
      if (cmd.length) body.push(cmd.filter((x) => x !== "done"));
      if (cmd.includes("done")) return body;
    }
    i++;
    return body;
  }
}

function expand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => env[name] ?? "");
}

const SERVERS = new Set([
  "nginx",
  "httpd",
  "httpd-foreground",
  "redis-server",
  "/pause",
  "pause",
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kube-proxy",
  "/coredns",
  "coredns",
  "/opt/bin/flanneld",
  "flanneld",
  "python",
  "python3",
  "node",
  "java",
  "mysqld",
  "postgres",
  "memcached",
]);

/** Utilities that do their work and exit 0 (run as PID 1 too). */
const ONE_SHOT = new Set([
  "cp",
  "mv",
  "mkdir",
  "ln",
  "chmod",
  "chown",
  "rm",
  "touch",
  "ls",
  "cat",
  "date",
  "env",
  "id",
  "whoami",
  "hostname",
  "wget",
  "curl",
  "sed",
  "grep",
  "awk",
  "tee",
  "uname",
  "df",
  "du",
  "ps",
]);

/** The ops of one simple command. */
function commandOps(cmd: string[], env: Record<string, string>): Op[] {
  let argv = cmd;
  while (argv[0] === "exec" || /^[A-Za-z_]+=/.test(argv[0] ?? "")) argv = argv.slice(1);
  const [name, ...args] = argv;
  if (!name) return [];
  const base = name.split("/").pop() as string;
  switch (base) {
    case "sleep":
      return [{ op: "sleep", seconds: sleepSeconds(args[0]) }];
    case "exit":
      return [{ op: "exit", code: Number(args[0] ?? 0) || 0 }];
    case "true":
    case ":":
      return [{ op: "status", code: 0 }];
    case "false":
      return [{ op: "status", code: 1 }];
    case "echo":
      return [{ op: "echo", text: expand(args.filter((a) => a !== "-n" && a !== "-e").join(" "), env) }];
    case "printenv":
      return Object.entries(env).map(([k, v]) => ({ op: "echo" as const, text: `${k}=${v}` }));
    case "nslookup":
      return [{ op: "nslookup", host: expand(args[0] ?? "", env) }];
    case "touch":
      return args.filter((a) => !a.startsWith("-")).map((path) => ({ op: "touch" as const, path }));
    case "rm":
      return args.filter((a) => !a.startsWith("-")).map((path) => ({ op: "rm" as const, path }));
    case "tail":
      return args.includes("-f") || args.includes("-F") ? [{ op: "serve" }] : [];
    case "stress": {
      const i = args.indexOf("--vm-bytes");
      const total = args.indexOf("-mem-total"); // vish/stress
      const bytes =
        i >= 0
          ? parseQuantity(normaliseStressBytes(args[i + 1]))
          : total >= 0
            ? parseQuantity(args[total + 1])
            : Number.NaN;
      const t = args.indexOf("--timeout");
      const ops: Op[] = [];
      if (!Number.isNaN(bytes)) ops.push({ op: "memory", bytes });
      ops.push(t >= 0 ? { op: "sleep", seconds: sleepSeconds(args[t + 1]) } : { op: "serve" });
      return ops;
    }
    default:
      if (SERVERS.has(name) || SERVERS.has(base)) return [{ op: "serve" }];
      return [{ op: "status", code: 0 }];
  }
}

/** stress takes "250M" meaning MiB (B, K, M, G suffixes). */
function normaliseStressBytes(arg: string | undefined): string {
  const m = /^(\d+)([BKMG]?)$/i.exec(arg ?? "");
  if (!m) return arg ?? "";
  const suffix = (m[2] ?? "").toUpperCase();
  return `${m[1]}${suffix === "" || suffix === "B" ? "" : `${suffix}i`}`;
}

/** The image's default behaviour when a container gives no command. */
function imageDefault(shortName: string): Program {
  if (SHELL_IMAGES.has(shortName)) return { statements: [], handlesSigterm: false, banner: [] };
  if (shortName === "hello-world")
    return {
      statements: [
        {
          join: ";",
          op: {
            op: "echo",
            text: "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n",
          },
        },
      ],
      handlesSigterm: false,
      banner: [],
    };
  return {
    statements: [{ join: ";", op: { op: "serve" } }],
    handlesSigterm: true,
    banner: bannerOf(shortName),
  };
}

/** Start-up lines a known server prints. */
function bannerOf(shortName: string): string[] {
  if (shortName === "nginx")
    return [
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
      "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
      "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
      "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
      "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
      "/docker-entrypoint.sh: Configuration complete; ready for start up",
      '{time} [notice] 1#1: using the "epoll" event method',
      "{time} [notice] 1#1: nginx/1.27.3",
      "{time} [notice] 1#1: start worker processes",
    ];
  if (shortName === "redis")
    return [
      "1:C {rtime} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
      "1:M {rtime} * Server initialized",
      "1:M {rtime} * Ready to accept connections tcp",
    ];
  if (shortName === "httpd")
    return [
      "{atime} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations",
    ];
  return [];
}

/**
 * The program a container runs, from its command, args, image short name and environment.
 * @example programOf(["sh", "-c", "sleep 20"], [], "busybox") // one sleep of 20 s, then exit 0
 */
export function programOf(
  command: string[] | undefined,
  args: string[] | undefined,
  imageShortName: string,
  env: Record<string, string> = {},
  image?: Pick<ImageConfig, "entrypoint" | "cmd">,
): Program {
  if (image) {
    // The catalog knows the image: the runtime's rule gives the argv (entrypoint, cmd, args).
    const resolved = processArgs(command, args, image);
    // No command at all: containerd refuses to create it; modelled as a process that exits.
    if (!resolved.ok) return { statements: [], handlesSigterm: false, banner: [] };
    let argv = resolved.argv;
    while (argv.length > 1 && ENTRYPOINT_WRAPPERS.has(argv[0] as string)) argv = argv.slice(1);
    return programOf(argv, [], imageShortName, env);
  }
  const argv = [...(command ?? []), ...(args ?? [])];
  if (!command?.length && !args?.length) return imageDefault(imageShortName);
  if (!command?.length) {
    // Only args: the image's entrypoint gets them. Shell images' entrypoint is the shell itself.
    if (SHELL_IMAGES.has(imageShortName)) return programOf(["sh", ...(args ?? [])], [], imageShortName, env);
    return imageDefault(imageShortName);
  }
  const first = argv[0] as string;
  if (SHELLS.has(first)) {
    const c = argv.indexOf("-c");
    if (c < 0) return { statements: [], handlesSigterm: false, banner: [] };
    return { statements: compileScript(argv[c + 1] ?? "", env), handlesSigterm: false, banner: [] };
  }
  const base = first.split("/").pop() as string;
  const statements = commandOps(argv, env).map((op) => ({ join: ";" as const, op }));
  const server =
    statements.some((s) => s.op.op === "serve") && !["tail", "cat", "sleep", "stress"].includes(base);
  if (
    statements.length === 1 &&
    statements[0]?.op.op === "status" &&
    !["true", "false", ":"].includes(base) &&
    !ONE_SHOT.has(base)
  )
    return { statements: [{ join: ";", op: { op: "serve" } }], handlesSigterm: true, banner: bannerOf(base) };
  return { statements, handlesSigterm: server, banner: server ? bannerOf(imageShortName) : [] };
}

/** What the program does next from a position: the runtime executes these one at a time. */
export type Step =
  | { type: "sleep"; seconds: number; next: number }
  | { type: "waitService"; host: string; interval: number; lines: string[]; next: number }
  | { type: "exit"; code: number }
  | { type: "serve" };

/** The state of a running program between steps. */
export interface ProgramState {
  pc: number;
  status: number;
  memory: number;
  /** Files the program wrote (text) or removed (null), by absolute path. */
  files?: Map<string, string | null>;
}

/**
 * Whether a path exists in a container: written by its program, or part of the image — anything
 * not removed and not under /tmp, which starts empty.
 */
export function pathExists(files: Map<string, string | null> | undefined, path: string): boolean {
  const f = files?.get(path);
  if (f !== undefined) return f !== null;
  return !path.startsWith("/tmp/");
}

/**
 * Runs a program from state.pc until it must wait: returns the step and the lines printed on the
 * way. resolve answers nslookup for a host.
 */
export function runUntilBlocked(
  program: Program,
  state: ProgramState,
  resolve: (host: string) => boolean,
): { step: Step; output: string[] } {
  const output: string[] = [];
  const ss = program.statements;
  for (let pc = state.pc; pc < ss.length; pc++) {
    const { join, op } = ss[pc] as Statement;
    if (join === "&&" && state.status !== 0) continue;
    if (join === "||" && state.status === 0) continue;
    switch (op.op) {
      case "echo":
        output.push(...op.text.split("\n"));
        state.status = 0;
        break;
      case "status":
        state.status = op.code;
        break;
      case "memory":
        state.memory = op.bytes;
        break;
      case "write": {
        state.files ??= new Map();
        const prev = op.append ? (state.files.get(op.path) ?? "") : "";
        state.files.set(op.path, `${prev}${op.text}\n`);
        state.status = 0;
        break;
      }
      case "touch":
        state.files ??= new Map();
        if (!state.files.get(op.path)) state.files.set(op.path, "");
        state.status = 0;
        break;
      case "rm":
        state.files ??= new Map();
        state.files.set(op.path, null);
        state.status = 0;
        break;
      case "nslookup": {
        const ok = resolve(op.host);
        output.push(...nslookupOutput(op.host, ok));
        state.status = ok ? 0 : 1;
        break;
      }
      case "exit":
        return { step: { type: "exit", code: op.code }, output };
      case "serve":
        return { step: { type: "serve" }, output };
      case "sleep":
        state.status = 0;
        if (op.seconds === Number.POSITIVE_INFINITY) return { step: { type: "serve" }, output };
        if (op.seconds > 0) return { step: { type: "sleep", seconds: op.seconds, next: pc + 1 }, output };
        break;
      case "waitService":
        if (!resolve(op.host)) {
          output.push(...nslookupOutput(op.host, false), ...op.lines);
          return {
            step: { type: "waitService", host: op.host, interval: op.interval, lines: op.lines, next: pc },
            output,
          };
        }
        output.push(...nslookupOutput(op.host, true));
        state.status = 0;
        break;
    }
  }
  return { step: { type: "exit", code: state.status }, output };
}

/** What busybox nslookup prints. */
export function nslookupOutput(host: string, found: boolean, ip = "10.96.0.1"): string[] {
  const fqdn = host.includes(".svc") ? host : `${host}.default.svc.cluster.local`;
  if (!found)
    return [
      "Server:\t\t10.96.0.10",
      "Address:\t10.96.0.10:53",
      "",
      `** server can't find ${fqdn}: NXDOMAIN`,
      "",
    ];
  return ["Server:\t\t10.96.0.10", "Address:\t10.96.0.10:53", "", `Name:\t${fqdn}`, `Address: ${ip}`, ""];
}

/** A Service a host name means, seen from a pod in namespace: {name, namespace}. */
export function serviceOfHost(host: string, namespace: string): { name: string; namespace: string } {
  const labels = host.replace(/\.$/, "").split(".");
  const name = labels[0] ?? "";
  let ns = namespace;
  const second = labels[1];
  if (second && second !== "svc" && !second.startsWith("$")) ns = second;
  return { name, namespace: ns };
}

/**
 * Runs a program from state.pc as if creditMs of time had already passed: sleeps and polls that
 * fit in it are taken, with the lines they printed. Returns the step it now waits on and the
 * credit left of it (a sleep's elapsed part). Rebuilds a running container's state after a
 * kubelet restart from its start time.
 */
export function replayProgram(
  program: Program,
  state: ProgramState,
  creditMs: number,
  resolve: (host: string) => boolean,
): { step: Step; output: string[]; creditMs: number } {
  const output: string[] = [];
  let credit = Math.max(0, creditMs);
  for (let guard = 0; guard < 10_000; guard++) {
    const r = runUntilBlocked(program, state, resolve);
    output.push(...r.output);
    const step = r.step;
    if (step.type === "sleep") {
      const ms = Math.round(step.seconds * 1000);
      if (credit < ms) return { step, output, creditMs: credit };
      credit -= ms;
      state.pc = step.next;
      continue;
    }
    if (step.type === "waitService") {
      const ms = Math.max(1, Math.round(step.interval * 1000));
      // A long wait: its many identical polls are not all replayed.
      if (credit >= ms * 50) credit = (credit % ms) + ms;
      if (credit < ms) return { step, output, creditMs: credit };
      credit -= ms;
      continue;
    }
    return { step, output, creditMs: credit };
  }
  return { step: { type: "serve" }, output, creditMs: credit };
}
