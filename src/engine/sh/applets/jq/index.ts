/**
 * `jq` as Ubuntu 22.04's jq 1.6 runs (src/main.c): options, inputs from files or stdin, one
 * output per result, and its exit statuses: 2 for usage and input parse errors, 3 for a program
 * that does not compile, 5 after a runtime error, 1 and 4 with `-e` for a last output of
 * false/null and for no output.
 */
import type { CommandContext, Program } from "../../interface";
import { abs, fsReason } from "../common";
import { baseEnv } from "./builtins";
import { Env, ev, JqError, JqHalt, type Runtime, undefinedName } from "./eval";
import { dump, type J, type JObject, JsonParseError, parseJson, parseJsonStream } from "./json";
import { JqSyntaxError, type Node, parseProgram } from "./parse";

/** `jq --version` on Ubuntu 22.04. */
export const JQ_VERSION = "jq-1.6";

/** main.c usage(): what `jq` without a program writes to stderr. */
export const JQ_USAGE = `Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [ARGUMENTS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified (except for formatting, but note that IEEE754 is used
for number representation internally, with all that implies).

For more advanced filters see the jq(1) manpage ("man jq")
and/or https://stedolan.github.io/jq

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t\t"foo": 0
\t}

`;

const HELP_TAIL = `Some of the options include:
  -c               compact instead of pretty-printed output;
  -n               use \`null\` as the single input value;
  -e               set the exit status code based on the output;
  -s               read (slurp) all inputs into an array; apply filter to it;
  -r               output raw strings, not JSON texts;
  -a               output ASCII with escape sequences (non-ASCII as \\uXXXX);
  -C               colorize JSON;
  -M               monochrome (don't colorize JSON);
  -S               sort keys of objects on output;
  --tab            use tabs for indentation;
  --arg a v        set variable $a to value <v>;
  --argjson a v    set variable $a to JSON value <v>;
  --slurpfile a f  set variable $a to an array of JSON texts read from <f>;
  --rawfile a f    set variable $a to a string consisting of the contents of <f>;
  --args           remaining arguments are string arguments, not files;
  --jsonargs       remaining arguments are JSON arguments, not files;
  --               terminates argument processing;

Named arguments are also available as $ARGS.named[], while
positional arguments are available as $ARGS.positional[].

See the manpage for more options.
`;

const SHORT: Record<string, string> = {
  r: "raw",
  j: "join",
  c: "compact",
  n: "null",
  s: "slurp",
  e: "exit",
  S: "sort",
  M: "mono",
  C: "color",
  a: "ascii",
  R: "rawin",
  h: "help",
};
const LONG: Record<string, string> = {
  "raw-output": "raw",
  "join-output": "join",
  "compact-output": "compact",
  "null-input": "null",
  slurp: "slurp",
  "exit-status": "exit",
  "sort-keys": "sort",
  "monochrome-output": "mono",
  "color-output": "color",
  "ascii-output": "ascii",
  "raw-input": "rawin",
  help: "help",
  tab: "tab",
  seq: "seq",
  unbuffered: "unbuffered",
  stream: "stream",
};

/** What the command line asked for. */
interface Options {
  flags: Set<string>;
  indent: number;
  program?: string;
  files: string[];
  named: [string, J][];
  positional: J[];
}

/** Parses jq's command line as main.c does (short options combine: `-rc`). */
function parseArgs(ctx: CommandContext, args: string[]): Options | number {
  const o: Options = { flags: new Set(), indent: 2, files: [], named: [], positional: [] };
  let rest: "files" | "args" | "jsonargs" = "files";
  let ended = false;
  const operand = (a: string): number | undefined => {
    if (o.program === undefined) o.program = a;
    else if (rest === "files") o.files.push(a);
    else if (rest === "args") o.positional.push(a);
    else {
      try {
        o.positional.push(parseJson(a));
      } catch {
        ctx.stderr.write(
          `jq: Invalid JSON text passed to --jsonargs\n${JQ_USAGE}Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`,
        );
        return 2;
      }
    }
    return undefined;
  };
  const unknown = (a: string) => {
    ctx.stderr.write(
      `jq: Unknown option: ${a}\n${JQ_USAGE}Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`,
    );
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (ended || !a.startsWith("-") || a === "-") {
      const r = operand(a);
      if (r !== undefined) return r;
      continue;
    }
    if (a === "--") {
      ended = true;
      continue;
    }
    if (a.startsWith("--")) {
      const name = a.slice(2);
      if (name in LONG) o.flags.add(LONG[name] as string);
      else if (name === "version") o.flags.add("version");
      else if (name === "args") rest = "args";
      else if (name === "jsonargs") rest = "jsonargs";
      else if (name === "indent") {
        const n = Number(args[++i]);
        if (!Number.isInteger(n) || n < 0 || n > 7) {
          ctx.stderr.write(
            n > 7 ? "jq: Cannot indent more than 7 characters\n" : "jq: --indent takes one parameter\n",
          );
          return 2;
        }
        o.indent = n;
      } else if (name === "arg" || name === "argjson" || name === "slurpfile" || name === "rawfile") {
        const key = args[i + 1];
        const value = args[i + 2];
        if (key === undefined || value === undefined) {
          ctx.stderr.write(
            `jq: --${name} takes two parameters (e.g. --${name} varname ${name === "arg" ? "value" : name === "argjson" ? "text" : "filename"})\n`,
          );
          return 2;
        }
        i += 2;
        if (name === "arg") o.named.push([key, value]);
        else if (name === "argjson") {
          try {
            o.named.push([key, parseJson(value)]);
          } catch {
            ctx.stderr.write(
              `jq: invalid JSON text passed to --argjson\n${JQ_USAGE}Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`,
            );
            return 2;
          }
        } else {
          let text: string;
          try {
            text = ctx.fs.read(abs(ctx, value));
          } catch (e) {
            ctx.stderr.write(
              `jq: Bad JSON in --${name} ${key} ${value}: Could not open ${value}: ${fsReason(e)}\n`,
            );
            return 2;
          }
          if (name === "rawfile") o.named.push([key, text]);
          else {
            const all: J[] = [];
            try {
              parseJsonStream(text, (v) => all.push(v));
            } catch (e) {
              ctx.stderr.write(`jq: Bad JSON in --slurpfile ${key} ${value}: ${(e as Error).message}\n`);
              return 2;
            }
            o.named.push([key, all]);
          }
        }
      } else if (name === "from-file") o.flags.add("fromfile");
      else return unknown(a);
      continue;
    }
    for (const c of a.slice(1)) {
      if (c === "f") o.flags.add("fromfile");
      else if (c in SHORT) o.flags.add(SHORT[c] as string);
      else return unknown(a);
    }
  }
  return o;
}

/** The jq program. */
export const jq: Program = (ctx) => {
  const parsed = parseArgs(ctx, ctx.argv.slice(1));
  if (typeof parsed === "number") return parsed;
  const o = parsed;
  if (o.flags.has("version")) {
    ctx.stdout.write(`${JQ_VERSION}\n`);
    return 0;
  }
  if (o.flags.has("help")) {
    ctx.stdout.write(`${JQ_USAGE}${HELP_TAIL}`);
    return 0;
  }
  if (o.program === undefined) {
    ctx.stderr.write(
      `${JQ_USAGE}Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`,
    );
    return 2;
  }
  let source = o.program;
  if (o.flags.has("fromfile")) {
    try {
      source = ctx.fs.read(abs(ctx, o.program));
    } catch (e) {
      ctx.stderr.write(`jq: error: Could not open ${o.program}: ${fsReason(e)}\n`);
      return 2;
    }
  }
  const compiled = compile(source, o);
  if (typeof compiled === "string") {
    ctx.stderr.write(compiled);
    return 3;
  }
  return run(ctx, o, compiled.node, compiled.env);
};

/** Compiles a program in the base scope with the named arguments bound, or jq's message. */
function compile(source: string, o: Options): { node: Node; env: Env } | string {
  const named: JObject = new Map(o.named);
  const args: JObject = new Map<string, J>([
    ["positional", o.positional],
    ["named", named],
  ]);
  const env = new Env(
    baseEnv(),
    new Map<string, J>([...o.named, ["ARGS", args], ["__prog_args", o.positional]]),
  );
  const where = `at <top-level>, line 1:\n${source}\n`;
  let node: Node;
  try {
    node = parseProgram(source);
  } catch (e) {
    if (!(e instanceof JqSyntaxError)) throw e;
    return `jq: error: ${e.message} ${where}jq: 1 compile error\n`;
  }
  const missing = undefinedName(node, env);
  if (missing) return `jq: error: ${missing} is not defined ${where}jq: 1 compile error\n`;
  return { node, env };
}

/** One input source: a file's name (or <stdin>) and its text. */
interface Source {
  name: string;
  text: string;
}

/** Runs a compiled program over the inputs; the exit status. */
function run(ctx: CommandContext, o: Options, node: Node, env: Env): number {
  const sources: Source[] = [];
  let status = 0;
  if (!o.files.length) sources.push({ name: "<stdin>", text: ctx.stdin });
  for (const f of o.files) {
    try {
      sources.push({ name: f, text: f === "-" ? ctx.stdin : ctx.fs.read(abs(ctx, f)) });
    } catch (e) {
      ctx.stderr.write(`jq: error: Could not open ${f}: ${fsReason(e)}\n`);
      status = 2;
    }
  }
  // Inputs are read as the program asks for them; a parse error ends reading (status 4).
  const queue: { value: J; source: Source }[] = [];
  let parseError: string | undefined;
  for (const s of sources) {
    if (parseError) break;
    if (o.flags.has("rawin")) {
      if (o.flags.has("slurp")) continue;
      const lines = s.text.split("\n");
      if (s.text.endsWith("\n")) lines.pop();
      for (const l of lines) queue.push({ value: l, source: s });
      continue;
    }
    try {
      parseJsonStream(s.text, (value) => queue.push({ value, source: s }));
    } catch (e) {
      if (!(e instanceof JsonParseError)) throw e;
      parseError = e.message;
    }
  }
  let current: Source | undefined;
  let at = 0;
  const rt: Runtime = {
    nextInput: () => {
      const next = queue[at++];
      if (next) current = next.source;
      return next?.value;
    },
    env: new Map(Object.entries(ctx.env)),
    stderr: (t) => ctx.stderr.write(t),
    now: () => ctx.sys.now() / 1000,
    filename: () => (current && current.name !== "<stdin>" ? current.name : null),
  };
  const position = () => {
    if (!current) return "<unknown>";
    return `${current.name}:${(current.text.match(/\n/g) ?? []).length}`;
  };
  const indent = o.flags.has("tab") ? ("tab" as const) : o.flags.has("compact") ? 0 : o.indent;
  let last: J | undefined;
  let any = false;
  const emit = (v: J) => {
    any = true;
    last = v;
    let text =
      (o.flags.has("raw") || o.flags.has("join")) && typeof v === "string"
        ? v
        : dump(v, { indent, sortKeys: o.flags.has("sort") });
    if (o.flags.has("ascii"))
      text = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    if (o.flags.has("seq")) text = `\x1e${text}`;
    ctx.stdout.write(o.flags.has("join") ? text : `${text}\n`);
  };
  const runOne = (input: J): number | undefined => {
    try {
      for (const [v] of ev(node, input, null, env, rt)) emit(v);
    } catch (e) {
      if (e instanceof JqHalt) {
        ctx.stderr.write(e.text);
        return e.status;
      }
      if (!(e instanceof JqError)) {
        if (e instanceof RangeError) {
          ctx.stderr.write(`jq: error (at ${position()}): stack overflow\n`);
          status = 5;
          return undefined;
        }
        throw e;
      }
      const msg = e.value;
      if (typeof msg === "string") ctx.stderr.write(`jq: error (at ${position()}): ${msg}\n`);
      else ctx.stderr.write(`jq: error (at ${position()}) (not a string): ${dump(msg)}\n`);
      status = 5;
    }
    return undefined;
  };
  let halted: number | undefined;
  if (o.flags.has("null")) halted = runOne(null);
  else if (o.flags.has("slurp")) {
    if (o.flags.has("rawin")) {
      current = sources[0];
      halted = runOne(sources.map((s) => s.text).join(""));
    } else if (!parseError) {
      const all = queue.map((q) => q.value);
      at = queue.length;
      current = sources.at(-1);
      halted = runOne(all);
    }
  } else
    for (let v = rt.nextInput(); v !== undefined && halted === undefined; v = rt.nextInput())
      halted = runOne(v);
  if (halted !== undefined) return halted;
  if (parseError) {
    // jq 1.6 (Debian's and Ubuntu's package) exits 4 after an input parse error.
    ctx.stderr.write(`parse error: ${parseError}\n`);
    return 4;
  }
  if (status) return status;
  if (o.flags.has("exit")) return !any ? 4 : last === null || last === false ? 1 : 0;
  return 0;
}
