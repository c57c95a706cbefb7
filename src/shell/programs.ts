/**
 * The programs of the terminal's nodes besides Ubuntu's userland: kubectl, ssh, systemctl,
 * crictl, docker (answered by the node's host), history, clear and the full-screen editors. They
 * read the stdin the shell gives them and write where it says, so they pipe and redirect as any
 * program does.
 */
import { etcdctl, etcdutl } from "../engine/etcd/etcdctl";
import { helm, NO_KUBECONFIG } from "../engine/helm/cmd";
import { kubeadm } from "../engine/kubeadm";
import { listUnitFiles } from "../engine/kubelet/host";
import { aptCache, aptGet, aptMark } from "../engine/node/apt";
import { resolvePath } from "../engine/node/fs";
import type { NodeHost } from "../engine/node/interface";
import { opensslProgram } from "../engine/pki/openssl";
import { sshKeygenProgram } from "../engine/pki/sshkeygen";
import { runScript, shellProgram } from "../engine/sh";
import { gnuUserland } from "../engine/sh/applets/userland";
import type { CommandContext, Output, Proc, Program, Userland } from "../engine/sh/interface";
import { Pipe } from "../engine/sh/pipe";
import { kubectl } from "../kubectl";
import type { CommandResult, KubectlServer, LogStream } from "../kubectl/interface";
import { Capture, driveProc, writeInterleaved } from "./drive";
import type { Shell } from "./index";
import { FULL_SCREEN_EDITORS } from "./index";
import { terminalSystem } from "./system";
import { parseSystemctlArgs } from "./systemctl-args";
import { listUnits } from "./systemctl-units";

/**
 * Ubuntu 22.04's packages on a kubeadm exam node beyond the base: ps, curl, dig, nc, wget, and
 * the tools exercises type there (jq, yq).
 */
const NODE_PACKAGES = [
  "procps",
  "curl",
  "dnsutils",
  "netcat-openbsd",
  "wget",
  "bsdextrautils",
  "iproute2",
  "iputils-ping",
  "net-tools",
  "traceroute",
  "telnet",
  "zip",
  "unzip",
  "less",
  "man-db",
  "file",
  "bc",
  "tree",
  "jq",
  "yq",
] as const;

/** The message for a program this host does not have. */
function notFound(ctx: CommandContext): number {
  ctx.stderr.write(`${ctx.argv[0]}: command not found\n`);
  return 127;
}

/** A node's userland with the terminal's programs; host() is the node (undefined: the workstation). */
export function terminalUserland(shell: Shell, host: () => NodeHost | undefined): Userland {
  const onHost =
    (run: (h: NodeHost, args: string[]) => CommandResult): Program =>
    (ctx) => {
      const h = host();
      if (!h) return notFound(ctx);
      const r = run(h, ctx.argv.slice(1));
      shell.cluster.settle();
      writeInterleaved(r, ctx.stdout, ctx.stderr);
      return r.exit;
    };
  const editor: Program = (ctx) => {
    const real = shell.options.editor;
    if (!real) {
      ctx.stderr.write(
        `${ctx.argv[0]}: this terminal has no full-screen editor; write files with 'cat > FILE <<EOF' or change them with 'sed -i', or open them in the YAML editor\n`,
      );
      return 1;
    }
    const r = real(ctx.argv, ctx.fs, ctx.cwd);
    writeInterleaved(r, ctx.stdout, ctx.stderr);
    return r.exit;
  };
  const extra: Record<string, Program> = {
    kubectl: kubectlProgram(shell),
    ssh: sshProgram(shell),
    systemctl: onHost((h, args) => {
      const { operands, types, legend, states, all } = parseSystemctlArgs(args);
      if (!operands[0]) return { stdout: "", stderr: "systemctl: missing verb\n", exit: 1 };
      if (operands[0] === "list-unit-files")
        return { stdout: listUnitFiles(types, operands.slice(1), legend), stderr: "", exit: 0 };
      if (operands[0] === "list-units") {
        const options = { types, patterns: operands.slice(1), states, all, legend };
        return { stdout: listUnits(h.units?.() ?? [], options), stderr: "", exit: 0 };
      }
      return h.systemctl(operands[0], (operands[1] ?? "").replace(/\.service$/, ""));
    }),
    crictl: onHost((h, args) => h.crictl(args)),
    journalctl: onHost(
      (h, args) => h.journalctl?.(args) ?? { stdout: "-- No entries --\n", stderr: "", exit: 0 },
    ),
    openssl: opensslProgram(() => shell.cluster.rng),
    "ssh-keygen": sshKeygenProgram(() => shell.cluster.rng),
    docker: onHost((h, args) => h.docker(args)),
    "iptables-save": onHost((h) => h.iptablesSave?.() ?? { stdout: "", stderr: "", exit: 0 }),
    history: (ctx) => {
      ctx.stdout.write(
        shell
          .getHistory()
          .map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`)
          .join(""),
      );
      return 0;
    },
    clear: () => 0,
    sudo: sudoProgram,
    su: suProgram,
    service: onNode(host, serviceProgram),
    // The etcd client tools kubeadm exam nodes have installed (etcd v3.5's release tarball).
    etcdctl: onNode(host, etcdctl),
    etcdutl: onNode(host, etcdutl),
    // kubeadm and apt, acting on the node's packages (dpkg's database) and the cluster.
    kubeadm: kubeadmProgram(shell, host),
    // helm v3 as CKA exam hosts have it: against the cluster with the host's kubeconfig.
    helm: helmProgram(shell, host),
    "apt-get": onHostFs(host, aptGet),
    apt: onHostFs(host, aptGet),
    "apt-mark": onHostFs(host, aptMark),
    "apt-cache": onHostFs(host, aptCache),
    "/usr/bin/sh": shellProgram("dash"),
    "/usr/bin/dash": shellProgram("dash"),
    "/usr/bin/bash": shellProgram("bash"),
  };
  for (const name of FULL_SCREEN_EDITORS) extra[name] = editor;
  return gnuUserland(extra, NODE_PACKAGES);
}

/** A node program that works on the node's files (apt): the workstation has none. */
function onHostFs(
  host: () => NodeHost | undefined,
  run: (fs: NodeHost["fs"], args: string[]) => CommandResult,
): Program {
  return (ctx) => {
    const h = host();
    if (!h) return notFound(ctx);
    const r = run(h.fs, ctx.argv.slice(1));
    writeInterleaved(r, ctx.stdout, ctx.stderr);
    return r.exit;
  };
}

/** kubeadm on a node: the installed package's release, against the cluster and the node's files. */
function kubeadmProgram(shell: Shell, host: () => NodeHost | undefined): Program {
  return (ctx) => {
    const h = host();
    if (!h) return notFound(ctx);
    shell.cluster.settle();
    const r = kubeadm(
      { cluster: shell.cluster, nodeName: h.nodeName, fs: h.fs },
      ctx.argv.slice(1),
      ctx.stdin,
    );
    if (typeof r === "function") return r(ctx);
    shell.cluster.settle();
    writeInterleaved(r, ctx.stdout, ctx.stderr);
    return r.exit;
  };
}

/**
 * helm with the shell's files; on a node it reaches the cluster only through a kubeconfig
 * ($KUBECONFIG or ~/.kube/config), as client-go does.
 */
function helmProgram(shell: Shell, host: () => NodeHost | undefined): Program {
  return (ctx) => {
    const h = host();
    const home = ctx.env.HOME ?? "/root";
    const kubeconfig = ctx.env.KUBECONFIG ? resolvePath(ctx.cwd, ctx.env.KUBECONFIG) : `${home}/.kube/config`;
    shell.cluster.settle();
    const r = helm(
      {
        cluster: shell.cluster,
        fs: ctx.fs,
        cwd: ctx.cwd,
        env: { ...ctx.env },
        unreachable: h && !ctx.fs.isFile(kubeconfig) ? NO_KUBECONFIG : undefined,
      },
      ctx.argv.slice(1),
    );
    shell.cluster.settle();
    writeInterleaved(r, ctx.stdout, ctx.stderr);
    return r.exit;
  };
}

/** A program only nodes have: the workstation says it has no such command. */
function onNode(host: () => NodeHost | undefined, program: Program): Program {
  return (ctx) => (host() ? program(ctx) : notFound(ctx));
}

/**
 * sudo: the terminal is root on every node, so `sudo CMD` runs CMD as it is; `sudo -i`, `sudo -s`
 * and `sudo su` (a root shell) change nothing. Options that take a value (-u root) are skipped;
 * `VAR=value` words before the command set its environment.
 */
const sudoProgram: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  let i = 0;
  let shell = false;
  for (; i < args.length && (args[i] as string).startsWith("-"); i++) {
    const a = args[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-i" || a === "-s" || a === "--login" || a === "--shell") shell = true;
    if (a === "-u" || a === "-g" || a === "-h" || a === "-p" || a === "-C") i++;
  }
  // sudo [VAR=value] ... command: the assignments go into the command's environment.
  const assigned: Record<string, string> = {};
  for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i] as string); i++) {
    const a = args[i] as string;
    assigned[a.slice(0, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
  }
  const command = args.slice(i);
  if (command.length === 0) {
    if (shell) return 0;
    ctx.stderr.write(
      "usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]\n            [-u user] [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-C num] [-D directory]\n            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]\n            [-u user] [VAR=value] [-i | -s] [<command>]\nusage: sudo -e [-ABkNnS] [-C num] [-D directory]\n            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]\n            [-u user] file ...\n",
    );
    return 1;
  }
  if (command.length === 1 && (command[0] === "su" || command[0] === "-i")) return 0;
  return Object.keys(assigned).length > 0
    ? ctx.exec(command, ctx.stdin, { ...ctx.env, ...assigned })
    : ctx.exec(command, ctx.stdin);
};

/**
 * Ubuntu's service (init-system-helpers): `service NAME ACTION` is `systemctl ACTION NAME.service`
 * on a systemd machine; a name without an action runs its /etc/init.d script, which no unit here
 * has.
 */
const serviceProgram: Program = (ctx) => {
  const [name, action, ...rest] = ctx.argv.slice(1);
  if (name === undefined || name === "--help" || name === "-h") {
    ctx.stderr.write(
      "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n",
    );
    return name === undefined ? 1 : 0;
  }
  if (name === "--status-all") return 0;
  if (action === undefined) {
    ctx.stderr.write(`${name}: unrecognized service\n`);
    return 1;
  }
  if (action === "--full-restart") return ctx.exec(["systemctl", "restart", `${name}.service`]);
  return ctx.exec(["systemctl", action, `${name}.service`, ...rest]);
};

/**
 * util-linux su: the terminal is root, so `su`, `su -` and `su root` open the root shell it is
 * already in; `su -c CMD` runs CMD; other users do not exist on these hosts.
 */
const suProgram: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  let command: string | undefined;
  const users: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-c" || a === "--command") command = args[++i];
    else if (a.startsWith("--command=")) command = a.slice(10);
    else if (a === "-" || a === "-l" || a === "--login" || a === "-m" || a === "-p") continue;
    else if (a === "-s" || a === "--shell") i++;
    else users.push(a);
  }
  const user = users[0] ?? "root";
  if (user !== "root") {
    ctx.stderr.write(
      `su: user ${user} does not exist or the user entry does not contain all the required fields\n`,
    );
    return 1;
  }
  return command === undefined ? 0 : ctx.exec(["bash", "-c", command]);
};

/** kubectl with the shell's files, environment and stdin; `kubectl exec -it` hands the terminal over. */
function kubectlProgram(shell: Shell): Program {
  return (ctx) => {
    const cluster = shell.cluster;
    const path = (p: string) => resolvePath(ctx.cwd, p);
    let piped: LogStream | undefined;
    let kept: KubectlServer | undefined;
    cluster.settle();
    const r = kubectl(
      {
        cluster,
        namespace: "default",
        env: { ...ctx.env },
        appEditor: shell.options.appEditor,
        runEditor: (command, file) => runEditor(shell, ctx, command, file),
        runProgram: (argv) => runProgram(shell, ctx, argv),
        removeFile: (p) => {
          if (ctx.fs.isFile(path(p))) ctx.fs.remove(path(p));
        },
        localFs: ctx.fs,
        localCwd: ctx.cwd,
        readFile: (p) => ctx.fs.read(path(p)),
        writeFile: (p, text) => {
          const full = path(p);
          const dir = full.slice(0, full.lastIndexOf("/")) || "/";
          if (!ctx.fs.isDir(dir)) ctx.fs.mkdir(dir, true);
          ctx.fs.write(full, text);
        },
        listDir: (p) =>
          ctx.fs.isDir(path(p)) ? ctx.fs.list(path(p)).map((n) => resolvePath(path(p), n)) : undefined,
        // What goes to the terminal streams on there; into a pipe (`logs -f | grep x`) this
        // program goes on writing what comes; into a file (or a script's output) it ends with what
        // is there, unless the stream ends by itself (`get -w --request-timeout=30s`).
        follow:
          shell.options.follow && ctx.stdout === shell.terminal
            ? (stream) => {
                shell.requests.follow = stream;
              }
            : (stream) => {
                if (ctx.stdout instanceof Pipe || stream.deadline !== undefined) piped = stream;
                else stream.close?.();
              },
        attachShell: (s, onClose) => {
          shell.requests.enter = { kind: "container", shell: s, onClose };
        },
        host: {
          listen: (listener) => (ctx.sys.portInUse?.(listener.port) ? undefined : ctx.sys.listen(listener)),
          freePort: () => {
            // Linux's ephemeral range (net.ipv4.ip_local_port_range 32768 60999).
            let port = 32768 + cluster.rng.int(60999 - 32768);
            while (ctx.sys.portInUse?.(port)) port = port === 60999 ? 32768 : port + 1;
            return port;
          },
          keep: (server) => {
            kept = server;
          },
        },
      },
      ctx.argv.slice(1),
      ctx.stdin,
    );
    cluster.settle();
    if (r.edit) shell.requests.edit = r.edit;
    writeInterleaved(r, ctx.stdout, ctx.stderr);
    if (piped && r.exit === 0) return followInto(piped, ctx.stdout, () => cluster.clock.now());
    piped?.close?.();
    if (!kept) return r.exit;
    kept.attach(ctx.stdout, ctx.stderr);
    return serving(kept);
  };
}

/** The process of a kubectl that goes on serving (port-forward, proxy): it ends when killed or on its own. */
function* serving(server: KubectlServer): Proc {
  try {
    for (;;) {
      const ended = server.ended();
      if (ended !== undefined) return ended;
      yield { kind: "forever" };
    }
  } finally {
    server.close();
  }
}

/** How often `kubectl logs -f` into a pipe looks for new lines (virtual ms). */
const FOLLOW_POLL_MS = 1000;

/**
 * `kubectl logs -f` or `get -w` into a pipe (or until its deadline): what comes goes on into it
 * until the stream ends (or the reader goes: SIGPIPE at the next write), then the stream closes.
 */
function* followInto(stream: LogStream, out: Output, now: () => number): Proc {
  try {
    for (;;) {
      // A stream with a deadline wakes at it, not a poll later.
      const left = stream.deadline === undefined ? FOLLOW_POLL_MS : stream.deadline - now();
      yield { kind: "sleep", ms: Math.max(0, Math.min(FOLLOW_POLL_MS, left)) };
      const text = stream.next();
      if (text) out.write(text);
      if (stream.ended()) return 0;
    }
  } finally {
    stream.close?.();
  }
}

/** Runs argv on the shell's host as exec.Command does (no shell words); undefined when there is no such program. */
function runProgram(shell: Shell, ctx: CommandContext, argv: string[]): CommandResult | undefined {
  const name = argv[0] ?? "";
  const found = name.includes("/")
    ? ctx.fs.isFile(resolvePath(ctx.cwd, name))
    : Boolean(ctx.userland?.lookup(name, ctx.env.PATH ?? ""));
  if (!found) return undefined;
  const cap = new Capture();
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const exit = driveProc(
    shell.cluster,
    runScript(quoted, { ...ctx, argv: [], stdin: "", stdout: cap.out, stderr: cap.err }, "bash"),
    {},
  );
  const r: CommandResult = { stdout: cap.stdout, stderr: cap.stderr, exit };
  if (cap.combined !== cap.stdout + cap.stderr) r.combined = cap.combined;
  return r;
}

/**
 * Runs `kubectl edit`'s editor on a file as editor.go's Launch does: one word is a program
 * (exit 127 when there is none), several are a command line for the shell.
 */
function runEditor(shell: Shell, ctx: CommandContext, command: string, file: string): CommandResult {
  const words = command.trim();
  if (!/\s/.test(words) && !ctx.userland?.lookup(words, ctx.env.PATH ?? ""))
    return { stdout: "", stderr: "", exit: 127 };
  const cap = new Capture();
  const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
  const target = {};
  const exit = driveProc(
    shell.cluster,
    runScript(
      `${words} ${quoted}`,
      { ...ctx, argv: [], stdin: "", stdout: cap.out, stderr: cap.err },
      "bash",
    ),
    target,
  );
  return { stdout: cap.stdout, stderr: cap.stderr, exit };
}

/**
 * `ssh NODE` enters a session on the node's host once the line is done; `ssh NODE CMD` runs CMD
 * in a login shell there with the line's stdin and comes back.
 */
function sshProgram(shell: Shell): Program {
  return (ctx) => {
    // ssh's options come before the destination; everything after it is the remote command.
    const args = ctx.argv.slice(1);
    let at = 0;
    while (at < args.length && (args[at] as string).startsWith("-")) {
      if (/^-[BbcDEeFIiJLlmOopQRSWw]$/.test(args[at] as string)) at++;
      at++;
    }
    const operands = args.slice(at);
    const target = (operands[0] ?? "").replace(/^.*@/, "");
    if (!target) {
      ctx.stderr.write("usage: ssh destination [command [argument ...]]\n");
      return 255;
    }
    const host = shell.cluster.hosts.get(target);
    if (!host) {
      ctx.stderr.write(`ssh: Could not resolve hostname ${target}: Name or service not known\n`);
      return 255;
    }
    if (operands.length === 1) {
      shell.requests.enter = { kind: "node", host };
      return 0;
    }
    if (!host.fs.isDir("/root")) host.fs.mkdir("/root", true);
    return runScript(
      operands.slice(1).join(" "),
      {
        ...ctx,
        argv: [],
        fs: host.fs,
        sys: terminalSystem(
          shell.cluster,
          () => host,
          () => host.nodeName,
        ),
        cwd: "/root",
        userland: terminalUserland(shell, () => host),
        env: { ...ctx.env, HOME: "/root" },
      },
      "bash",
    );
  };
}
