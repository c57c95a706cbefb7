/**
 * The simulated python against CPython 3.12: each row is a program, what CPython prints for it,
 * and where that behaviour is documented (the Python Language Reference and Library Reference
 * sections, or the CPython source that prints it).
 */
import { describe, expect, it } from "vitest";
import { runProgram } from "../../../testing";
import { python } from "../../python";

const env = { HOME: "/root", PATH: "/usr/local/bin:/usr/bin", GREETING: "hello", PYTHON_VERSION: "3.12.8" };

const run = (code: string, opts: { stdin?: string; files?: Record<string, string> } = {}) =>
  runProgram(python, ["python3", "-c", code], { env, hostname: "web-0", ...opts });

/** [program, stdout, source of the expected text]. */
const CASES: [string, string, string][] = [
  [
    "import sys; print(1+1, sys.version_info[:2])",
    "2 (3, 12)\n",
    "sys.version_info is a named tuple; slices are tuples",
  ],
  [
    "import sys; print(sys.version_info)",
    "sys.version_info(major=3, minor=12, micro=8, releaselevel='final', serial=0)\n",
    "Python/sysmodule.c version_info (a structseq repr)",
  ],
  ["t = (1, 'a'); print(t, (1,), (), t[1])", "(1, 'a') (1,) () a\n", "Objects/tupleobject.c tuplerepr"],
  [
    "d = {'a': 1, 'b': [1, 'x']}; d['c'] = None; print(d, len(d), 'a' in d)",
    "{'a': 1, 'b': [1, 'x'], 'c': None} 3 True\n",
    "Objects/dictobject.c dict_repr: insertion order",
  ],
  [
    "d = {'x': 1}; print(d.keys(), d.values(), d.items())",
    "dict_keys(['x']) dict_values([1]) dict_items([('x', 1)])\n",
    "Objects/dictobject.c dictview_repr",
  ],
  [
    "s = 'kubernetes'; print(s[0], s[-1], s[1:4], s[::-1], s[:3] + s[-3:])",
    "k s ube setenrebuk kubtes\n",
    "Language Reference 6.3.3 slicings",
  ],
  [
    "l = list(range(10)); print(l[2:8:2], l[::-3], l[-2:], l[100:])",
    "[2, 4, 6] [9, 6, 3, 0] [8, 9] []\n",
    "PySlice_AdjustIndices",
  ],
  [
    "name = 'pod'; n = 3; print(f'{name!r:>8}|{n:03d}|{n/7:.3f}|{1234567:,}|{n=}|{0.5:.0%}')",
    "   'pod'|003|0.429|1,234,567|n=3|50%\n",
    "Library Reference, Format Specification Mini-Language; f-string = specifier (3.8)",
  ],
  ["print('a', 'b', sep='-', end='!\\n', flush=True)", "a-b!\n", "Library Reference, print()"],
  ["for i in range(3): print(i, end=' ')\nprint()", "0 1 2 \n", "Language Reference 8.3 for; print(end=)"],
  [
    "total = 0\ni = 0\nwhile i < 5:\n    i += 1\n    if i == 2:\n        continue\n    if i == 4:\n        break\n    total += i\nelse:\n    print('no break')\nprint(total)",
    "4\n",
    "Language Reference 8.2 while (else runs only without break)",
  ],
  [
    "def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\nprint(fact(30))",
    "265252859812191058636308480000000\n",
    "ints have arbitrary precision (Objects/longobject.c)",
  ],
  [
    "def greet(name, greeting='Hello', *rest, **kw):\n    return f'{greeting}, {name}! {rest} {kw}'\nprint(greet('Ada'), greet('Bob', 'Hi', 1, x=2))",
    "Hello, Ada! () {} Hi, Bob! (1,) {'x': 2}\n",
    "Language Reference 8.7 function definitions",
  ],
  [
    "print([x * x for x in range(6) if x % 2], {k: len(k) for k in ['ab', 'c']}, sorted({3, 1, 2}))",
    "[1, 9, 25] {'ab': 2, 'c': 1} [1, 2, 3]\n",
    "Language Reference 6.2.4 displays",
  ],
  [
    "a, *b, c = range(5); x, y = 1, 2; x, y = y, x; print(a, b, c, x, y)",
    "0 [1, 2, 3] 4 2 1\n",
    "Language Reference 7.2 assignment statements",
  ],
  [
    "print(7 / 2, 7 // 2, -7 // 2, 7 % -3, 2 ** -1, 0.1 + 0.2, 1e16, 1 / 3, 10 / 5)",
    "3.5 3 -4 -2 0.5 0.30000000000000004 1e+16 0.3333333333333333 2.0\n",
    "Objects/floatobject.c float_repr (shortest repr); floor division",
  ],
  [
    "print(round(2.5), round(3.5), round(2.675, 2), abs(-3), divmod(17, 5), pow(2, 10, 1000))",
    "2 4 2.67 3 (3, 2) 24\n",
    "Library Reference, round() (banker's rounding; 2.675 is below the tie)",
  ],
  [
    "print('%s=%d (%.2f%%) %5s|%-5s|' % ('cpu', 42, 99.5, 'ab', 'cd'))",
    "cpu=42 (99.50%)    ab|cd   |\n",
    "Library Reference, printf-style String Formatting",
  ],
  [
    "s = ' Hello, World '; print(s.strip().lower(), s.split(','), '-'.join(['a', 'b']), s.count('l'), 'x'.center(5, '*'))",
    "hello, world [' Hello', ' World '] a-b 3 **x**\n",
    "Library Reference, String Methods",
  ],
  [
    "print(repr('it\\'s'), repr('a\"b'), repr('\\n'), str(None), [True, 1.0, 'x'])",
    "\"it's\" 'a\"b' '\\n' None [True, 1.0, 'x']\n",
    "Objects/unicodeobject.c unicode_repr quote choice",
  ],
  [
    "import json; print(json.dumps({'name': 'pod', 'ports': [80, 443], 'ok': True, 'x': None}))",
    '{"name": "pod", "ports": [80, 443], "ok": true, "x": null}\n',
    "Lib/json/encoder.py default separators",
  ],
  [
    "import json; print(json.dumps({'b': 1, 'a': [1.5]}, indent=2, sort_keys=True))",
    '{\n  "a": [\n    1.5\n  ],\n  "b": 1\n}\n',
    "Lib/json/encoder.py with indent: item separator ','",
  ],
  [
    "import json; d = json.loads('{\"a\": [1, 2.0, \"x\", null]}'); print(d, d['a'][1])",
    "{'a': [1, 2.0, 'x', None]} 2.0\n",
    "Lib/json/decoder.py",
  ],
  [
    "import math; print(math.sqrt(2), math.floor(2.7), math.ceil(2.1), math.pi, math.factorial(10))",
    "1.4142135623730951 2 3 3.141592653589793 3628800\n",
    "Library Reference, math",
  ],
  [
    "import random; random.seed(42); print(random.random()); random.seed(42); print(random.randint(1, 10))",
    "0.6394267984578837\n2\n",
    "Modules/_randommodule.c init_by_array + Lib/random.py _randbelow (CPython's known outputs for seed 42)",
  ],
  [
    "import os; print(os.environ['HOME'], os.getenv('NOPE', 'dflt'), os.environ.get('GREETING'))",
    "/root dflt hello\n",
    "Library Reference, os.environ",
  ],
  ["import socket; print(socket.gethostname())", "web-0\n", "the container's hostname is the pod name"],
  [
    "import os; print(os.path.join('/data', 'x', 'y.txt'), os.path.basename('/a/b.py'))",
    "/data/x/y.txt b.py\n",
    "Lib/posixpath.py",
  ],
  [
    "try:\n    {}['k']\nexcept KeyError as e:\n    print('missing', e, repr(e))\nfinally:\n    print('done')",
    "missing 'k' KeyError('k')\ndone\n",
    "Objects/exceptions.c KeyError_str (repr of the key)",
  ],
  [
    "try:\n    int('x')\nexcept (TypeError, ValueError) as e:\n    print(type(e).__name__, e)",
    "ValueError invalid literal for int() with base 10: 'x'\n",
    "Objects/longobject.c PyLong_FromString",
  ],
  [
    "x = [3, 1, 2]; x.sort(); x.append(4); print(x, x.pop(), x.index(2), sum(x), max(x), min(x, key=lambda v: -v))",
    "[1, 2, 3] 4 1 6 3 3\n",
    "Library Reference, list methods (arguments are evaluated before print runs)",
  ],
  [
    "print(list(enumerate('ab', 1)), list(zip([1, 2], 'xy')), list(map(str, [1, 2])), any([0, 1]), all([]))",
    "[(1, 'a'), (2, 'b')] [(1, 'x'), (2, 'y')] ['1', '2'] True True\n",
    "Library Reference, built-in functions",
  ],
  [
    "print(isinstance(1, int), isinstance(True, int), type('s'), type(1.0).__name__)",
    "True True <class 'str'> float\n",
    "bool subclasses int",
  ],
  [
    "print(hex(255), bin(5), oct(8), int('ff', 16), chr(65), ord('a'), 10**20)",
    "0xff 0b101 0o10 255 A 97 100000000000000000000\n",
    "Library Reference, built-in functions",
  ],
  [
    "class Pod:\n    kind = 'Pod'\n    def __init__(self, name, ready=False):\n        self.name = name\n        self.ready = ready\n    def __repr__(self):\n        return f'Pod({self.name!r})'\n    def status(self):\n        return 'Running' if self.ready else 'Pending'\np = Pod('web', True)\nprint(p, p.status(), Pod.kind, p.kind, [p])",
    "Pod('web') Running Pod Pod [Pod('web')]\n",
    "Language Reference 9 classes: class attributes, __init__, __repr__ for print and lists",
  ],
  [
    "class Base:\n    def hello(self):\n        return 'base'\nclass Child(Base):\n    def hello(self):\n        return 'child+' + super().hello()\nc = Child()\nprint(c.hello(), isinstance(c, Base), type(c).__name__)",
    "child+base True Child\n",
    "super() without arguments (PEP 3135)",
  ],
  [
    "class E(Exception):\n    def __init__(self, code):\n        super().__init__(f'code {code}')\n        self.code = code\ntry:\n    raise E(5)\nexcept Exception as e:\n    print(e, e.code, e.args)",
    "code 5 5 ('code 5',)\n",
    "user exceptions: BaseException.__init__ stores args",
  ],
];

describe("python -c (CPython 3.12)", () => {
  it.each(CASES)("%s", (code, out) => {
    expect(run(code)).toMatchObject({ stdout: out, stderr: "", status: 0 });
  });

  it("prints an uncaught exception's traceback, frames outermost first, and exits 1", () => {
    expect(run("def f(x):\n    return 10 / x\nprint('start')\nf(0)")).toMatchObject({
      stdout: "start\n",
      stderr:
        'Traceback (most recent call last):\n  File "<string>", line 4, in <module>\n  File "<string>", line 2, in f\nZeroDivisionError: division by zero\n',
      status: 1,
    });
    expect(run("raise ValueError")).toMatchObject({
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nValueError\n',
      status: 1,
    });
    expect(run("import requests").stderr).toBe(
      `Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nModuleNotFoundError: No module named 'requests'\n`,
    );
  });

  it("shows a script file's source lines in its traceback", () => {
    const r = runProgram(python, ["python", "/app/main.py"], {
      env,
      files: { "/app/main.py": "import json\n\ndata = json.loads('{')\n" },
    });
    expect(r.stderr).toBe(
      "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in <module>\n    data = json.loads('{')\njson.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n",
    );
    expect(r.status).toBe(1);
  });

  it("reports a SyntaxError before running anything", () => {
    expect(run("print(1)\nif True\n    print(2)")).toMatchObject({
      stdout: "",
      stderr: "  File \"<string>\", line 2\n    if True\nSyntaxError: expected ':'\n",
      status: 1,
    });
  });

  it("exits with sys.exit's code; a message goes to stderr with status 1", () => {
    expect(run("import sys; print('x'); sys.exit(3)")).toMatchObject({ stdout: "x\n", status: 3 });
    expect(run("import sys; sys.exit('fatal: no config')")).toMatchObject({
      stderr: "fatal: no config\n",
      status: 1,
    });
  });

  it("runs an indented script from a ConfigMap-mounted file, with input from stdin", () => {
    const script = [
      "import os, time",
      "",
      "def main():",
      "    names = [l.strip() for l in open_lines()]",
      "    for i, n in enumerate(names):",
      "        print(f'{i}: {n}')",
      "",
      "def open_lines():",
      "    out = []",
      "    while True:",
      "        try:",
      "            out.append(input())",
      "        except EOFError:",
      "            return out",
      "",
      "if __name__ == '__main__':",
      "    main()",
    ].join("\n");
    const r = runProgram(python, ["python", "/config/app.py"], {
      env,
      files: { "/config/app.py": script },
      stdin: "a\nb\n",
    });
    expect(r).toMatchObject({ stdout: "0: a\n1: b\n", stderr: "", status: 0 });
  });

  it("reads and writes files with open(), in a with block that closes them", () => {
    const r = runProgram(
      python,
      [
        "python3",
        "-c",
        "with open('/etc/config/app.conf') as f:\n    for line in f:\n        print(line.strip().upper())\nprint(f.closed)\nwith open('/tmp/out.txt', 'w') as o:\n    print('x', file=o)\nprint(open('/tmp/out.txt').read(), end='')\nopen('/nope')",
      ],
      { env, files: { "/etc/config/app.conf": "a=1\nb=2\n" } },
    );
    expect(r.stdout).toBe("A=1\nB=2\nTrue\nx\n");
    expect(r.stderr).toBe(
      `Traceback (most recent call last):\n  File "<string>", line 8, in <module>\nFileNotFoundError: [Errno 2] No such file or directory: '/nope'\n`,
    );
  });

  it("prints datetime.now() from the virtual clock, in UTC", () => {
    const r = runProgram(
      python,
      [
        "python3",
        "-c",
        "from datetime import datetime\nprint(datetime.now(), repr(datetime.fromtimestamp(0)), datetime.now().isoformat())",
      ],
      { env, startMs: Date.UTC(2026, 11, 6, 21, 55, 9, 123) },
    );
    expect(r.stdout).toBe(
      "2026-12-06 21:55:09.123000 datetime.datetime(1970, 1, 1, 0, 0) 2026-12-06T21:55:09.123000\n",
    );
  });

  it("reads a pipe from sys.stdin", () => {
    const r = runProgram(
      python,
      ["python3", "-c", "import sys\nfor line in sys.stdin:\n    print(line.strip().upper())"],
      {
        env,
        stdin: "web\ndb\n",
      },
    );
    expect(r).toMatchObject({ stdout: "WEB\nDB\n", status: 0 });
    expect(
      runProgram(python, ["python3", "-c", "import sys; print(len(sys.stdin.read()))"], {
        env,
        stdin: "abc\n",
      }).stdout,
    ).toBe("4\n");
  });

  it("pretty-prints JSON with python -m json.tool (Lib/json/tool.py: indent 4)", () => {
    const r = runProgram(python, ["python3", "-m", "json.tool"], { env, stdin: '{"b": [1, 2], "a": "x"}' });
    expect(r).toMatchObject({
      stdout: '{\n    "b": [\n        1,\n        2\n    ],\n    "a": "x"\n}\n',
      status: 0,
    });
    expect(runProgram(python, ["python3", "-m", "json.tool"], { env, stdin: "nope" })).toMatchObject({
      stderr: "Expecting value: line 1 column 1 (char 0)\n",
      status: 1,
    });
  });

  it("sleeps on the virtual clock and flushes a pipe's buffer when asked", () => {
    const r = run(
      "import time\nfor i in range(3):\n    print(i, flush=True)\n    time.sleep(10)\nprint('end')",
    );
    expect(r.stdout).toBe("0\n");
    r.advance(10_000);
    expect(r.stdout).toBe("0\n1\n");
    r.advance(20_000);
    expect(r).toMatchObject({ stdout: "0\n1\n2\nend\n", status: 0 });
  });

  it("throttles a busy loop instead of hanging the engine", () => {
    const r = run("while True: pass");
    expect(r.waiting).toEqual({ kind: "throttle" });
    expect(r.status).toBeUndefined();
  });
});
