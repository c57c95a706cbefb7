/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: node template literals are the input */
/**
 * The simulated interpreters against what CPython 3.13, node 23 and perl 5.40 print for the
 * one-liners learners type (each expected text is the real interpreter's output), and the one
 * line they print for a program beyond them.
 */
import { describe, expect, it } from "vitest";
import { runProgram } from "../../testing";
import { PERL_UNSUPPORTED, perl } from "../perl";
import { NODE_UNSUPPORTED, node, PYTHON_UNSUPPORTED, python } from "../python";

const env = { HOME: "/root", PATH: "/usr/local/bin:/usr/bin", GREETING: "hello" };

describe("python -c", () => {
  const cases: [string, string][] = [
    ["print(1+1)", "2\n"],
    ["print(7/2, 7//2, 7%3, -7//2, 2**100)", "3.5 3 1 -4 1267650600228229401496703205376\n"],
    ["print(4/2, 0.1+0.2, 1e16, 1/3)", "2.0 0.30000000000000004 1e+16 0.3333333333333333\n"],
    ["import os; print(os.environ['HOME'])", "/root\n"],
    ["import os; print(os.environ.get('NOPE', 'default'), os.getenv('GREETING'))", "default hello\n"],
    ["name = 'k8s'; print(f'hello {name.upper()} {1+2:>3} {3.14159:.2f}')", "hello K8S   3 3.14\n"],
    ["print('%s-%d' % ('a', 5)); print('{} {}'.format(1, 'x'))", "a-5\n1 x\n"],
    ["print('a', 'b', sep=',', end='!\\n'); print(len('abc'), 'x' * 3, [1, 'a'])", "a,b!\n3 xxx [1, 'a']\n"],
    ["import socket; print(socket.gethostname())", "pod\n"],
    ["x = 5\nx += 2\nprint(x > 6, x == 7, None, 'ab' in 'cabd')", "True True None True\n"],
  ];
  it.each(cases)("%s", (code, out) => {
    expect(runProgram(python, ["python3", "-c", code], { env })).toMatchObject({
      stdout: out,
      stderr: "",
      status: 0,
    });
  });

  it("raises as CPython does: the traceback and exit 1", () => {
    expect(runProgram(python, ["python3", "-c", "print(1/0)"], { env })).toMatchObject({
      stderr:
        'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nZeroDivisionError: division by zero\n',
      status: 1,
    });
    expect(runProgram(python, ["python3", "-c", "print('a')\nprint(nope)"], { env })).toMatchObject({
      stdout: "a\n",
      stderr: `Traceback (most recent call last):\n  File "<string>", line 2, in <module>\nNameError: name 'nope' is not defined\n`,
      status: 1,
    });
  });

  it("sleeps on the virtual clock; stdout into a pipe flushes at exit unless unbuffered", () => {
    const run = runProgram(
      python,
      ["python", "-c", "import time\nprint('start')\ntime.sleep(30)\nprint('end')"],
      {
        env,
      },
    );
    expect(run.stdout).toBe("");
    run.advance(30_000);
    expect(run).toMatchObject({ stdout: "start\nend\n", status: 0 });
    const unbuffered = runProgram(
      python,
      ["python", "-u", "-c", "import time; print('start'); time.sleep(30)"],
      {
        env,
      },
    );
    expect(unbuffered.stdout).toBe("start\n");
  });

  it("says in one line that it does not run a program beyond it, before any output", () => {
    for (const code of [
      "print(1)\n@decorator\ndef f():\n    pass",
      "import subprocess",
      "print(1)\nasync def f(): pass",
    ])
      expect(runProgram(python, ["python3", "-c", code], { env })).toMatchObject({
        stdout: "",
        stderr: `${PYTHON_UNSUPPORTED}\n`,
        status: 1,
      });
  });
});

describe("node -e and -p", () => {
  const cases: [string[], string][] = [
    [["-e", "console.log(1+2)"], "3\n"],
    [
      ["-e", "console.log(7/2, 2**53 + 1, 0.1 + 0.2, 'a' + 1)"],
      "3.5 9007199254740992 0.30000000000000004 a1\n",
    ],
    [["-e", "console.log(process.env.HOME, process.env.NOPE)"], "/root undefined\n"],
    [["-e", "const n = 'k8s'; console.log(`hi ${n.toUpperCase()} ${n.length}`)"], "hi K8S 3\n"],
    [["-e", "console.log([1, 'a'], require('os').hostname())"], "[ 1, 'a' ] pod\n"],
    [["-p", "6*7"], "42\n"],
    [["-p", "process.env.GREETING"], "hello\n"],
  ];
  it.each(cases)("%s", (args, out) => {
    expect(runProgram(node, ["node", ...args], { env })).toMatchObject({ stdout: out, status: 0 });
  });
  it("process.exit and what it does not run", () => {
    expect(runProgram(node, ["node", "-e", "console.log('a'); process.exit(3)"], { env })).toMatchObject({
      stdout: "a\n",
      status: 3,
    });
    expect(
      runProgram(node, ["node", "-e", "class Server {}"], {
        env,
      }),
    ).toMatchObject({ stdout: "", stderr: `${NODE_UNSUPPORTED}\n`, status: 1 });
  });
});

describe("perl -e", () => {
  const cases: [string[], string][] = [
    [["-e", 'print "hi\\n"'], "hi\n"],
    [["-e", 'print 1+2, "\\n"'], "3\n"],
    [["-le", "print 10/3; print 2**10; print 7/2"], "3.33333333333333\n1024\n3.5\n"],
    [["-e", 'my $name = "k8s"; print "hello $name from $ENV{HOME}\\n"'], "hello k8s from /root\n"],
    [["-le", 'print "-" x 5 . "|"; print length("abc")'], "-----|\n3\n"],
    [["-E", "say uc 'x'"], "X\n"],
  ];
  it.each(cases)("%s", (args, out) => {
    expect(runProgram(perl, ["perl", ...args], { env })).toMatchObject({ stdout: out, status: 0 });
  });
  it("dies and declines as perl does", () => {
    expect(runProgram(perl, ["perl", "-e", "print 1/0"], { env })).toMatchObject({
      stderr: "Illegal division by zero at -e line 1.\n",
      status: 255,
    });
    expect(runProgram(perl, ["perl", "-ne", "print if /x/"], { env })).toMatchObject({
      stderr: `${PERL_UNSUPPORTED}\n`,
      status: 1,
    });
  });
});
