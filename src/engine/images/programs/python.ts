/**
 * python, for what containers run with it: `--version`, `-c` scripts of print() calls with
 * literal arguments, and `-m http.server [PORT]` serving the working directory (its directory
 * listing, its error page, its request log on stderr). Other scripts are beyond this python: it
 * says so on stderr and exits 1.
 */
import type { CommandContext, FileSystem, HttpRequest, HttpResponse, Proc } from "../../sh/interface";
import { httpDate, mimeType, respond, slashTime, stopWatch, untilStopped } from "./util";

/** What this python prints when a script goes beyond what it runs. */
export const PYTHON_UNSUPPORTED =
  "kubeglass python runs only print() of literals, --version and -m http.server";

function literal(t: string): string | undefined {
  const s = t.trim();
  const m = /^[rbf]?("|')((?:(?!\1)[^\\]|\\.)*)\1$/.exec(s);
  if (m)
    return (m[2] as string).replace(/\\(n|t|\\|'|")/g, (_x, c: string) => ({ n: "\n", t: "\t" })[c] ?? c);
  if (/^-?\d+(\.\d+)?$/.test(s)) return s;
  if (s === "True" || s === "False" || s === "None") return s;
  return undefined;
}

/** Runs statements of print(...) calls; undefined when there is anything else. */
export function runPrints(script: string, fn = "print", sep = " "): string | undefined {
  let out = "";
  for (const stmt of script
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = new RegExp(`^${fn.replace(".", "\\.")}\\((.*)\\)$`, "s").exec(stmt);
    if (!m) return undefined;
    const inner = (m[1] as string).trim();
    const parts = inner ? (inner.match(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,]+)/g) ?? []) : [];
    const values = parts.map(literal);
    if (values.some((v) => v === undefined)) return undefined;
    out += `${values.join(sep)}\n`;
  }
  return out;
}

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
    const items = fs
      .list(full)
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

/** python / python3. */
export function python(ctx: CommandContext): number | Proc {
  const args = ctx.argv.slice(1);
  const version = ctx.env.PYTHON_VERSION || "3.13.1";
  if (args[0] === "--version" || args[0] === "-V") {
    ctx.stdout.write(`Python ${version}\n`);
    return 0;
  }
  if (args[0] === "-m" && args[1] === "http.server") {
    const port = Number(args.slice(2).find((a) => /^\d+$/.test(a)) ?? 8000);
    return httpServer(ctx, port, version);
  }
  let script: string | undefined;
  if (args[0] === "-c") script = args[1] ?? "";
  else if (args[0] && !args[0].startsWith("-")) {
    const path = args[0].startsWith("/") ? args[0] : `${ctx.cwd}/${args[0]}`;
    if (!ctx.fs.isFile(path)) {
      ctx.stderr.write(`python3: can't open file '${path}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    script = ctx.fs.read(path);
  } else script = ctx.stdin;
  const out = runPrints(script.replace(/^#.*$/gm, ""));
  if (out === undefined) {
    ctx.stderr.write(`${PYTHON_UNSUPPORTED}\n`);
    return 1;
  }
  ctx.stdout.write(out);
  return 0;
}

/** node: `--version`, `-e`/`-p` with console.log() of literals; the image's docker-entrypoint.sh. */
export function node(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const version = ctx.env.NODE_VERSION || "23.4.0";
  if (args[0] === "--version" || args[0] === "-v") {
    ctx.stdout.write(`v${version}\n`);
    return 0;
  }
  let script = ctx.stdin;
  if (args[0] === "-e" || args[0] === "--eval") script = args[1] ?? "";
  else if (args[0] === "-p" || args[0] === "--print") {
    const v = literal(args[1] ?? "");
    if (v === undefined) {
      ctx.stderr.write("kubeglass node runs only console.log() of literals and --version\n");
      return 1;
    }
    ctx.stdout.write(`${v}\n`);
    return 0;
  }
  const out = runPrints(script, "console.log");
  if (out === undefined) {
    ctx.stderr.write("kubeglass node runs only console.log() of literals and --version\n");
    return 1;
  }
  ctx.stdout.write(out);
  return 0;
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
