/**
 * python and node, for what containers run with them: `--version`; `python -c`, script files and
 * stdin through the python interpreter of ./script/py, and `node -e`/`-p`, script files and
 * stdin through the JavaScript interpreter of ./script/js (both on the virtual clock, step-
 * budgeted, never handing user code to the host's eval); and `python -m http.server [PORT]`
 * serving the working directory (its directory listing, its error page, its request log on
 * stderr). A program beyond them gets one line on stderr saying the simulator does not run it,
 * and exit 1.
 */
import { sleepUntil } from "../../sh/applets/sleep";
import type { CommandContext, FileSystem, HttpRequest, HttpResponse, Proc, Wait } from "../../sh/interface";
import { Unsupported } from "./script/expr";
import type { JsStmt } from "./script/js/parser";
import { type NodeSource, parseNode, runNode } from "./script/js/run";
import type { PyStep } from "./script/py/interp";
import { dumps, loads } from "./script/py/json";
import { parseScript, runPython, type ScriptSource } from "./script/py/run";
import { PyRaise, str } from "./script/py/values";
import { httpDate, mimeType, respond, slashTime, stopWatch, untilStopped } from "./util";

const THROTTLE: Wait = Object.freeze({ kind: "throttle" });

/** What this python prints when a program goes beyond what the simulator runs. */
export const PYTHON_UNSUPPORTED =
  "kubeglass: the simulated python runs the core language (no decorators, generators or async) with sys, os, time, socket, json, math, random and platform; it does not run this program";

/** What this node prints when a program goes beyond what the simulator runs. */
export const NODE_UNSUPPORTED =
  "kubeglass: the simulated node runs the core language (no classes, async or regular expressions) with console, process, timers and require of os, http, fs, path and util; it does not run this program";

/** http.server's error page. */
export function pythonErrorPage(code: number, message: string, explain: string): string {
  return `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${code}</p>
        <p>Message: ${message}.</p>
        <p>Error code explanation: ${code} - ${explain}.</p>
    </body>
</html>
`;
}

/** Answers a request as SimpleHTTPRequestHandler does from a directory. */
export function simpleHttp(
  fs: FileSystem,
  root: string,
  server: string,
  now: number,
  req: HttpRequest,
): HttpResponse {
  const base = { Server: server, Date: httpDate(now) };
  const path = decodeURIComponent(req.path.split("?")[0] as string);
  const full = `${root}/${path}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
  if (fs.isDir(full)) {
    if (!path.endsWith("/")) return respond(301, "", { ...base, Location: `${path}/` });
    if (fs.isFile(`${full}/index.html`))
      return simpleHttp(fs, root, server, now, { ...req, path: `${path}index.html` });
    // SimpleHTTPRequestHandler.list_directory sorts by name.lower().
    const items = [...fs.list(full)]
      .sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0))
      .map((n) => (fs.isDir(`${full}/${n}`) ? `${n}/` : n))
      .map((n) => `<li><a href="${n}">${n}</a></li>`);
    const body = `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n${items.join("\n")}${items.length ? "\n" : ""}</ul>\n<hr>\n</body>\n</html>\n`;
    return respond(200, body, { ...base, "Content-type": "text/html; charset=utf-8" });
  }
  if (!fs.isFile(full))
    return respond(404, pythonErrorPage(404, "File not found", "Nothing matches the given URI"), {
      ...base,
      Connection: "close",
      "Content-Type": "text/html;charset=utf-8",
    });
  return respond(200, fs.read(full), {
    ...base,
    "Content-type": mimeType(full),
    "Last-Modified": httpDate(fs.stat?.(full)?.mtimeMs ?? 0),
  });
}

function* httpServer(ctx: CommandContext, port: number, version: string): Proc {
  const watch = stopWatch(ctx.sys);
  const server = `SimpleHTTP/0.6 Python/${version}`;
  const root = ctx.cwd;
  const close = ctx.sys.listen({
    port,
    protocol: "TCP",
    http: (req) => {
      const res = simpleHttp(ctx.fs, root, server, ctx.sys.now(), req);
      const t = slashTime(ctx.sys.now()).replace(
        /^(\d+)\/(\d+)\/(\d+)/,
        (_m, y, mo, d) =>
          `${d}/${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(mo) - 1]}/${y}`,
      );
      ctx.stderr.write(
        `${req.remoteAddress ?? "-"} - - [${t}] "${req.method} ${req.path} HTTP/1.1" ${res.status} -\n`,
      );
      return res;
    },
  });
  // stdout is a pipe, not a terminal: this line sits in python's buffer unless unbuffered.
  if (ctx.env.PYTHONUNBUFFERED)
    ctx.stdout.write(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
  yield* untilStopped(watch);
  close();
  return 0;
}

/** Runs a python script: its output as python flushes it, time.sleep on the virtual clock. */
function* pythonScript(
  ctx: CommandContext,
  src: ScriptSource,
  unbuffered: boolean,
  version: string,
  argv: string[],
): Proc {
  let body: ReturnType<typeof parseScript>;
  try {
    body = parseScript(src);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    ctx.stderr.write(`${PYTHON_UNSUPPORTED}\n`);
    return 1;
  }
  if ("syntaxError" in body) {
    ctx.stderr.write(body.syntaxError);
    return 1;
  }
  const steps = runPython(ctx, body, src, { unbuffered, version, argv });
  for (;;) {
    let r: IteratorResult<PyStep, number>;
    try {
      r = steps.next();
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      ctx.stderr.write(`${PYTHON_UNSUPPORTED}\n`);
      return 1;
    }
    if (r.done) return r.value;
    const step = r.value;
    if ("out" in step) ctx.stdout.write(step.out);
    else if ("err" in step) ctx.stderr.write(step.err);
    else if ("sleepMs" in step) yield* sleepUntil(ctx, ctx.sys.now() + step.sleepMs);
    else yield THROTTLE;
  }
}

/** `python -m json.tool [--sort-keys] [--indent N] [FILE]` (Lib/json/tool.py): pretty-prints JSON, 4 spaces by default. */
function jsonTool(ctx: CommandContext, args: string[]): number {
  const sortKeys = args.includes("--sort-keys");
  const i = args.indexOf("--indent");
  const indent = i >= 0 ? Number(args[i + 1]) : 4;
  const file = args.filter((a, k) => !a.startsWith("-") && args[k - 1] !== "--indent")[0];
  let text = ctx.stdin;
  if (file) {
    const path = file.startsWith("/") ? file : `${ctx.cwd}/${file}`;
    if (!ctx.fs.isFile(path)) {
      ctx.stderr.write(
        `${"usage: python -m json.tool [-h] [--sort-keys] [--no-ensure-ascii] [--json-lines]\n                          [--indent INDENT | --tab | --no-indent | --compact]\n                          [infile] [outfile]\n"}python -m json.tool: error: argument infile: can't open '${file}': [Errno 2] No such file or directory: '${file}'\n`,
      );
      return 2;
    }
    text = ctx.fs.read(path);
  }
  try {
    ctx.stdout.write(`${dumps(loads(text), { indent, sortKeys })}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    // json.tool raises SystemExit(e): python prints the message alone and exits 1.
    ctx.stderr.write(`${str(e.exc)}\n`);
    return 1;
  }
}

/** python / python3: `--version`, `-V`, `-c CODE`, `-u`, `-m http.server [PORT]`, a script file, stdin. */
export function python(ctx: CommandContext): number | Proc {
  let args = ctx.argv.slice(1);
  const version = ctx.env.PYTHON_VERSION || "3.13.1";
  let unbuffered = !!ctx.env.PYTHONUNBUFFERED;
  while (args[0] === "-u" || args[0] === "-B" || args[0] === "-q") {
    if (args[0] === "-u") unbuffered = true;
    args = args.slice(1);
  }
  if (args[0] === "--version" || args[0] === "-V") {
    ctx.stdout.write(`Python ${version}\n`);
    return 0;
  }
  if (args[0] === "-m" && args[1] === "http.server") {
    const port = Number(args.slice(2).find((a) => /^\d+$/.test(a)) ?? 8000);
    return httpServer(ctx, port, version);
  }
  if (args[0] === "-m" && args[1] === "json.tool") return jsonTool(ctx, args.slice(2));
  if (args[0] === "-m") {
    ctx.stderr.write(`${PYTHON_UNSUPPORTED}\n`);
    return 1;
  }
  if (args[0] === "-c")
    return pythonScript(ctx, { text: args[1] ?? "", file: "<string>" }, unbuffered, version, [
      "-c",
      ...args.slice(2),
    ]);
  if (args[0] && !args[0].startsWith("-")) {
    const path = args[0].startsWith("/") ? args[0] : `${ctx.cwd}/${args[0]}`;
    if (!ctx.fs.isFile(path)) {
      const name = ctx.argv[0]?.replace(/^.*\//, "") || "python3";
      ctx.stderr.write(`${name}: can't open file '${path}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    return pythonScript(ctx, { text: ctx.fs.read(path), file: path }, unbuffered, version, args);
  }
  return pythonScript(ctx, { text: ctx.stdin, file: "<stdin>" }, unbuffered, version, [""]);
}

/** node: `--version`, `-e`/`--eval` scripts, `-p`/`--print` expressions, a script file, stdin. */
export function node(ctx: CommandContext): number | Proc {
  const args = ctx.argv.slice(1);
  const version = ctx.env.NODE_VERSION || "23.4.0";
  if (args[0] === "--version" || args[0] === "-v") {
    ctx.stdout.write(`v${version}\n`);
    return 0;
  }
  let src: NodeSource = { text: ctx.stdin, file: "[stdin]", print: false };
  if (args[0] === "-e" || args[0] === "--eval") src = { text: args[1] ?? "", file: "[eval]", print: false };
  else if (args[0] === "-p" || args[0] === "--print")
    src = { text: args[1] ?? "", file: "[eval]", print: true };
  else if (args[0] && !args[0].startsWith("-")) {
    const path = args[0].startsWith("/") ? args[0] : `${ctx.cwd}/${args[0]}`;
    const file = ctx.fs.isFile(path) ? path : ctx.fs.isFile(`${path}.js`) ? `${path}.js` : undefined;
    if (!file) {
      ctx.stderr.write(
        `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n`,
      );
      return 1;
    }
    src = { text: ctx.fs.read(file), file, print: false };
  }
  let body: ReturnType<typeof parseNode>;
  try {
    body = parseNode(src, version);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    ctx.stderr.write(`${NODE_UNSUPPORTED}\n`);
    return 1;
  }
  if ("syntaxError" in body) {
    ctx.stderr.write(body.syntaxError);
    return 1;
  }
  return nodeProc(ctx, body, src, version);
}

function* nodeProc(ctx: CommandContext, body: JsStmt[], src: NodeSource, version: string): Proc {
  try {
    return yield* runNode(ctx, body, src, version);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    ctx.stderr.write(`${NODE_UNSUPPORTED}\n`);
    return 1;
  }
}

/** node's docker-entrypoint.sh: an option or a script file first runs node, then exec. */
export function* nodeEntrypoint(ctx: CommandContext): Proc {
  let args = ctx.argv.slice(1);
  const first = args[0] ?? "";
  const path = first.startsWith("/") ? first : `${ctx.cwd}/${first}`;
  if (first.startsWith("-") || /\.(c|m)?js$/.test(first) || (first && ctx.fs.isFile(path)))
    args = ["node", ...args];
  if (args.length === 0) return 0;
  return yield* ctx.exec(args);
}
