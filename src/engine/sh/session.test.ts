/** ShellSession (the terminal's shell), runScript and the shell program's argument handling. */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the rows are shell scripts, where ${x} is parameter expansion
import { describe, expect, it } from "vitest";
import { parseScript, runScript, ShellSession, ShSyntaxError, shellProgram } from "./index";
import type { CommandContext, Proc } from "./interface";
import { drive, fakeSystem, testFs, testUserland } from "./testkit";

function runProc(p: Proc, clock: { clock: number }): number {
  let r = p.next();
  while (!r.done) {
    if (r.value.kind === "sleep") clock.clock += r.value.ms;
    r = p.next();
  }
  return r.value;
}

describe("ShellSession", () => {
  const newSession = (dialect: "dash" | "bash" | "ash" = "bash") => {
    const sys = fakeSystem(40);
    const s = new ShellSession({
      dialect,
      fs: testFs(),
      sys,
      userland: testUserland(),
      env: { HOME: "/root", PATH: "/bin" },
      cwd: "/",
    });
    const run = (line: string) => {
      let out = "";
      let err = "";
      const st = runProc(s.run(line, { write: (t) => (out += t) }, { write: (t) => (err += t) }), sys);
      return { out, err, st };
    };
    return { s, run, sys };
  };

  it("keeps variables, functions, aliases, cwd and $? between lines", () => {
    const { s, run } = newSession();
    run("x=1; f() { echo f$1; }");
    run("alias hi='echo hello'");
    expect(run("echo $x; f 2; hi there").out).toBe("1\nf2\nhello there\n");
    run("cd /tmp");
    expect(s.cwd).toBe("/tmp");
    expect(run("false").st).toBe(1);
    expect(run("echo $?").out).toBe("1\n");
  });

  it("words not-found and syntax errors as an interactive shell, and goes on", () => {
    const { run } = newSession("bash");
    expect(run("nope")).toEqual({ out: "", err: "bash: nope: command not found\n", st: 127 });
    expect(run("if")).toEqual({ out: "", err: "bash: syntax error: unexpected end of file\n", st: 2 });
    expect(run("echo ${x:?unset}; echo no").err).toBe("bash: x: unset\n");
    expect(run("echo still here").out).toBe("still here\n");
  });

  it("counts lines for dash's messages", () => {
    const { run } = newSession("dash");
    run("true");
    expect(run("nope").err).toBe("sh: 2: nope: not found\n");
  });

  it("exit ends the session with its status, after the EXIT trap", () => {
    const { s, run } = newSession();
    run("trap 'echo bye' EXIT");
    expect(run("exit 4")).toEqual({ out: "bye\n", err: "", st: 4 });
    expect(s.exited).toBe(4);
  });

  it("Ctrl-C (INT) ends the running line with 130; the session goes on", () => {
    const { s, run, sys } = newSession();
    let out = "";
    const p = s.run("sleep 100; echo never", { write: (t) => (out += t) }, { write: () => {} });
    expect(p.next().value).toEqual({ kind: "sleep", ms: 100000 });
    sys.signal?.("INT");
    const r = p.next();
    expect(r).toEqual({ done: true, value: 130 });
    expect(out).toBe("");
    expect(run("echo $?; echo next").out).toBe("130\nnext\n");
  });

  it("sleeps on the virtual clock", () => {
    const { run, sys } = newSession();
    const before = sys.clock;
    expect(run("sleep 2; echo up").out).toBe("up\n");
    expect(sys.clock - before).toBe(2000);
  });
});

describe("the shell program", () => {
  it("runs a script from stdin, and exits 0 at once with nothing on stdin", () => {
    expect(drive(["sh"], "dash", testFs(), "echo hi\necho $0\n").stdout).toBe("hi\nsh\n");
    expect(drive(["sh"], "dash", testFs(), "")).toEqual({ stdout: "", stderr: "", status: 0, waits: [] });
  });

  it("takes -e, -x and -u, and a script path with arguments", () => {
    const fs = testFs({ "/s.sh": 'echo "$0 $1 $#"; false; echo not reached' });
    expect(drive(["sh", "-e", "/s.sh", "a", "b"], "dash", fs)).toMatchObject({
      stdout: "/s.sh a 2\n",
      status: 1,
    });
    expect(drive(["sh", "-xc", "echo x"], "dash")).toMatchObject({ stdout: "x\n", stderr: "+ echo x\n" });
    expect(drive(["sh", "-uc", "echo $u"], "dash").stderr).toBe("sh: 1: u: parameter not set\n");
  });

  it("names itself as argv[0] says (/bin/sh -c in a pod spec)", () => {
    expect(drive(["/bin/sh", "-c", "nope"], "dash").stderr).toBe("/bin/sh: 1: nope: not found\n");
    expect(drive(["/bin/bash", "-c", "nope"], "bash").stderr).toBe(
      "/bin/bash: line 1: nope: command not found\n",
    );
  });

  it("-c without its argument is an error", () => {
    expect(drive(["sh", "-c"], "dash")).toMatchObject({
      stderr: "sh: 0: -c requires an argument\n",
      status: 2,
    });
    expect(drive(["bash", "-c"], "bash")).toMatchObject({
      stderr: "bash: -c: option requires an argument\n",
      status: 2,
    });
  });

  it("runs a script after earlier lines even when a later line has a syntax error", () => {
    expect(drive(["sh", "-c", "echo first\nif"], "dash")).toMatchObject({
      stdout: "first\n",
      stderr: 'sh: 2: Syntax error: end of file unexpected (expecting "then")\n',
      status: 2,
    });
  });
});

describe("runScript and parseScript", () => {
  it("runs script text in a context", () => {
    let out = "";
    const sys = fakeSystem();
    const ctx = {
      argv: [],
      env: { PATH: "/bin" },
      cwd: "/",
      stdin: "",
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: () => {} },
      fs: testFs(),
      sys,
      exec: () => 0,
      userland: testUserland(),
    } as unknown as CommandContext;
    expect(
      runProc(runScript('for a in "$@"; do echo $a; sleep 1; done', ctx, "ash", { args: ["x", "y"] }), sys),
    ).toBe(0);
    expect(out).toBe("x\ny\n");
  });

  it("throws ShSyntaxError with the line and each dialect's wording", () => {
    const err = (src: string, d: "dash" | "bash" | "ash") => {
      try {
        parseScript(src, d);
      } catch (e) {
        return e as ShSyntaxError;
      }
      throw new Error("parsed");
    };
    const e = err("echo ok\nwhile true; do", "dash");
    expect(e).toBeInstanceOf(ShSyntaxError);
    expect(e.line).toBe(2);
    expect(e.message).toBe('Syntax error: end of file unexpected (expecting "done")');
    expect(e.format("sh")).toBe('sh: 2: Syntax error: end of file unexpected (expecting "done")');
    expect(err("case x in", "ash").format("sh")).toBe(
      'sh: syntax error: unexpected end of file (expecting ")")',
    );
    expect(err("if true; then", "dash").message).toBe(
      'Syntax error: end of file unexpected (expecting "fi")',
    );
    expect(err("{", "dash").message).toBe('Syntax error: end of file unexpected (expecting "}")');
    expect(err("fi", "bash").format("bash", "file")).toBe(
      "bash: line 1: syntax error near unexpected token `fi'\nbash: line 1: `fi'",
    );
  });

  it("a shell program is a Program", () => {
    const p = shellProgram("bash");
    expect(typeof p).toBe("function");
  });
});
