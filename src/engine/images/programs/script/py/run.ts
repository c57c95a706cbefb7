/**
 * Runs a python script in a container: parses it (a SyntaxError as CPython prints it), binds the
 * builtins and the modules the simulation provides (sys, os, os.path, time, socket, json, math,
 * random, platform) to the container (its environment, files, host name, the virtual clock),
 * buffers stdout as python buffers a pipe (flushed at exit, at 8 KiB, on flush=True, or at once
 * when unbuffered) and prints an uncaught exception's traceback with exit status 1.
 */
import type { CommandContext } from "../../../../sh/interface";
import { Unsupported } from "../expr";
import type { Stmt } from "./ast";
import { builtin, builtins, fileSystem, method, SystemExitSignal, setStreams, toFloat } from "./builtins";
import { type Gen, Interp, type PyStep } from "./interp";
import { dumps, loads } from "./json";
import { PySyntaxError } from "./lexer";
import { parseModule } from "./parser";
import { MersenneTwister } from "./random";
import {
  classAttr,
  classHooks,
  dict,
  EXC,
  hashKey,
  numeric,
  type PyObj,
  PyRaise,
  type PyVal,
  raise,
  str,
  truthy,
} from "./values";

/** Python's stdout buffer size into a pipe (io.DEFAULT_BUFFER_SIZE). */
const PIPE_BUFFER = 8192;

/** How a script ends: its steps, then its exit status. */
export type PyProgram = Generator<PyStep, number, void>;

/** Where a script came from: `<string>` for -c, `<stdin>`, or its path (then tracebacks show its lines). */
export interface ScriptSource {
  text: string;
  file: string;
}

function mod(name: string, attrs: Record<string, PyVal>): PyObj & { t: "module" } {
  return { t: "module", name, attrs: new Map(Object.entries(attrs)) };
}

/** Parses a script; a SyntaxError's text as CPython prints it, or Unsupported. */
export function parseScript(src: ScriptSource): Stmt[] | { syntaxError: string } {
  try {
    return parseModule(src.text);
  } catch (e) {
    if (!(e instanceof PySyntaxError)) throw e;
    const lines = src.text.split("\n");
    const shown = src.file.startsWith("<") && src.file !== "<string>" ? undefined : lines[e.line - 1]?.trim();
    return {
      syntaxError: `  File "${src.file}", line ${e.line}\n${shown !== undefined ? `    ${shown}\n` : ""}SyntaxError: ${e.message}\n`,
    };
  }
}

/** Runs parsed statements in a container; yields its steps and returns the exit status. */
export function* runPython(
  ctx: CommandContext,
  body: Stmt[],
  src: ScriptSource,
  opts: { unbuffered: boolean; version: string; argv: string[] },
): PyProgram {
  let out = "";
  let err = "";
  let flushNow = false;
  const print = (text: string, stream: "out" | "err", flush: boolean) => {
    if (stream === "err") err += text;
    else {
      out += text;
      if (flush) flushNow = true;
    }
  };
  const env: Record<string, string> = { ...ctx.env };
  const stdinLines = ctx.stdin.split("\n");
  if (stdinLines[stdinLines.length - 1] === "") stdinLines.pop();
  let modules: Record<string, PyObj & { t: "module" }> = {};
  const ip: Interp = new Interp({
    now: () => ctx.sys.now(),
    attribute: (v, name) => method(ip, v, name),
    importModule: (name) => modules[name],
    builtin: (name) => builtinMap.get(name),
  });
  const builtinMap = builtins(ip, { print, stdin: () => stdinLines.shift() });
  fileSystem.write = (path, text) => ctx.fs.write(path, text);
  builtinMap.set(
    "open",
    builtin("open", ([name, mode]) => {
      const p = str(name ?? null);
      const m = mode === undefined ? "r" : str(mode);
      const path = (p.startsWith("/") ? p : `${ctx.cwd}/${p}`).replace(/\/+/g, "/");
      const oserr = (cls: string, errno: number, why: string) =>
        new PyRaise({
          t: "exc",
          cls: EXC[cls] as PyObj & { t: "class" },
          args: [BigInt(errno), why],
          attrs: new Map([["filename", p]]),
        });
      if (ctx.fs.isDir(path)) throw oserr("IsADirectoryError", 21, "Is a directory");
      let text = "";
      if (m.includes("r")) {
        if (!ctx.fs.isFile(path)) throw oserr("FileNotFoundError", 2, "No such file or directory");
        text = ctx.fs.read(path);
      } else if (m.includes("a")) text = ctx.fs.isFile(path) ? ctx.fs.read(path) : "";
      else {
        const dir = path.slice(0, path.lastIndexOf("/")) || "/";
        if (!ctx.fs.isDir(dir)) throw oserr("FileNotFoundError", 2, "No such file or directory");
        ctx.fs.write(path, "");
      }
      return { t: "file", name: p, stream: "file", path, mode: m, text, pos: 0 };
    }),
  );
  setStreams(
    (stream, text) => print(text, stream, false),
    (stream) => {
      if (stream === "out") flushNow = true;
    },
  );
  modules = makeModules(ctx, ip, env, opts);
  ip.globals.vars.set("__name__", "__main__");
  classHooks.format = (v, kind) => {
    if (v.t !== "inst" && v.t !== "exc") return undefined;
    const m = classAttr(v.cls, kind === "str" ? "__str__" : "__repr__");
    if (!(m && typeof m === "object" && (m.t === "func" || m.t === "builtin"))) return undefined;
    const r = m.t === "builtin" ? (m.fn([v], new Map()) as PyVal) : ip.callSync(m, [v]);
    if (typeof r !== "string")
      throw raise(
        "TypeError",
        `__${kind}__ returned non-string (type ${r === null ? "NoneType" : typeof r === "object" ? r.t : typeof r})`,
      );
    return r;
  };
  function* drain(final: boolean): Gen<void> {
    if (err) {
      yield { err };
      err = "";
    }
    if (out && (final || opts.unbuffered || flushNow || out.length >= PIPE_BUFFER)) {
      yield { out };
      out = "";
    }
    flushNow = false;
  }
  const sleepFn = builtin("sleep", function* ([secs]) {
    const n = numeric(secs ?? null);
    if (n === undefined)
      throw raise(
        "TypeError",
        `'${secs === null ? "NoneType" : typeof secs}' object cannot be interpreted as an integer`,
      );
    if (Number(n) < 0) throw raise("ValueError", "sleep length must be non-negative");
    yield* drain(false);
    yield { sleepMs: Number(n) * 1000 };
    return null;
  });
  (modules.time as PyObj & { t: "module" }).attrs.set("sleep", sleepFn);
  try {
    try {
      for (const s of body) {
        yield* ip.block([s], ip.globals);
        yield* drain(false);
      }
    } catch (e) {
      if (e instanceof PyRaise && isSubclass(e.exc.cls, EXC.SystemExit as PyObj & { t: "class" }))
        throw new SystemExitSignal(e.exc.args[0] ?? null);
      throw e;
    }
    yield* drain(true);
    return 0;
  } catch (e) {
    if (e instanceof SystemExitSignal) {
      const code = e.code;
      if (code !== null && typeof code !== "bigint" && typeof code !== "boolean") err += `${str(code)}\n`;
      yield* drain(true);
      if (code === null) return 0;
      const n = numeric(code);
      return typeof n === "bigint" ? Number(BigInt.asUintN(8, n)) : 1;
    }
    if (e instanceof PyRaise) {
      yield* drain(true);
      yield { err: traceback(e, src, ip.frames[0]?.line ?? 1) };
      return 1;
    }
    if (e instanceof Unsupported) throw e;
    if (e instanceof RangeError) {
      yield* drain(true);
      yield {
        err: traceback(
          raise("RecursionError", "maximum recursion depth exceeded"),
          src,
          ip.frames[0]?.line ?? 1,
        ),
      };
      return 1;
    }
    throw e;
  }
}

function isSubclass(cls: PyObj & { t: "class" }, klass: PyObj & { t: "class" }): boolean {
  for (let c: (PyObj & { t: "class" }) | undefined = cls; c; c = c.base) if (c === klass) return true;
  return false;
}

/** CPython's traceback text (Lib/traceback.py): frames outermost first, then `Type: message`. */
export function traceback(e: PyRaise, src: ScriptSource, moduleLine: number): string {
  const lines = src.text.split("\n");
  const frames = [{ line: moduleLine, name: "<module>" }, ...e.frames];
  let text = "Traceback (most recent call last):\n";
  for (const f of frames) {
    text += `  File "${src.file}", line ${f.line}, in ${f.name}\n`;
    if (!src.file.startsWith("<")) {
      const code = lines[f.line - 1]?.trim();
      if (code) text += `    ${code}\n`;
    }
  }
  const cls = e.exc.cls;
  const name = (cls as { module?: string }).module
    ? `${(cls as { module?: string }).module}.${cls.name}`
    : cls.name;
  const msg = str(e.exc);
  return `${text}${name}${msg ? `: ${msg}` : ""}\n`;
}

function makeModules(
  ctx: CommandContext,
  ip: Interp,
  env: Record<string, string>,
  opts: { version: string; argv: string[] },
): Record<string, PyObj & { t: "module" }> {
  const fn = builtin;
  const abs = (p: string) => (p.startsWith("/") ? p : `${ctx.cwd}/${p}`).replace(/\/+/g, "/");
  const environ = dict(Object.entries(env).map(([k, v]) => [k, v] as [PyVal, PyVal]));
  environ.environ = true;
  const envGet = (k: PyVal | undefined, d: PyVal | undefined) =>
    environ.map.get(hashKey(k ?? null))?.[1] ?? d ?? null;
  const [major = "3", minor = "13", micro = "1"] = opts.version.split(".");
  const versionInfo: PyVal = {
    t: "tuple",
    items: [BigInt(major), BigInt(minor), BigInt(micro), "final", 0n],
    named: { type: "sys.version_info", fields: ["major", "minor", "micro", "releaselevel", "serial"] },
  };
  const stdout: PyObj = { t: "file", name: "<stdout>", stream: "out" };
  const stderr: PyObj = { t: "file", name: "<stderr>", stream: "err" };
  const path = mod("posixpath", {
    join: fn("join", (parts) =>
      parts
        .map((p) => str(p))
        .reduce((a, b) => (b.startsWith("/") ? b : a === "" || a.endsWith("/") ? a + b : `${a}/${b}`), ""),
    ),
    exists: fn("exists", ([p]) => ctx.fs.exists(abs(str(p ?? null)))),
    isfile: fn("isfile", ([p]) => ctx.fs.isFile(abs(str(p ?? null)))),
    isdir: fn("isdir", ([p]) => ctx.fs.isDir(abs(str(p ?? null)))),
    basename: fn("basename", ([p]) => str(p ?? null).replace(/^.*\//, "")),
    dirname: fn("dirname", ([p]) => {
      const s = str(p ?? null);
      const i = s.lastIndexOf("/");
      return i < 0 ? "" : s.slice(0, i) || "/";
    }),
    abspath: fn("abspath", ([p]) => abs(str(p ?? null)).replace(/(.)\/$/, "$1")),
    sep: "/",
  });
  const rng = new MersenneTwister(
    BigInt(Math.floor(ctx.sys.now())) ^
      BigInt([...ctx.sys.hostname()].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)),
  );
  const seqOf = function* (v: PyVal): Gen<PyVal[]> {
    return yield* ip.iterate(v);
  };
  const randrange = (a: bigint, b?: bigint) => {
    const [lo, hi] = b === undefined ? [0n, a] : [a, b];
    if (hi <= lo) throw raise("ValueError", `empty range in randrange(${lo}, ${hi})`);
    return lo + rng.below(hi - lo);
  };
  const int = (v: PyVal | undefined) => {
    const n = numeric(v ?? null);
    if (typeof n !== "bigint")
      throw raise("TypeError", `'${typeof v}' object cannot be interpreted as an integer`);
    return n;
  };
  const num = (v: PyVal | undefined) => toFloat(v ?? null);
  const sec = () => ctx.sys.now() / 1000;
  const m: Record<string, PyObj & { t: "module" }> = {
    sys: mod("sys", {
      argv: { t: "list", items: opts.argv },
      platform: "linux",
      maxsize: 9223372036854775807n,
      version_info: versionInfo,
      version: `${opts.version} (main) [GCC 12.2.0]`,
      executable: "/usr/local/bin/python3",
      stdout,
      stderr,
      stdin: { t: "file", name: "<stdin>", stream: "file", mode: "r", text: ctx.stdin, pos: 0 },
      path: {
        t: "list",
        items: ["", `/usr/local/lib/python${major}${minor}.zip`, `/usr/local/lib/python${major}.${minor}`],
      },
      exit: fn("exit", ([code]) => {
        throw new SystemExitSignal(code ?? null);
      }),
      getrecursionlimit: fn("getrecursionlimit", () => 1000n),
    }),
    os: mod("os", {
      environ,
      getenv: fn("getenv", ([k, d]) => envGet(k, d)),
      getcwd: fn("getcwd", () => ctx.cwd),
      getpid: fn("getpid", () => BigInt(ctx.sys.pid?.() ?? 1)),
      getuid: fn("getuid", () => BigInt(ctx.sys.user().uid)),
      listdir: fn("listdir", ([p]) => {
        const dir = abs(p === undefined ? "." : str(p));
        if (!ctx.fs.isDir(dir))
          throw raise(
            "FileNotFoundError",
            `[Errno 2] No such file or directory: '${p === undefined ? "." : str(p)}'`,
          );
        return { t: "list", items: ctx.fs.list(dir) };
      }),
      path,
      name: "posix",
      sep: "/",
      linesep: "\n",
      cpu_count: fn("cpu_count", () => 32n),
    }),
    "os.path": path,
    time: mod("time", {
      time: fn("time", () => sec()),
      time_ns: fn("time_ns", () => BigInt(Math.floor(ctx.sys.now())) * 1_000_000n),
      monotonic: fn("monotonic", () => sec()),
      perf_counter: fn("perf_counter", () => sec()),
      strftime: fn("strftime", ([f]) => strftime(str(f ?? null), ctx.sys.now())),
      ctime: fn("ctime", () => strftime("%a %b %d %H:%M:%S %Y", ctx.sys.now()).replace(/ 0(\d) /, "  $1 ")),
    }),
    socket: mod("socket", {
      gethostname: fn("gethostname", () => ctx.sys.hostname()),
      getfqdn: fn("getfqdn", () => ctx.sys.hostname()),
      gethostbyname: fn("gethostbyname", ([h]) => {
        const r = ctx.sys.network.resolve(str(h ?? null));
        if (!r) throw new PyRaise({ t: "exc", cls: GAIERROR, args: [-2n, "Name or service not known"] });
        return r.addresses[0] as string;
      }),
      gaierror: GAIERROR,
    }),
    json: mod("json", {
      dumps: fn("dumps", ([v], kw) => {
        const indent = kw.get("indent");
        const seps = kw.get("separators");
        return dumps(v ?? null, {
          indent:
            indent === undefined || indent === null
              ? undefined
              : typeof indent === "string"
                ? indent
                : Number(indent),
          sortKeys: truthy(kw.get("sort_keys") ?? false),
          ensureAscii: truthy(kw.get("ensure_ascii") ?? true),
          separators:
            seps && typeof seps === "object" && seps.t === "tuple"
              ? [str(seps.items[0] ?? ""), str(seps.items[1] ?? "")]
              : undefined,
        });
      }),
      loads: fn("loads", ([s]) => loads(str(s ?? null))),
      JSONDecodeError: EXC.JSONDecodeError as PyVal,
    }),
    math: mod("math", {
      pi: Math.PI,
      e: Math.E,
      tau: 2 * Math.PI,
      inf: Number.POSITIVE_INFINITY,
      nan: Number.NaN,
      sqrt: fn("sqrt", ([x]) => {
        const v = num(x);
        if (v < 0) throw raise("ValueError", "math domain error");
        return Math.sqrt(v);
      }),
      isqrt: fn("isqrt", ([x]) => {
        const n = int(x);
        if (n < 0n) throw raise("ValueError", "isqrt() argument must be nonnegative");
        let r = BigInt(Math.floor(Math.sqrt(Number(n))));
        while (r * r > n) r--;
        while ((r + 1n) * (r + 1n) <= n) r++;
        return r;
      }),
      floor: fn("floor", ([x]) => (typeof x === "bigint" ? x : BigInt(Math.floor(num(x))))),
      ceil: fn("ceil", ([x]) => (typeof x === "bigint" ? x : BigInt(Math.ceil(num(x))))),
      trunc: fn("trunc", ([x]) => (typeof x === "bigint" ? x : BigInt(Math.trunc(num(x))))),
      fabs: fn("fabs", ([x]) => Math.abs(num(x))),
      pow: fn("pow", ([x, y]) => num(x) ** num(y)),
      exp: fn("exp", ([x]) => Math.exp(num(x))),
      log: fn("log", ([x, b]) => {
        const v = num(x);
        if (v <= 0) throw raise("ValueError", "math domain error");
        return b === undefined ? Math.log(v) : Math.log(v) / Math.log(num(b));
      }),
      log2: fn("log2", ([x]) => Math.log2(num(x))),
      log10: fn("log10", ([x]) => Math.log10(num(x))),
      sin: fn("sin", ([x]) => Math.sin(num(x))),
      cos: fn("cos", ([x]) => Math.cos(num(x))),
      tan: fn("tan", ([x]) => Math.tan(num(x))),
      atan2: fn("atan2", ([y, x]) => Math.atan2(num(y), num(x))),
      hypot: fn("hypot", (xs) => Math.hypot(...xs.map((x) => num(x)))),
      radians: fn("radians", ([x]) => (num(x) * Math.PI) / 180),
      degrees: fn("degrees", ([x]) => (num(x) * 180) / Math.PI),
      isclose: fn(
        "isclose",
        ([a, b]) => Math.abs(num(a) - num(b)) <= 1e-9 * Math.max(Math.abs(num(a)), Math.abs(num(b))),
      ),
      factorial: fn("factorial", ([x]) => {
        const n = int(x);
        if (n < 0n) throw raise("ValueError", "factorial() not defined for negative values");
        if (n > 5000n)
          throw raise("OverflowError", "factorial() argument should not exceed 5000 in the simulation");
        let r = 1n;
        for (let i = 2n; i <= n; i++) r *= i;
        return r;
      }),
      gcd: fn("gcd", (xs) => {
        let g = 0n;
        for (const x of xs) {
          let a = int(x);
          if (a < 0n) a = -a;
          let b = g;
          while (b) [a, b] = [b, a % b];
          g = a;
        }
        return g;
      }),
    }),
    random: mod("random", {
      seed: fn("seed", ([a]) => {
        if (a === undefined || a === null) rng.seed(BigInt(Math.floor(ctx.sys.now())));
        else if (typeof a === "bigint" || typeof a === "boolean") rng.seed(BigInt(numeric(a) as bigint));
        else throw new Unsupported("random.seed of a non-integer");
        return null;
      }),
      random: fn("random", () => rng.random()),
      randint: fn("randint", ([a, b]) => randrange(int(a), int(b) + 1n)),
      randrange: fn("randrange", ([a, b]) => randrange(int(a), b === undefined ? undefined : int(b))),
      uniform: fn("uniform", ([a, b]) => num(a) + (num(b) - num(a)) * rng.random()),
      choice: fn("choice", function* ([s]) {
        const items = yield* seqOf(s ?? null);
        if (!items.length) throw raise("IndexError", "Cannot choose from an empty sequence");
        return items[Number(rng.below(BigInt(items.length)))] as PyVal;
      }),
      shuffle: fn("shuffle", ([s]) => {
        if (!(s && typeof s === "object" && s.t === "list"))
          throw raise("TypeError", "'tuple' object does not support item assignment");
        const x = s.items;
        for (let i = x.length - 1; i > 0; i--) {
          const j = Number(rng.below(BigInt(i + 1)));
          [x[i], x[j]] = [x[j] as PyVal, x[i] as PyVal];
        }
        return null;
      }),
      sample: fn("sample", function* ([s, k]) {
        const pool = [...(yield* seqOf(s ?? null))];
        const n = pool.length;
        const want = Number(int(k));
        if (want > n || want < 0) throw raise("ValueError", "Sample larger than population or is negative");
        const out: PyVal[] = [];
        // Lib/random.py sample's pool method (for small k it uses a set; the pool method is exact for n <= 21 + 4^ceil(log(3k, 4))).
        for (let i = 0; i < want; i++) {
          const j = Number(rng.below(BigInt(n - i)));
          out.push(pool[j] as PyVal);
          pool[j] = pool[n - i - 1] as PyVal;
        }
        return { t: "list", items: out };
      }),
    }),
    datetime: datetimeModule(() => ctx.sys.now()),
    platform: mod("platform", {
      node: fn("node", () => ctx.sys.hostname()),
      system: fn("system", () => "Linux"),
      machine: fn("machine", () => "x86_64"),
      python_version: fn("python_version", () => opts.version),
    }),
  };
  return m;
}

/** The datetime module's datetime.now()/utcnow()/fromtimestamp() in UTC (containers run with TZ unset), str, repr, isoformat, strftime, timestamp. */
function datetimeModule(now: () => number): PyObj & { t: "module" } {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const cls: PyObj & { t: "class" } = { t: "class", name: "datetime", module: "datetime", attrs: new Map() };
  const text = (ms: number, sep: string) => {
    const d = new Date(ms);
    const base = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}${sep}${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
    const us = (ms % 1000) * 1000;
    return us ? `${base}.${p(us, 6)}` : base;
  };
  const msOf = (self: PyVal) => Number((self as PyObj & { t: "inst" }).attrs.get("__ms"));
  cls.attrs?.set(
    "__str__",
    builtin("__str__", ([self]) => text(msOf(self ?? null), " ")),
  );
  cls.attrs?.set(
    "__repr__",
    builtin("__repr__", ([self]) => {
      const d = new Date(msOf(self ?? null));
      const parts = [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
      ];
      const us = (msOf(self ?? null) % 1000) * 1000;
      // datetime_repr: hour and minute always; second only when it or the microsecond is set.
      if (!us && parts[5] === 0) parts.pop();
      return `datetime.datetime(${[...parts, ...(us ? [us] : [])].join(", ")})`;
    }),
  );
  const make = (ms: number): PyVal => {
    const d = new Date(ms);
    const inst: PyObj & { t: "inst" } = { t: "inst", cls, attrs: new Map() };
    inst.attrs.set("__ms", BigInt(ms));
    for (const [k, v] of [
      ["year", d.getUTCFullYear()],
      ["month", d.getUTCMonth() + 1],
      ["day", d.getUTCDate()],
      ["hour", d.getUTCHours()],
      ["minute", d.getUTCMinutes()],
      ["second", d.getUTCSeconds()],
      ["microsecond", (ms % 1000) * 1000],
    ] as [string, number][])
      inst.attrs.set(k, BigInt(v));
    inst.attrs.set(
      "isoformat",
      builtin("isoformat", ([sep]) => text(ms, sep === undefined ? "T" : str(sep))),
    );
    inst.attrs.set(
      "strftime",
      builtin("strftime", ([f]) => strftime(str(f ?? null), ms, (ms % 1000) * 1000)),
    );
    inst.attrs.set(
      "timestamp",
      builtin("timestamp", () => ms / 1000),
    );
    return inst;
  };
  cls.attrs?.set(
    "now",
    builtin("now", () => make(Math.floor(now()))),
  );
  cls.attrs?.set(
    "utcnow",
    builtin("utcnow", () => make(Math.floor(now()))),
  );
  cls.attrs?.set(
    "fromtimestamp",
    builtin("fromtimestamp", ([t]) => make(Math.floor(toFloat(t ?? null) * 1000))),
  );
  return mod("datetime", { datetime: cls });
}

const GAIERROR: PyObj & { t: "class" } = {
  t: "class",
  name: "gaierror",
  base: EXC.OSError,
  module: "socket",
};

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** time.strftime in UTC (containers run with TZ unset). */
function strftime(f: string, ms: number, micros = 0): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return f.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case "Y":
        return String(d.getUTCFullYear());
      case "m":
        return p(d.getUTCMonth() + 1);
      case "d":
        return p(d.getUTCDate());
      case "H":
        return p(d.getUTCHours());
      case "M":
        return p(d.getUTCMinutes());
      case "S":
        return p(d.getUTCSeconds());
      case "a":
        return DAYS[d.getUTCDay()] as string;
      case "b":
        return MONTHS[d.getUTCMonth()] as string;
      case "y":
        return p(d.getUTCFullYear() % 100);
      case "f":
        return p(micros, 6);
      case "j":
        return p(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case "Z":
        return "UTC";
      case "z":
        return "+0000";
      case "%":
        return "%";
      default:
        return m;
    }
  });
}
