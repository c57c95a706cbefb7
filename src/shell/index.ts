/**
 * The script shell: what the terminal, the CLI and the conformance cases type into. Each line runs
 * in bash (src/engine/sh, interactive) on a node of the cluster with the node's Ubuntu userland
 * and file system, plus the terminal's own programs: kubectl (and its alias k), `ssh NODE` ...
 * `exit`, systemctl, crictl, docker, the full-screen editors. `sleep N` advances simulated time;
 * `kubectl exec -it POD -- sh` opens a session inside the container until `exit`. After every
 * top-level command the cluster settles.
 */
import type { Cluster } from "../engine/cluster";
import { NodeFileSystem } from "../engine/node/fs";
import type { ContainerShell, NodeHost } from "../engine/node/interface";
import { ShellSession } from "../engine/sh";
import type { FileSystem, Output, System } from "../engine/sh/interface";
import { type CommandResult, type EditRequest, type LogStream, terminalText } from "../kubectl/interface";
import { Capture, driveProc, driveUntil, ForegroundLine, type SignalTarget } from "./drive";
import { terminalUserland } from "./programs";
import { followingFs, terminalSystem } from "./system";

export { splitScript } from "./script";

const HOME = "/root";

/**
 * At a terminal that streams, a line still waiting after this many waits (a `tail -f`, a watch
 * loop) goes on in the foreground as the clock plays, until it ends or Ctrl+C; `sleep 30` (one
 * wait) still jumps the clock at once.
 */
export const STREAM_AFTER_WAITS = 10;

/** Where output nobody sees goes. */
const SILENT = { write() {} };

/** The environment a login shell on a kubeadm node (Ubuntu 22.04) starts with. */
const LOGIN_ENV: Record<string, string> = {
  HOME,
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  USER: "root",
  LOGNAME: "root",
  SHELL: "/bin/bash",
  TERM: "xterm",
};

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
  /**
   * The terminal streams what goes on after a command returns (readFollow) until Ctrl+C
   * (interrupt): `kubectl logs -f` until the container stops, a line that keeps waiting (`tail
   * -f`, a watch loop) until it ends. Without it, logs -f prints what there is and a waiting line
   * runs on the clock at once (bounded, then Ctrl+C).
   */
  follow?: boolean;
}

/** Opens files of the shell's file system in a real full-screen editor (argv: `vi FILE...`). */
export type FullScreenEditor = (argv: string[], fs: FileSystem, cwd: string) => CommandResult;

/** The editors a FullScreenEditor stands in for. */
export const FULL_SCREEN_EDITORS = ["vi", "vim", "nano"];

/** A bash session on a node (or on the workstation when there is no node). */
interface NodeFrame {
  kind: "node";
  host: () => NodeHost | undefined;
  name: () => string;
  session: ShellSession;
  sys: System & SignalTarget;
}

/** An interactive shell inside a container (`kubectl exec -it`). */
interface ContainerFrame {
  kind: "container";
  shell: ContainerShell;
  /** The node frame it was opened from. */
  node: NodeFrame;
  /** What happens when the shell ends (`kubectl run -it --rm` deletes its pod). */
  onClose?: (exit: number) => CommandResult;
}

type Frame = NodeFrame | ContainerFrame;

/** What a line's programs ask of the terminal once the line is done. */
export interface LineRequests {
  /** `ssh NODE` / `kubectl exec -it`: the session to enter. */
  enter?:
    | { kind: "node"; host: NodeHost }
    | { kind: "container"; shell: ContainerShell; onClose?: (exit: number) => CommandResult };
  /** `kubectl edit` in the app: the buffer to open. */
  edit?: EditRequest;
  /** `kubectl logs -f`: what the terminal keeps printing. */
  follow?: LogStream;
}

/** A shell session on the cluster, with its ssh stack, working directories and variables. */
export class Shell {
  private readonly stack: Frame[] = [];
  private readonly workstation = new NodeFileSystem();
  private readonly history: string[] = [];
  private base: NodeFrame;
  /** What the last command left running in the foreground (`kubectl logs -f`, `tail -f`). */
  private stream?: { read(): { text: string; ended: boolean }; interrupt(): void };
  /** Requests of the line being run. */
  requests: LineRequests = {};
  /** Where the line being run writes when nothing redirects it: the terminal. */
  terminal?: Output;
  /** The capture of the line being run, or the last one (where background jobs' output lands). */
  private current = new Capture();
  /**
   * The terminal's two streams as every line of a node's session gets them: what is written goes
   * to the line being run (or the last one), so a background job started by an earlier line
   * (`kubectl port-forward ... &`) prints into the terminal where it is at the time.
   */
  private readonly tty: { out: Output; err: Output } = {
    out: { write: (t) => this.current.out.write(t), terminal: true },
    err: { write: (t) => this.current.err.write(t), terminal: true },
  };

  constructor(
    readonly cluster: Cluster,
    readonly options: ShellOptions = {},
  ) {
    this.workstation.mkdir(HOME, true);
    this.workstation.mkdir("/tmp", true);
    this.base = this.newBase();
  }

  /** The prompt a terminal shows: `root@controlplane:~# `, or the container shell's own. */
  prompt(): string {
    const top = this.top();
    if (top.kind === "container") return top.shell.prompt();
    const cwd = top.session.cwd;
    const dir = cwd === HOME ? "~" : cwd.startsWith(`${HOME}/`) ? `~${cwd.slice(HOME.length)}` : cwd;
    return `root@${top.name()}:${dir}# `;
  }

  /** The node the shell is on now, if any (for a container session, the node it was opened from). */
  currentNode(): string | undefined {
    const top = this.top();
    return (top.kind === "container" ? top.node : top).host()?.nodeName;
  }

  /** Whether an ssh or container session is open (`exit` leaves it rather than the shell). */
  inSession(): boolean {
    return this.stack.length > 0;
  }

  /** Commands run so far. */
  getHistory(): readonly string[] {
    return this.history;
  }

  /** Runs one top-level command (its first line plus heredoc bodies) and settles the cluster. */
  run(text: string): CommandResult {
    this.history.push(text.split("\n")[0] ?? "");
    this.requests = {};
    const top = this.top();
    let result: CommandResult;
    if (top.kind === "container") result = this.runInContainer(top, text);
    else result = this.runOnNode(top, text);
    this.cluster.settle();
    const { enter, edit, follow } = this.requests;
    this.requests = {};
    if (follow && (top.kind !== "node" || this.stream)) follow.close?.();
    if (follow && top.kind === "node" && !this.stream) {
      const frame = top;
      this.stream = {
        read: () => {
          const r = { text: follow.next(), ended: follow.ended() };
          if (r.ended) follow.close?.();
          return r;
        },
        // Ctrl+C: `$?` is 130, as for an interrupted command.
        interrupt: () => {
          follow.close?.();
          driveProc(this.cluster, frame.session.run("(exit 130)", SILENT, SILENT), frame.sys);
        },
      };
    }
    if (enter?.kind === "node")
      this.stack.push(
        this.nodeFrame(
          () => enter.host,
          () => enter.host.nodeName,
        ),
      );
    else if (enter?.kind === "container") {
      const from = this.top();
      this.stack.push({
        kind: "container",
        shell: enter.shell,
        node: from.kind === "node" ? from : from.node,
        onClose: enter.onClose,
      });
      // A client's welcome (the mysql monitor's) comes before its first prompt.
      const greeting = enter.shell.greeting;
      if (greeting) {
        const before = terminalText(result);
        result = { ...result, stdout: result.stdout + greeting };
        if (result.stderr) result.combined = before + greeting;
      }
    }
    if (edit) result.edit = edit;
    return result;
  }

  /** Whether a command still streams in the foreground (`kubectl logs -f`); lines wait until it ends. */
  following(): boolean {
    return this.stream !== undefined;
  }

  /**
   * What the foreground stream wrote since the last call, and whether it ended (the container
   * stopped): then the prompt is back.
   */
  readFollow(): { text: string; ended: boolean } {
    const s = this.stream;
    if (!s) return { text: "", ended: true };
    const r = s.read();
    if (r.ended) this.stream = undefined;
    this.cluster.settle();
    return r;
  }

  /** Ctrl+C: the foreground command stops. */
  interrupt(): void {
    const s = this.stream;
    if (!s) return;
    this.stream = undefined;
    s.interrupt();
    this.cluster.settle();
  }

  /** Runs a line in a node's bash; `exit` there leaves the ssh session. */
  private runOnNode(frame: NodeFrame, text: string): CommandResult {
    // A login shell's `logout` is its `exit`.
    const line = text.trim() === "logout" ? "exit" : text;
    const cap = new Capture();
    this.current = cap;
    this.terminal = this.tty.out;
    const proc = frame.session.run(line, this.tty.out, this.tty.err);
    const ran = driveUntil(
      this.cluster,
      proc,
      frame.sys,
      this.options.follow ? STREAM_AFTER_WAITS : undefined,
    );
    if (typeof ran === "number") {
      this.leaveIfExited(frame, cap);
      return resultOf(cap, ran);
    }
    // A line that keeps waiting (`tail -f`, a watch loop) goes on as the terminal's clock plays.
    const line0 = new ForegroundLine(this.cluster, proc, frame.sys, ran.waiting);
    let shown = cap.combined.length;
    const more = () => {
      const text = cap.combined.slice(shown);
      shown = cap.combined.length;
      return text;
    };
    this.stream = {
      read: () => {
        const status = line0.poll();
        if (status !== undefined) this.leaveIfExited(frame, cap);
        return { text: more(), ended: status !== undefined };
      },
      interrupt: () => {
        line0.interrupt();
        this.leaveIfExited(frame, cap);
      },
    };
    return resultOf(cap, 0);
  }

  /** After a line: `exit` in an ssh session leaves it; at home it starts a new login shell. */
  private leaveIfExited(frame: NodeFrame, cap: Capture): void {
    if (frame.session.exited === undefined) return;
    if (frame === this.base) this.base = this.newBase();
    else if (this.stack.includes(frame)) {
      this.stack.splice(this.stack.indexOf(frame), 1);
      // bash says logout as a login shell ends; ssh says the connection closed.
      cap.err.write(`logout\nConnection to ${frame.name()} closed.\n`);
    }
  }

  /** Runs a line in a container's shell; when it ends, the terminal is back where it was. */
  private runInContainer(frame: ContainerFrame, text: string): CommandResult {
    const r = frame.shell.run(text);
    this.cluster.settle();
    const result: CommandResult = { stdout: r.stdout, stderr: r.stderr, exit: r.exit };
    if (r.combined !== undefined) result.combined = r.combined;
    if (r.closed) {
      this.stack.pop();
      const after = frame.onClose
        ? frame.onClose(r.exit)
        : {
            stdout: "",
            stderr: r.exit !== 0 ? `command terminated with exit code ${r.exit}\n` : "",
            exit: r.exit,
          };
      const shown = terminalText(result);
      result.stdout += after.stdout;
      result.stderr += after.stderr;
      result.exit = after.exit;
      if (after.stdout || after.stderr) result.combined = shown + terminalText(after);
      if (result.combined === result.stdout + result.stderr) delete result.combined;
      // kubectl ends with that status: `$?` on the node says it.
      driveProc(
        this.cluster,
        frame.node.session.run(`(exit ${result.exit})`, SILENT, SILENT),
        frame.node.sys,
      );
    }
    return result;
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1] ?? this.base;
  }

  /** The home session: on the home node's host while it exists, else on the workstation. */
  private newBase(): NodeFrame {
    const host = () => {
      const name = this.options.home ?? this.controlPlaneNode();
      return name ? this.cluster.hosts.get(name) : undefined;
    };
    const name = () => host()?.nodeName ?? (this.options.home || "workstation");
    return this.nodeFrame(host, name);
  }

  private nodeFrame(host: () => NodeHost | undefined, name: () => string): NodeFrame {
    const fs = followingFs(() => host()?.fs ?? this.workstation);
    if (!fs.isDir(HOME)) fs.mkdir(HOME, true);
    const sys = terminalSystem(this.cluster, host, name);
    const session = new ShellSession({
      dialect: "bash",
      fs,
      sys,
      userland: terminalUserland(this, host),
      env: { ...LOGIN_ENV },
      cwd: HOME,
      argv0: "bash",
    });
    // As on a CKA exam's nodes, k is kubectl.
    driveProc(this.cluster, session.run("alias k=kubectl", SILENT, SILENT), sys);
    return { kind: "node", host, name, session, sys };
  }

  private controlPlaneNode(): string | undefined {
    for (const node of this.cluster.api.list("Node"))
      if (
        node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined &&
        this.cluster.hosts.has(node.metadata.name as string)
      )
        return node.metadata.name;
    return undefined;
  }
}

/** A line's result: both streams, and their interleaving when it differs from stdout then stderr. */
function resultOf(cap: Capture, exit: number): CommandResult {
  const result: CommandResult = { stdout: cap.stdout, stderr: cap.stderr, exit };
  if (cap.combined !== cap.stdout + cap.stderr) result.combined = cap.combined;
  return result;
}

/** `sleep` operands as the CLI's interruptible sleep reads them: `5`, `1.5`, `2m`, `1h`, `10s`. */
export function parseDuration(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text ?? "");
  if (!m) return undefined;
  const n = Number(m[1]);
  return n * ({ "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as string] ?? 1);
}
