/**
 * Runs a node script in a container: the globals scripts use (console with util.format and
 * util.inspect, process, require of os, http, fs, path and util, JSON, Math, Number, String,
 * timers, Error types, Date.now on the virtual clock), then node's event loop: timers fire on the
 * virtual clock, an http server listens on the pod network and answers from its request
 * callback, and the process ends when nothing is left to wait for. An uncaught error prints
 * node's report and exits 1.
 */

import { sleepUntil } from "../../../../sh/applets/sleep";
import type { CommandContext, HttpRequest, HttpResponse, Wait } from "../../../../sh/interface";
import { httpDate } from "../../util";
import { Unsupported } from "../expr";
import {
  format,
  inspect,
  type JsObj,
  JsonParseError,
  type JsVal,
  jsObject,
  jsonParse,
  jsonStringify,
  toStr,
} from "./inspect";
import { type JsGen, JsInterp, type JsStep, JsThrow, makeError, toNum } from "./interp";
import { lookupMethod, native, objectStatics } from "./methods";
import { type JsStmt, JsSyntaxError, parseScript } from "./parser";

const THROTTLE: Wait = Object.freeze({ kind: "throttle" });
const FOREVER: Wait = Object.freeze({ kind: "forever" });

/** Ends the process (process.exit). */
class ExitSignal {
  constructor(readonly code: number) {}
}

interface Timer {
  id: number;
  due: number;
  seq: number;
  fn: JsObj & { t: "fn" };
  args: JsVal[];
  interval?: number;
}

/** Where the script came from: `[eval]` for -e and -p, or its path. */
export interface NodeSource {
  text: string;
  file: string;
  /** -p: print the completion value of the last expression statement. */
  print: boolean;
}

const STATUS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Parses a script; node's SyntaxError report, or the statements. Throws Unsupported. */
export function parseNode(src: NodeSource, version: string): JsStmt[] | { syntaxError: string } {
  try {
    return parseScript(src.text);
  } catch (e) {
    if (!(e instanceof JsSyntaxError)) throw e;
    const line = src.text.split("\n")[e.line - 1] ?? "";
    return {
      syntaxError: `${src.file}:${e.line}\n${line}\n\n\nSyntaxError: ${e.message}\n\nNode.js v${version}\n`,
    };
  }
}

/** Runs a parsed node script as a container process. */
export function* runNode(
  ctx: CommandContext,
  body: JsStmt[],
  src: NodeSource,
  version: string,
): Generator<Wait, number, void> {
  const out = (t: string) => ctx.stdout.write(t);
  const err = (t: string) => ctx.stderr.write(t);
  const ip = new JsInterp(
    () => ctx.sys.now(),
    (self, name) => lookupMethod(ip, self, name),
  );
  const timers: Timer[] = [];
  let seq = 0;
  let nextId = 1;
  const closers: (() => void)[] = [];
  let listening = 0;
  const addTimer = (fn: JsVal, ms: JsVal, args: JsVal[], repeat: boolean) => {
    if (!(fn && typeof fn === "object" && fn.t === "fn"))
      throw ip.error(
        "TypeError",
        `The "callback" argument must be of type function. Received ${fn === undefined ? "undefined" : inspect(fn)}`,
      );
    let delay = toNum(ms);
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
    const t: Timer = {
      id: nextId++,
      due: ctx.sys.now() + delay,
      seq: seq++,
      fn,
      args,
      ...(repeat ? { interval: delay } : {}),
    };
    timers.push(t);
    const handle = jsObject([], "Timeout");
    handle.props.set("__id", t.id);
    return handle;
  };
  const clearTimer = (h: JsVal) => {
    const id = h && typeof h === "object" && h.t === "obj" ? h.props.get("__id") : h;
    const i = timers.findIndex((t) => t.id === id);
    if (i >= 0) timers.splice(i, 1);
    return undefined;
  };
  const env = jsObject(Object.entries(ctx.env));
  const process = jsObject([
    ["env", env],
    ["argv", { t: "arr", items: ["/usr/local/bin/node", ...(src.file === "[eval]" ? [] : [src.file])] }],
    ["version", `v${version}`],
    ["versions", jsObject([["node", version]])],
    ["platform", "linux"],
    ["arch", "x64"],
    ["pid", ctx.sys.pid?.() ?? 1],
    ["exitCode", undefined],
    ["cwd", native("cwd", () => ctx.cwd)],
    ["uptime", native("uptime", () => 0)],
    [
      "exit",
      native("exit", (_s, [code]) => {
        throw new ExitSignal(
          code === undefined ? toNum(process.props.get("exitCode") ?? 0) : toNum(code) | 0,
        );
      }),
    ],
    ["on", native("on", () => process)],
    [
      "stdout",
      jsObject([
        [
          "write",
          native("write", (_s, [t]) => {
            out(toStr(t));
            return true;
          }),
        ],
      ]),
    ],
    [
      "stderr",
      jsObject([
        [
          "write",
          native("write", (_s, [t]) => {
            err(toStr(t));
            return true;
          }),
        ],
      ]),
    ],
  ]);
  const consoleObj = jsObject([
    [
      "log",
      native("log", (_s, a) => {
        out(`${format(a)}\n`);
        return undefined;
      }),
    ],
    [
      "info",
      native("info", (_s, a) => {
        out(`${format(a)}\n`);
        return undefined;
      }),
    ],
    [
      "debug",
      native("debug", (_s, a) => {
        out(`${format(a)}\n`);
        return undefined;
      }),
    ],
    [
      "error",
      native("error", (_s, a) => {
        err(`${format(a)}\n`);
        return undefined;
      }),
    ],
    [
      "warn",
      native("warn", (_s, a) => {
        err(`${format(a)}\n`);
        return undefined;
      }),
    ],
    [
      "table",
      native("table", () => {
        throw new Unsupported("console.table");
      }),
    ],
  ]);
  const errorCtor = (cls: string) => {
    const make = native(cls, (_s, [m]) => makeError(cls, m === undefined ? "" : toStr(m)));
    make.props = new Map([["__construct", make]]);
    return make;
  };
  const os = jsObject([
    ["hostname", native("hostname", () => ctx.sys.hostname())],
    ["platform", native("platform", () => "linux")],
    ["type", native("type", () => "Linux")],
    ["arch", native("arch", () => "x64")],
    ["EOL", "\n"],
    ["homedir", native("homedir", () => ctx.env.HOME || "/root")],
    ["tmpdir", native("tmpdir", () => "/tmp")],
  ]);
  const abs = (p: string) => (p.startsWith("/") ? p : `${ctx.cwd}/${p}`).replace(/\/+/g, "/");
  const enoent = (syscall: string, p: string) => {
    const e = makeError("Error", `ENOENT: no such file or directory, ${syscall} '${p}'`);
    (e as JsObj & { t: "obj" }).props.set("code", "ENOENT");
    return new JsThrow(e, ip.line);
  };
  const fs = jsObject([
    [
      "readFileSync",
      native("readFileSync", (_s, [p]) => {
        const path = abs(toStr(p));
        if (!ctx.fs.isFile(path)) throw enoent("open", toStr(p));
        return ctx.fs.read(path);
      }),
    ],
    ["existsSync", native("existsSync", (_s, [p]) => ctx.fs.exists(abs(toStr(p))))],
    [
      "writeFileSync",
      native("writeFileSync", (_s, [p, d]) => {
        ctx.fs.write(abs(toStr(p)), toStr(d));
        return undefined;
      }),
    ],
    [
      "readdirSync",
      native("readdirSync", (_s, [p]) => {
        const path = abs(toStr(p));
        if (!ctx.fs.isDir(path)) throw enoent("scandir", toStr(p));
        return { t: "arr", items: ctx.fs.list(path) };
      }),
    ],
  ]);
  const path = jsObject([
    [
      "join",
      native("join", (_s, xs) =>
        xs
          .map(toStr)
          .join("/")
          .replace(/\/+/g, "/")
          .replace(/(.)\/$/, "$1"),
      ),
    ],
    ["basename", native("basename", (_s, [p]) => toStr(p).replace(/\/$/, "").replace(/^.*\//, ""))],
    ["dirname", native("dirname", (_s, [p]) => toStr(p).replace(/\/[^/]*$/, "") || "/")],
    ["extname", native("extname", (_s, [p]) => /(\.[^./]+)$/.exec(toStr(p))?.[1] ?? "")],
    ["resolve", native("resolve", (_s, xs) => abs(xs.map(toStr).join("/")))],
    ["sep", "/"],
  ]);
  const util = jsObject([
    ["format", native("format", (_s, a) => format(a))],
    ["inspect", native("inspect", (_s, [v]) => inspect(v))],
  ]);
  const http = jsObject([
    [
      "createServer",
      native("createServer", (_s, args) => {
        const handler = args.find((a) => a && typeof a === "object" && a.t === "fn") as
          | (JsObj & { t: "fn" })
          | undefined;
        const server = jsObject([], "Server");
        server.props.set(
          "listen",
          native("listen", (_x, largs) => {
            const port = typeof largs[0] === "number" ? largs[0] : Number(toStr(largs[0] ?? 0));
            const cb = largs.find((a) => a && typeof a === "object" && a.t === "fn") as
              | (JsObj & { t: "fn" })
              | undefined;
            if (ctx.sys.portInUse?.(port)) {
              const e = makeError("Error", `listen EADDRINUSE: address already in use :::${port}`);
              throw new JsThrow(e, ip.line);
            }
            listening++;
            closers.push(
              ctx.sys.listen({
                port,
                protocol: "TCP",
                http: (req) => serve(req, handler),
              }),
            );
            if (cb) timers.push({ id: nextId++, due: ctx.sys.now(), seq: seq++, fn: cb, args: [] });
            return server;
          }),
        );
        server.props.set(
          "close",
          native("close", () => server),
        );
        server.props.set(
          "on",
          native("on", () => server),
        );
        return server;
      }),
    ],
    ["STATUS_CODES", jsObject(Object.entries(STATUS).map(([k, v]) => [k, v]))],
  ]);
  /** Runs the request callback to completion and builds the response node's http module sends. */
  const serve = (req: HttpRequest, handler: (JsObj & { t: "fn" }) | undefined): HttpResponse => {
    const headers: [string, string][] = [];
    let status = 200;
    let body = "";
    let ended = false;
    let wroteChunks = false;
    const setHeader = (k: string, v: JsVal) => {
      const i = headers.findIndex(([h]) => h.toLowerCase() === k.toLowerCase());
      if (i >= 0) headers.splice(i, 1);
      headers.push([k, toStr(v)]);
    };
    const reqObj = jsObject(
      [
        ["url", req.path],
        ["method", req.method],
        ["headers", jsObject(Object.entries(req.headers))],
        ["httpVersion", "1.1"],
      ],
      "IncomingMessage",
    );
    const res = jsObject([], "ServerResponse");
    res.props.set("statusCode", 200);
    res.props.set(
      "setHeader",
      native("setHeader", (_s, [k, v]) => {
        setHeader(toStr(k), v);
        return res;
      }),
    );
    res.props.set(
      "writeHead",
      native("writeHead", (_s, [code, a, b]) => {
        res.props.set("statusCode", toNum(code));
        const hs = typeof a === "string" ? b : a;
        if (hs && typeof hs === "object" && hs.t === "obj") for (const [k, v] of hs.props) setHeader(k, v);
        return res;
      }),
    );
    res.props.set(
      "write",
      native("write", (_s, [chunk]) => {
        body += toStr(chunk);
        wroteChunks = true;
        return true;
      }),
    );
    res.props.set(
      "end",
      native("end", (_s, [chunk]) => {
        if (chunk !== undefined && typeof chunk !== "object") body += toStr(chunk);
        ended = true;
        return res;
      }),
    );
    if (handler) {
      const g = ip.call(handler, undefined, [reqObj, res]);
      try {
        let steps = 0;
        for (let r = g.next(); !r.done; r = g.next()) if (++steps > 1_000_000) break;
      } catch (e) {
        if (e instanceof JsThrow) {
          uncaught(e);
          crashed = true;
          return { status: 502, headers: {}, body: "" };
        }
        throw e;
      }
    }
    status = toNum(res.props.get("statusCode"));
    void ended;
    const out: Record<string, string> = {};
    for (const [k, v] of headers) out[k] = v;
    out.Date = httpDate(ctx.sys.now());
    out.Connection = "keep-alive";
    out["Keep-Alive"] = "timeout=5";
    if (wroteChunks) out["Transfer-Encoding"] = "chunked";
    else out["Content-Length"] = String(new TextEncoder().encode(body).length);
    return { status, statusText: STATUS[status] ?? "", headers: out, body };
  };
  let crashed = false;
  const uncaught = (e: JsThrow) => {
    const line = src.text.split("\n")[e.line - 1] ?? "";
    const v = e.value;
    const text =
      v && typeof v === "object" && v.t === "obj" && v.cls
        ? toStr(v.props.get("stack") ?? toStr(v))
        : inspect(v);
    err(`${src.file}:${e.line}\n${line}\n\n${text}\n\nNode.js v${version}\n`);
  };
  const modules: Record<string, JsVal> = { os, fs, path, util, http };
  const statics = objectStatics(ip);
  const mathObj = jsObject();
  for (const k of [
    "abs",
    "floor",
    "ceil",
    "round",
    "sqrt",
    "pow",
    "min",
    "max",
    "trunc",
    "sign",
    "log",
    "log2",
    "log10",
    "exp",
    "sin",
    "cos",
    "tan",
    "atan2",
    "hypot",
    "cbrt",
  ] as const)
    mathObj.props.set(
      k,
      native(k, (_s, a) => (Math[k] as (...x: number[]) => number)(...a.map(toNum))),
    );
  mathObj.props.set("PI", Math.PI);
  mathObj.props.set("E", Math.E);
  let rngState = (Math.floor(ctx.sys.now()) ^ 0x9e3779b9) >>> 0;
  mathObj.props.set(
    "random",
    native("random", () => {
      // xorshift32 seeded from the virtual clock: deterministic, as the engine must be.
      rngState ^= rngState << 13;
      rngState >>>= 0;
      rngState ^= rngState >>> 17;
      rngState ^= rngState << 5;
      rngState >>>= 0;
      return rngState / 4294967296;
    }),
  );
  const numberFn = native("Number", (_s, [v]) => (v === undefined ? 0 : toNum(v)));
  numberFn.props = new Map<string, JsVal>([
    ["isInteger", native("isInteger", (_s, [v]) => typeof v === "number" && Number.isInteger(v))],
    ["isNaN", native("isNaN", (_s, [v]) => typeof v === "number" && Number.isNaN(v))],
    [
      "parseInt",
      native("parseInt", (_s, [v, r]) => Number.parseInt(toStr(v), r === undefined ? undefined : toNum(r))),
    ],
    ["parseFloat", native("parseFloat", (_s, [v]) => Number.parseFloat(toStr(v)))],
    ["MAX_SAFE_INTEGER", Number.MAX_SAFE_INTEGER],
  ]);
  const dateFn = native("Date", () => new Date(ctx.sys.now()).toString());
  const dateObj = (ms: number) =>
    jsObject(
      [
        ["toISOString", native("toISOString", () => new Date(ms).toISOString())],
        ["getTime", native("getTime", () => ms)],
        ["toString", native("toString", () => new Date(ms).toUTCString())],
        ["getFullYear", native("getFullYear", () => new Date(ms).getUTCFullYear())],
        ["getHours", native("getHours", () => new Date(ms).getUTCHours())],
      ],
      "Date",
    );
  dateFn.props = new Map<string, JsVal>([
    ["now", native("now", () => ctx.sys.now())],
    ["__construct", native("Date", (_s, [v]) => dateObj(v === undefined ? ctx.sys.now() : toNum(v)))],
  ]);
  const globals: Record<string, JsVal> = {
    console: consoleObj,
    process,
    require: native("require", (_s, [name]) => {
      const n = toStr(name).replace(/^node:/, "");
      const m = modules[n];
      if (m) return m;
      if (
        /^[./]/.test(n) ||
        ![
          "child_process",
          "crypto",
          "events",
          "net",
          "stream",
          "url",
          "express",
          "https",
          "zlib",
          "dns",
          "cluster",
          "readline",
          "worker_threads",
          "assert",
          "buffer",
        ].includes(n)
      ) {
        const e = makeError(
          "Error",
          `Cannot find module '${n}'\nRequire stack:\n- ${src.file === "[eval]" ? `${ctx.cwd}/[eval]` : src.file}`,
        );
        (e as JsObj & { t: "obj" }).props.set("code", "MODULE_NOT_FOUND");
        throw new JsThrow(e, ip.line);
      }
      throw new Unsupported(`require('${n}')`);
    }),
    JSON: jsObject([
      [
        "stringify",
        native("stringify", (_s, [v, , ind]) =>
          jsonStringify(v, typeof ind === "number" ? " ".repeat(ind) : typeof ind === "string" ? ind : ""),
        ),
      ],
      [
        "parse",
        native("parse", (_s, [t]) => {
          try {
            return jsonParse(toStr(t));
          } catch (e) {
            if (!(e instanceof JsonParseError)) throw e;
            throw new JsThrow(makeError("SyntaxError", e.message), ip.line);
          }
        }),
      ],
    ]),
    Math: mathObj,
    Number: numberFn,
    String: native("String", (_s, [v]) => (v === undefined ? "" : toStr(v))),
    Boolean: native(
      "Boolean",
      (_s, [v]) => !!v && v !== 0 && v !== "" && !(typeof v === "number" && Number.isNaN(v)),
    ),
    parseInt: native("parseInt", (_s, [v, r]) =>
      Number.parseInt(toStr(v), r === undefined ? undefined : toNum(r)),
    ),
    parseFloat: native("parseFloat", (_s, [v]) => Number.parseFloat(toStr(v))),
    isNaN: native("isNaN", (_s, [v]) => Number.isNaN(toNum(v))),
    NaN: Number.NaN,
    Infinity: Number.POSITIVE_INFINITY,
    globalThis: undefined,
    Date: dateFn,
    setTimeout: native("setTimeout", (_s, [f, ms, ...a]) => addTimer(f, ms, a, false)),
    setInterval: native("setInterval", (_s, [f, ms, ...a]) => addTimer(f, ms, a, true)),
    setImmediate: native("setImmediate", (_s, [f, ...a]) => addTimer(f, 0, a, false)),
    clearTimeout: native("clearTimeout", (_s, [h]) => clearTimer(h)),
    clearInterval: native("clearInterval", (_s, [h]) => clearTimer(h)),
    Error: errorCtor("Error"),
    TypeError: errorCtor("TypeError"),
    RangeError: errorCtor("RangeError"),
    SyntaxError: errorCtor("SyntaxError"),
    ReferenceError: errorCtor("ReferenceError"),
    ...statics,
  };
  for (const [k, v] of Object.entries(globals)) ip.define(k, v);
  ip.define("module", jsObject([["exports", jsObject()]]));
  ip.define("__dirname", src.file === "[eval]" ? "." : src.file.replace(/\/[^/]*$/, "") || "/");
  ip.define("__filename", src.file === "[eval]" ? "[eval]" : src.file);

  /** Drives a generator of steps: throttles become waits. */
  function* drive(g: JsGen<unknown>): Generator<Wait, void, void> {
    for (let r = g.next(); !r.done; r = g.next()) {
      const s = r.value as JsStep;
      if ("throttle" in s) yield THROTTLE;
      else if ("out" in s) out(s.out);
      else err(s.err);
    }
  }
  try {
    try {
      if (src.print) {
        const last = body[body.length - 1];
        if (last && last.t === "expr") {
          yield* drive(ip.run(body.slice(0, -1)));
          let v: JsVal;
          yield* drive(
            (function* () {
              v = yield* ip.ev(last.e, ip.global);
            })(),
          );
          out(`${typeof v === "string" ? v : inspect(v)}\n`);
        } else {
          yield* drive(ip.run(body));
          out("undefined\n");
        }
      } else yield* drive(ip.run(body));
      // The event loop: timers on the virtual clock, then servers until the process is stopped.
      for (;;) {
        if (crashed) return 1;
        if (timers.length) {
          timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
          const t = timers[0] as Timer;
          if (t.due > ctx.sys.now()) yield* sleepUntil(ctx, t.due);
          if (!timers.includes(t)) continue;
          timers.shift();
          if (t.interval !== undefined) timers.push({ ...t, due: ctx.sys.now() + t.interval, seq: seq++ });
          yield* drive(ip.call(t.fn, undefined, t.args));
          continue;
        }
        if (listening > 0) {
          yield FOREVER;
          continue;
        }
        const code = process.props.get("exitCode");
        return code === undefined ? 0 : toNum(code);
      }
    } catch (e) {
      if (e instanceof ExitSignal) return e.code & 0xff;
      if (e instanceof JsThrow) {
        uncaught(e);
        return 1;
      }
      if (e instanceof RangeError) {
        uncaught(new JsThrow(makeError("RangeError", "Maximum call stack size exceeded"), ip.line));
        return 1;
      }
      throw e;
    }
  } finally {
    for (const c of closers) c();
  }
}
