/**
 * The script shell: what the terminal, the CLI and the conformance cases type into. It runs
 * kubectl, `sleep N` (advances simulated time), `ssh NODE` ... `exit` into a node's host, file
 * commands on that host, `systemctl`/`crictl`/`docker` there, with pipes, `&&`, `||`, `;`,
 * redirections and heredocs. After every top-level command the cluster settles.
 */
import type { Cluster } from "../engine/cluster";
import { FsError, NodeFileSystem, parentOf, resolvePath } from "../engine/node/fs";
import type { NodeHost } from "../engine/node/interface";
import { kubectl } from "../kubectl";
import { type CommandResult, terminalText } from "../kubectl/interface";
import { FILE_COMMANDS } from "./coreutils";
import { type CommandList, LAST_EXIT, parseCommand, ShellSyntaxError, type SimpleCommand } from "./tokenize";

export { splitScript } from "./script";

const HOME = "/root";

/** How a shell starts. */
export interface ShellOptions {
  /** The node whose host the shell starts on (a lab's controlplane); default: a control-plane node if any. */
  home?: string;
  /**
   * The full-screen editors (vi, vim, nano) where the shell has a real terminal to lend them, as
   * the CLI does; without it they say the terminal has none. Edits go through the file system.
   */
  editor?: FullScreenEditor;
  /** `kubectl edit` opens the app's YAML editor (the result's edit field) instead of an editor program. */
  appEditor?: boolean;
}

/** Opens files of the shell's file system in a real full-screen editor (argv: `vi FILE...`). */
export type FullScreenEditor = (argv: string[], fs: NodeFileSystem, cwd: string) => CommandResult;

/** The editors a FullScreenEditor stands in for. */
export const FULL_SCREEN_EDITORS = ["vi", "vim", "nano"];

interface Session {
  /** undefined for the workstation (no node). */
  host?: NodeHost;
  fs: NodeFileSystem;
  cwd: string;
}

/** A shell session on the cluster, with its ssh stack, working directories and variables. */
export class Shell {
  private readonly stack: Session[] = [];
  private readonly workstation = new NodeFileSystem();
  private readonly env: Record<string, string> = { HOME, "?": "0" };
  private readonly history: string[] = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly options: ShellOptions = {},
  ) {
    this.workstation.mkdir(HOME, true);
    this.workstation.mkdir("/tmp", true);
  }

  /** The prompt a terminal shows: `root@controlplane:~# `. */
  prompt(): string {
    const s = this.current();
    const where = s.host?.nodeName ?? (this.options.home || "workstation");
    const dir = s.cwd === HOME ? "~" : s.cwd.startsWith(`${HOME}/`) ? `~${s.cwd.slice(HOME.length)}` : s.cwd;
    return `root@${where}:${dir}# `;
  }

  /** The node the shell is on now, if any. */
  currentNode(): string | undefined {
    return this.current().host?.nodeName;
  }

  /** Commands run so far. */
  getHistory(): readonly string[] {
    return this.history;
  }

  /** Runs one top-level command (its first line plus heredoc bodies) and settles the cluster. */
  run(text: string): CommandResult {
    this.history.push(text.split("\n")[0] ?? "");
    return this.runWithInput(text, "");
  }

  /** Runs a command line whose first command reads stdin (ssh hands its input to the remote command). */
  private runWithInput(text: string, stdin: string): CommandResult {
    let list: CommandList;
    try {
      // bash's own variables, as on the host the shell is on now.
      const here = this.current();
      const vars = {
        USER: "root",
        SHELL: "/bin/bash",
        HOSTNAME: here.host?.nodeName ?? (this.options.home || "workstation"),
        PWD: here.cwd,
        ...this.env,
      };
      list = parseCommand(text, vars);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { stdout: "", stderr: `bash: ${e.message}\n`, exit: 2 };
      throw e;
    }
    let stdout = "";
    let stderr = "";
    // What a terminal shows: both streams in the order the commands wrote them.
    let combined = "";
    // `kubectl edit` for the app's editor.
    let edit: CommandResult["edit"];
    let exit = 0;
    let unread = stdin;
    for (const { op, pipeline } of list) {
      if (op === "&&" && exit !== 0) continue;
      if (op === "||" && exit === 0) continue;
      let input = unread;
      unread = "";
      for (const [i, cmd] of pipeline.entries()) {
        const r = this.runSimple(cmd, input);
        this.cluster.settle();
        stderr += r.stderr;
        exit = r.exit;
        if (r.edit) edit = r.edit;
        if (i < pipeline.length - 1) {
          input = r.stdout;
          combined += r.stderr;
        } else {
          stdout += r.stdout;
          combined += terminalText(r);
        }
      }
      this.env["?"] = String(exit);
    }
    this.cluster.settle();
    const result: CommandResult = { stdout, stderr, exit };
    if (combined !== stdout + stderr) result.combined = combined;
    if (edit) result.edit = edit;
    return result;
  }

  private current(): Session {
    const top = this.stack[this.stack.length - 1];
    if (top) return top;
    const homeNode = this.options.home ?? this.controlPlaneNode();
    const host = homeNode ? this.cluster.hosts.get(homeNode) : undefined;
    const fs = host?.fs ?? this.workstation;
    if (!fs.isDir(HOME)) fs.mkdir(HOME, true);
    const base: Session = { host, fs, cwd: HOME };
    // The base session is re-derived each time (nodes come and go) but keeps its cwd.
    base.cwd = this.baseCwd ?? HOME;
    return base;
  }

  private baseCwd?: string;

  private controlPlaneNode(): string | undefined {
    for (const node of this.cluster.api.list("Node"))
      if (
        node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined &&
        this.cluster.hosts.has(node.metadata.name as string)
      )
        return node.metadata.name;
    return undefined;
  }

  private setCwd(cwd: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.cwd = cwd;
    else this.baseCwd = cwd;
  }

  private runSimple(parsed: SimpleCommand, pipedInput: string): CommandResult {
    const session = this.current();
    const status = this.env["?"] ?? "0";
    const subst = (w: string) => w.split(LAST_EXIT).join(status);
    const cmd: SimpleCommand = {
      argv: parsed.argv.map(subst),
      redirects: parsed.redirects.map((r) => ({ ...r, target: subst(r.target) })),
    };
    let stdin = pipedInput;
    for (const r of cmd.redirects) {
      if (r.op === "<<") stdin = r.target;
      else if (r.op === "<") {
        try {
          stdin = session.fs.read(resolvePath(session.cwd, r.target));
        } catch (e) {
          if (e instanceof FsError)
            return { stdout: "", stderr: `bash: ${r.target}: No such file or directory\n`, exit: 1 };
          throw e;
        }
      }
    }
    // VAR=value assignments.
    if (cmd.argv.length === 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd.argv[0] as string)) {
      const [k, ...v] = (cmd.argv[0] as string).split("=");
      this.env[k as string] = v.join("=");
      return { stdout: "", stderr: "", exit: 0 };
    }
    let result = cmd.argv.length
      ? this.dispatch(cmd.argv, stdin, session)
      : { stdout: "", stderr: "", exit: 0 };
    for (const r of cmd.redirects) {
      if (r.op === ">&1" && r.fd === 2)
        result = { stdout: terminalText(result), stderr: "", exit: result.exit };
      if (r.op !== ">" && r.op !== ">>") continue;
      if (r.target === "/dev/null") {
        result =
          r.fd === 2
            ? { ...result, stderr: "", combined: undefined }
            : { ...result, stdout: "", combined: undefined };
        continue;
      }
      const path = resolvePath(session.cwd, r.target);
      const text = r.fd === 2 ? result.stderr : result.stdout;
      try {
        const prev = r.op === ">>" && session.fs.isFile(path) ? session.fs.read(path) : "";
        session.fs.write(path, prev + text);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        const why = session.fs.isDir(path) ? "Is a directory" : "No such file or directory";
        return { stdout: "", stderr: `bash: ${r.target}: ${why}\n`, exit: 1 };
      }
      result =
        r.fd === 2
          ? { ...result, stderr: "", combined: undefined }
          : { ...result, stdout: "", combined: undefined };
    }
    return result;
  }

  private dispatch(argv: string[], stdin: string, session: Session): CommandResult {
    const [name, ...args] = argv as [string, ...string[]];
    switch (name) {
      case "kubectl":
      case "k":
        return kubectl(
          {
            cluster: this.cluster,
            namespace: "default",
            env: { ...this.env },
            appEditor: this.options.appEditor,
            runEditor: (command, path) => this.runEditor(command, path, session),
            removeFile: (p) => {
              const path = resolvePath(session.cwd, p);
              if (session.fs.isFile(path)) session.fs.remove(path);
            },
            localFs: session.fs,
            localCwd: session.cwd,
            readFile: (p) => session.fs.read(resolvePath(session.cwd, p)),
            writeFile: (p, text) => {
              const path = resolvePath(session.cwd, p);
              const dir = parentOf(path);
              if (!session.fs.isDir(dir)) session.fs.mkdir(dir, true);
              session.fs.write(path, text);
            },
            listDir: (p) => {
              const path = resolvePath(session.cwd, p);
              return session.fs.isDir(path)
                ? session.fs.list(path).map((n) => resolvePath(path, n))
                : undefined;
            },
          },
          args,
          stdin,
        );
      case "sleep": {
        const seconds = parseDuration(args[0]);
        if (seconds === undefined)
          return { stdout: "", stderr: `sleep: invalid time interval '${args[0] ?? ""}'\n`, exit: 1 };
        this.cluster.advance(seconds);
        return { stdout: "", stderr: "", exit: 0 };
      }
      case "ssh":
        return this.ssh(args, stdin);
      case "exit":
      case "logout":
        if (this.stack.length === 0) return { stdout: "", stderr: "", exit: Number(args[0] ?? 0) };
        {
          const left = this.stack.pop();
          return { stdout: `logout\nConnection to ${left?.host?.nodeName} closed.\n`, stderr: "", exit: 0 };
        }
      case "cd": {
        const target = resolvePath(session.cwd, args[0] ?? HOME);
        if (!session.fs.isDir(target))
          return { stdout: "", stderr: `bash: cd: ${args[0]}: No such file or directory\n`, exit: 1 };
        this.setCwd(target);
        return { stdout: "", stderr: "", exit: 0 };
      }
      case "export": {
        for (const a of args) {
          const [k, ...v] = a.split("=");
          if (k && v.length) this.env[k] = v.join("=");
        }
        return { stdout: "", stderr: "", exit: 0 };
      }
      case "true":
      case "clear":
        return { stdout: "", stderr: "", exit: 0 };
      case "false":
        return { stdout: "", stderr: "", exit: 1 };
      case "hostname":
        return { stdout: `${session.host?.nodeName ?? "workstation"}\n`, stderr: "", exit: 0 };
      case "whoami":
        return { stdout: "root\n", stderr: "", exit: 0 };
      case "history":
        return {
          stdout: this.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(""),
          stderr: "",
          exit: 0,
        };
      case "ps":
        if (!session.host) return { stdout: "", stderr: `bash: ${name}: command not found\n`, exit: 127 };
        return this.ps(args, session.host);
      case "systemctl":
      case "crictl":
      case "docker": {
        if (!session.host) return { stdout: "", stderr: `bash: ${name}: command not found\n`, exit: 127 };
        if (name === "systemctl") {
          const verb = args.find((a) => !a.startsWith("-"));
          const unit = args.filter((a) => !a.startsWith("-"))[1];
          if (!verb) return { stdout: "", stderr: "systemctl: missing verb\n", exit: 1 };
          return session.host.systemctl(verb, (unit ?? "").replace(/\.service$/, ""));
        }
        return name === "crictl" ? session.host.crictl(args) : session.host.docker(args);
      }
      default: {
        if (this.options.editor && FULL_SCREEN_EDITORS.includes(name))
          return this.options.editor(argv, session.fs, session.cwd);
        const fileCommand = FILE_COMMANDS[name];
        if (fileCommand) return fileCommand(argv, stdin, { fs: session.fs, cwd: session.cwd });
        return { stdout: "", stderr: `bash: ${name}: command not found\n`, exit: 127 };
      }
    }
  }

  /**
   * Runs `kubectl edit`'s editor on a file as editor.go's Launch does: one word is a program
   * (exit 127 when there is none), several are a command line for the shell.
   */
  private runEditor(command: string, path: string, session: Session): CommandResult {
    if (/\s/.test(command.trim())) return this.runWithInput(`${command} ${path}`, "");
    const r = this.dispatch([command.trim(), path], "", session);
    return r.exit === 127 ? { stdout: "", stderr: "", exit: 127 } : r;
  }

  /**
   * `ps -ef` / `ps aux` on a node: init, containerd and the kubelet (with the command line its
   * systemd unit reports, so `ps -aux | grep kubelet` shows `--config=...`), then the shell.
   */
  private ps(args: string[], host: NodeHost): CommandResult {
    const procs: { pid: number; ppid: number; cmd: string }[] = [
      { pid: 1, ppid: 0, cmd: "/sbin/init" },
      { pid: 600, ppid: 1, cmd: "/usr/bin/containerd" },
    ];
    const status = host.systemctl("status", "kubelet").stdout;
    const kubelet = /Active: active[\s\S]*?└─(\d+) (.*)/.exec(status);
    if (kubelet) procs.push({ pid: Number(kubelet[1]), ppid: 1, cmd: kubelet[2] as string });
    procs.push({ pid: 4321, ppid: 4300, cmd: "-bash" });
    procs.push({ pid: 4400, ppid: 4321, cmd: `ps ${args.join(" ")}`.trim() });
    const bsd = args.some((a) => !a.startsWith("-") && /[aux]/.test(a)) || args.includes("-aux");
    const lines = bsd
      ? [
          "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
          ...procs.map(
            (p) =>
              `root    ${String(p.pid).padStart(8)}  0.0  0.1  10000  5000 ${p.cmd === "-bash" || p.cmd.startsWith("ps") ? "pts/0   " : "?       "} Ss   00:00   0:00 ${p.cmd}`,
          ),
        ]
      : [
          "UID          PID    PPID  C STIME TTY          TIME CMD",
          ...procs.map(
            (p) =>
              `root    ${String(p.pid).padStart(8)}${String(p.ppid).padStart(8)}  0 00:00 ${p.cmd === "-bash" || p.cmd.startsWith("ps") ? "pts/0   " : "?       "} 00:00:00 ${p.cmd}`,
          ),
        ];
    return { stdout: `${lines.join("\n")}\n`, stderr: "", exit: 0 };
  }

  private ssh(args: string[], stdin: string): CommandResult {
    const operands = args.filter((a) => !a.startsWith("-"));
    const target = (operands[0] ?? "").replace(/^.*@/, "");
    if (!target)
      return { stdout: "", stderr: "usage: ssh destination [command [argument ...]]\n", exit: 255 };
    const host = this.cluster.hosts.get(target);
    if (!host)
      return {
        stdout: "",
        stderr: `ssh: Could not resolve hostname ${target}: Name or service not known\n`,
        exit: 255,
      };
    if (!host.fs.isDir(HOME)) host.fs.mkdir(HOME, true);
    this.stack.push({ host, fs: host.fs, cwd: HOME });
    if (operands.length > 1) {
      // `ssh node01 CMD`: run it there and come back.
      try {
        return this.runWithInput(operands.slice(1).join(" "), stdin);
      } finally {
        this.stack.pop();
      }
    }
    return { stdout: "", stderr: "", exit: 0 };
  }
}

/** `sleep` operands: `5`, `1.5`, `2m`, `1h`, `10s`. */
export function parseDuration(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text ?? "");
  if (!m) return undefined;
  const n = Number(m[1]);
  return n * ({ "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as string] ?? 1);
}

export { parentOf };
