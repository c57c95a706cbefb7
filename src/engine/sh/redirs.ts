/**
 * Redirections (POSIX 2.7): `<`, `>`, `>>`, `>|`, `<>`, `n>&m`, `n<&-`, here-documents, bash's
 * `&>` and `<<<`, and the special files /dev/null, /dev/stdin, /dev/stdout, /dev/stderr. Errors
 * are worded as each dialect's shell words them; the command does not run.
 */
import { resolvePath } from "../node/fs";
import type { Redir } from "./ast";
import { expandString } from "./expand";
import type { Output } from "./interface";
import type { Gen, Run, Runner } from "./interp";
import { type Fd, FileOutput, Input, NULL_OUTPUT } from "./io";

/** Runs fn with redirections applied, restoring the file descriptors after. */
export function* withRedirs(r: Runner, redirs: Redir[], fn: () => Run): Gen<number> {
  if (!redirs.length) {
    const x = fn();
    return typeof x === "number" ? x : yield* x;
  }
  const saved = r.fds;
  r.fds = new Map(saved);
  const opened: FileOutput[] = [];
  try {
    const st = yield* openRedirs(r, redirs, opened);
    if (st !== 0) return st;
    const x = fn();
    return typeof x === "number" ? x : yield* x;
  } finally {
    r.fds = saved;
    for (const f of opened) {
      try {
        f.close();
      } catch {
        // The file was checked when opened; a later failure has nothing to report to.
      }
    }
  }
}

/** `exec >file 2>&1`: redirections that stay for the rest of the shell. */
export function* applyRedirs(r: Runner, redirs: Redir[]): Gen<number> {
  const opened: FileOutput[] = [];
  const st = yield* openRedirs(r, redirs, opened);
  for (const f of opened) r.proc.main.permanentFiles.push(f);
  return st;
}

/** Applies redirections to r.fds in order; a failure is reported and returns its status. */
function* openRedirs(r: Runner, redirs: Redir[], opened: FileOutput[]): Gen<number> {
  for (const rd of redirs) {
    if (rd.op === "<<" || rd.op === "<<-") {
      const text = yield* expandString(r, rd.heredoc ?? []);
      r.fds.set(rd.fd, { input: new Input(text) });
      continue;
    }
    if (rd.op === "<<<") {
      const text = yield* expandString(r, rd.target);
      r.fds.set(rd.fd, { input: new Input(`${text}\n`) });
      continue;
    }
    const target = yield* expandString(r, rd.target);
    if (rd.op === ">&" || rd.op === "<&") {
      if (target === "-") {
        r.fds.delete(rd.fd);
        continue;
      }
      if (/^[0-9]+$/.test(target)) {
        const fd = r.fds.get(Number(target));
        if (!fd)
          return redirError(
            r,
            `${target}: Bad file descriptor`,
            `${r.dialect === "dash" ? `${target}: Bad file descriptor` : `${target}: Bad file descriptor`}`,
          );
        r.fds.set(rd.fd, fd);
        continue;
      }
      if (rd.op === "<&" || r.dialect !== "bash")
        return redirError(r, `${target}: Bad file descriptor`, `${target}: ambiguous redirect`);
    }
    const path = resolvePath(r.cwd, target);
    if (rd.op === "<" || rd.op === "<>") {
      const fd = openInput(r, path, target);
      if (!fd) return redirFailed(r);
      r.fds.set(rd.fd, fd);
      continue;
    }
    const out = openOutput(r, path, target, rd.op === ">>" || rd.op === "&>>", rd.op, opened);
    if (!out) return redirFailed(r);
    r.fds.set(rd.fd, { output: out });
    if (rd.op === "&>" || rd.op === "&>>" || (rd.op === ">&" && rd.fd === 1)) r.fds.set(2, { output: out });
  }
  return 0;
}

/** The status of a failed redirection: dash's 2, the others' 1. */
function redirFailed(r: Runner): number {
  const st = r.dialect === "dash" ? 2 : 1;
  return st;
}

/** Reports a redirection error; returns its status. */
function redirError(r: Runner, _a: string, msg: string): number {
  r.warn(msg);
  return redirFailed(r);
}

/** Opens a file for reading (`<`), or reports why not. */
function openInput(r: Runner, path: string, target: string): Fd | undefined {
  if (path === "/dev/null") return { input: new Input("") };
  const procsub = r.proc.procSubs.get(path);
  if (procsub !== undefined) return { input: new Input(procsub) };
  if (path === "/dev/stdin") return r.fds.get(0) ?? { input: new Input("") };
  try {
    return { input: new Input(r.fs.read(path)) };
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^.*: /, "") : "No such file or directory";
    if (r.dialect === "dash")
      r.warn(`cannot open ${target}: ${reason === "No such file or directory" ? "No such file" : reason}`);
    else if (r.dialect === "ash")
      r.warn(`can't open ${target}: ${reason === "No such file or directory" ? "no such file" : reason}`);
    else r.warn(`${target}: ${reason}`);
    return undefined;
  }
}

/** Opens a file for writing (`>`, `>>`, `&>`), or reports why not. */
function openOutput(
  r: Runner,
  path: string,
  target: string,
  append: boolean,
  op: string,
  opened: FileOutput[],
): Output | undefined {
  if (path === "/dev/null") return NULL_OUTPUT;
  if (path === "/dev/stdout") return r.fds.get(1)?.output ?? NULL_OUTPUT;
  if (path === "/dev/stderr") return r.fds.get(2)?.output ?? NULL_OUTPUT;
  if (path === "/dev/tty" || path === "/dev/console") return r.fds.get(2)?.output ?? NULL_OUTPUT;
  if (r.opts.noclobber && op === ">" && r.fs.isFile(path)) {
    r.warn(
      r.dialect === "bash"
        ? `${target}: cannot overwrite existing file`
        : `cannot create ${target}: File exists`,
    );
    return undefined;
  }
  const pending =
    opened.find((f) => f.path === path) ?? r.proc.main.permanentFiles.find((f) => f.path === path);
  if (pending && append) return pending;
  try {
    let initial = "";
    if (append && r.fs.isFile(path)) initial = r.fs.read(path);
    r.fs.write(path, initial);
    const f = new FileOutput(r.fs, path);
    opened.push(f);
    return f;
  } catch (e) {
    let reason = e instanceof Error ? e.message.replace(/^.*: /, "") : "No such file or directory";
    if (r.dialect === "dash") {
      if (reason === "No such file or directory") reason = "Directory nonexistent";
      r.warn(`cannot create ${target}: ${reason}`);
    } else if (r.dialect === "ash") {
      if (reason === "No such file or directory") reason = "nonexistent directory";
      r.warn(`can't create ${target}: ${reason}`);
    } else r.warn(`${target}: ${reason}`);
    return undefined;
  }
}
