/**
 * An interactive shell in a container (`kubectl exec -it POD -- sh`): one process beside PID 1,
 * so ps shows it, running a ShellSession that keeps variables, cwd and `$?` between the lines a
 * terminal sends. Each line is driven on the cluster's clock: while it sleeps the cluster advances;
 * a line that would wait forever (`tail -f`) gets a Ctrl-C, as a person at the terminal would.
 */
import type { Cluster } from "../cluster";
import type { ContainerShell, ExecResult } from "../node/interface";
import type { Dialect } from "../sh";
import { ShellSession } from "../sh";
import type { LineSession, Output, Proc, Program } from "../sh/interface";
import { ttyExecEnv } from "./envvars";
import type { ContainerSandbox } from "./sandbox";

/** How long one interactive line may keep the cluster's clock moving (simulated seconds). */
export const SHELL_LINE_MAX_SECONDS = 3600;

/** The dialect a shell program speaks: bash by name, busybox's sh/ash, Debian's sh (dash). */
export function dialectOf(argv0: string, userlandKind: string): Dialect {
  const base = argv0.slice(argv0.lastIndexOf("/") + 1);
  if (base === "bash" || base === "rbash") return "bash";
  if (userlandKind === "busybox") return "ash";
  return "dash";
}

/** Database clients that open an interactive session at a terminal unless given statements to run. */
const INTERACTIVE_CLIENTS: Readonly<Record<string, (args: string[]) => boolean>> = {
  mysql: (args) => args.some((a) => /^(-[A-Za-z]*e|--execute)/.test(a)),
  psql: (args) => args.some((a) => /^(-[A-Za-z]*[cfV]|--command|--file|--version)/.test(a)),
  // redis-cli runs the command its words name, else opens its prompt (redis-cli.c main).
  "redis-cli": (args) => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (["-h", "-p", "-a", "-n", "-u", "--user", "--pass"].includes(a)) i++;
      else if (!a.startsWith("-") || a === "--version" || a === "-v") return true;
    }
    return false;
  },
};

/**
 * The program a terminal ends up talking to: an image's docker-entrypoint.sh given a command that
 * is not its server (`docker-entrypoint.sh mysql -h db -p...`) execs that command.
 */
export function sessionArgv(argv: string[]): string[] {
  const first = argv[0] ?? "";
  return first.slice(first.lastIndexOf("/") + 1) === "docker-entrypoint.sh" && argv.length > 1
    ? argv.slice(1)
    : argv;
}

/**
 * Whether argv starts an interactive session rather than a command: a shell (`sh`, `/bin/bash`,
 * `ash -l`), or a database client without statements to run (`mysql -p`, `psql -U postgres`).
 */
export function isShellCommand(command: string[]): boolean {
  const argv = sessionArgv(command);
  const base = (argv[0] ?? "").slice((argv[0] ?? "").lastIndexOf("/") + 1);
  const client = INTERACTIVE_CLIENTS[base];
  if (client) return !client(argv.slice(1));
  return (
    ["sh", "ash", "bash", "dash", "rbash"].includes(base) && argv.slice(1).every((a) => /^-[il]+$/.test(a))
  );
}

/** `\w`: the working directory with HOME shown as `~`. */
function tildeDir(cwd: string, home: string | undefined): string {
  if (home && home !== "/" && (cwd === home || cwd.startsWith(`${home}/`)))
    return `~${cwd.slice(home.length)}`;
  return cwd;
}

/**
 * Opens an interactive shell process in a container's sandbox; a StartFailure's text if it cannot.
 * attach: the shell stands for the main process (`kubectl run -it`), which ends with its status.
 */
export function openContainerShell(
  cluster: Cluster,
  sandbox: ContainerSandbox,
  argv: string[],
  attach = false,
): ContainerShell | { message: string } | { exited: ExecResult } {
  if (isShellCommand(argv)) argv = sessionArgv(argv);
  const found = sandbox.findProgram(argv[0] ?? "");
  if ("message" in found) return found;
  if (found.program.interactive) return openLineSession(cluster, sandbox, argv, found.program, attach);
  const dialect = dialectOf(found.argv0Path, sandbox.spec.userland.kind);
  let sink: { out: Output; err: Output } = { out: { write() {} }, err: { write() {} } };
  const queue: string[] = [];
  let lineStatus: number | undefined;
  let session: ShellSession | undefined;
  const program: Program = (ctx) => {
    const env = ttyExecEnv(ctx.env);
    if (env.HOME === undefined) env.HOME = sandbox.spec.user.uid === 0 ? "/root" : "/";
    const s = new ShellSession({
      dialect,
      fs: ctx.fs,
      sys: ctx.sys,
      userland: sandbox.spec.userland,
      env,
      cwd: ctx.cwd,
      argv0: argv[0]?.slice(argv[0].lastIndexOf("/") + 1),
    });
    session = s;
    return (function* (): Proc {
      for (;;) {
        const line = queue.shift();
        if (line === undefined) {
          yield { kind: "forever" };
          continue;
        }
        const st = yield* s.run(line, sink.out, sink.err);
        lineStatus = st;
        if (s.exited !== undefined) {
          // An interactive bash says `exit` as it leaves.
          if (dialect === "bash") sink.err.write("exit\n");
          return s.exited;
        }
      }
    })();
  };
  let exitCode: number | undefined;
  const runner = sandbox.start(argv, program, { stdout: { write() {} }, stderr: { write() {} } }, (code) => {
    exitCode = code;
    if (attach) sandbox.mainProcess()?.kill(code);
  });
  const user = sandbox.spec.user;
  return {
    get alive() {
      return runner.alive;
    },
    prompt() {
      const s = session;
      if (!s) return "# ";
      const sign = user.uid === 0 ? "#" : "$";
      const dir = tildeDir(s.cwd, s.get("HOME"));
      if (dialect === "bash") return `${user.name}@${sandbox.spec.hostname}:${dir}${sign} `;
      if (dialect === "ash") return `${dir} ${sign} `;
      return `${sign} `;
    },
    run(line) {
      if (!runner.alive) return { stdout: "", stderr: "", exit: exitCode ?? 0, closed: true };
      const capture = new LineCapture(true);
      sink = capture;
      lineStatus = undefined;
      queue.push(line);
      runner.wake();
      const deadline = cluster.clock.now() + SHELL_LINE_MAX_SECONDS * 1000;
      let interrupted = false;
      while (lineStatus === undefined && runner.alive) {
        const until = runner.waitingUntil();
        if (until === undefined || until > deadline) {
          if (interrupted) {
            runner.kill(130);
            break;
          }
          // Ctrl-C: the line ends, the shell stays.
          interrupted = true;
          capture.out.write("^C\n");
          runner.signal("INT");
          continue;
        }
        cluster.advance(Math.max(0, until - cluster.clock.now()) / 1000);
      }
      sink = { out: { write() {} }, err: { write() {} } };
      const closed = !runner.alive;
      return capture.result(closed ? (exitCode ?? lineStatus ?? 0) : (lineStatus ?? 130), closed);
    },
    close() {
      runner.kill(129);
    },
  };
}

/**
 * Opens an interactive client (the mysql monitor, psql) as a process beside PID 1: its greeting
 * becomes the shell's greeting; a client that cannot connect ends at once with what it printed.
 */
function openLineSession(
  cluster: Cluster,
  sandbox: ContainerSandbox,
  argv: string[],
  client: Program,
  attach: boolean,
): ContainerShell | { exited: ExecResult } {
  let out = "";
  let err = "";
  let opening = "";
  let sink: { out: Output; err: Output } = {
    out: {
      write: (t) => {
        out += t;
        opening += t;
      },
    },
    err: {
      write: (t) => {
        err += t;
        opening += t;
      },
    },
  };
  const queue: string[] = [];
  let session: LineSession | undefined;
  let lineDone = false;
  const program: Program = (ctx) => {
    const opened =
      client.interactive?.({ ...ctx, env: ttyExecEnv(ctx.env), stdout: sink.out, stderr: sink.err }) ?? 1;
    if (typeof opened === "number") return opened;
    session = opened;
    return (function* (): Proc {
      for (;;) {
        const line = queue.shift();
        if (line === undefined) {
          yield { kind: "forever" };
          continue;
        }
        const st = opened.line(line, sink.out, sink.err);
        lineDone = true;
        if (st !== undefined) return st;
      }
    })();
  };
  let exitCode: number | undefined;
  const runner = sandbox.start(argv, program, { stdout: { write() {} }, stderr: { write() {} } }, (code) => {
    exitCode = code;
    if (attach) sandbox.mainProcess()?.kill(code);
  });
  if (!runner.alive) return { exited: { stdout: out, stderr: err, exit: exitCode ?? 1 } };
  return {
    greeting: attach ? undefined : opening,
    get alive() {
      return runner.alive;
    },
    prompt: () => session?.prompt() ?? "",
    run(line) {
      if (!runner.alive) return { stdout: "", stderr: "", exit: exitCode ?? 0, closed: true };
      const capture = new LineCapture(false);
      sink = capture;
      lineDone = false;
      queue.push(line);
      runner.wake();
      while (!lineDone && runner.alive && runner.waitingUntil() !== undefined)
        cluster.advance(Math.max(0, (runner.waitingUntil() ?? 0) - cluster.clock.now()) / 1000);
      sink = { out: { write() {} }, err: { write() {} } };
      const closed = !runner.alive;
      return capture.result(closed ? (exitCode ?? 0) : 0, closed);
    },
    close() {
      runner.kill(129);
    },
  };
}

/** What one line of a session writes: each stream, and both in the order written. */
class LineCapture {
  private stdout = "";
  private stderr = "";
  private combined = "";
  readonly out: Output;
  readonly err: Output;

  constructor(terminal: boolean) {
    this.out = {
      ...(terminal ? { terminal: true } : {}),
      write: (t) => {
        this.stdout += t;
        this.combined += t;
      },
    };
    this.err = {
      write: (t) => {
        this.stderr += t;
        this.combined += t;
      },
    };
  }

  /** The line's result; `combined` only when the streams interleaved. */
  result(exit: number, closed: boolean): ExecResult & { combined?: string; closed: boolean } {
    const r: ExecResult & { combined?: string; closed: boolean } = {
      stdout: this.stdout,
      stderr: this.stderr,
      exit,
      closed,
    };
    if (this.combined !== this.stdout + this.stderr) r.combined = this.combined;
    return r;
  }
}
