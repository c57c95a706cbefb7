/**
 * `yq` (mikefarah/yq v4, as exam nodes install it): jq's path language over YAML documents,
 * `yq '.spec.containers[0].image' pod.yaml`, `yq eval`/`yq e`, `-o json`, `-i` (in place), `-I`.
 * Scalars print unwrapped; maps and sequences as YAML (two spaces, sequences indented, as
 * go-yaml v3 writes them); documents of a multi-document file are evaluated one by one and their
 * results separated by `---`. Comments are not kept (the documents are read as data).
 */
import { parseAllDocuments, stringify } from "yaml";
import type { CommandContext, Program } from "../../interface";
import { abs, fsReason } from "../common";
import { baseEnv } from "./builtins";
import { Env, ev, JqError } from "./eval";
import { dump, fromPlain, type J, toPlain } from "./json";
import { JqSyntaxError, type Node, parseProgram } from "./parse";

/** `yq --version`. */
export const YQ_VERSION = "yq (https://github.com/mikefarah/yq/) version v4.44.3";

/** Options yq v4 takes that change the output. */
interface YqOptions {
  output: "yaml" | "json";
  indent: number;
  inPlace: boolean;
  nullInput: boolean;
  exitStatus: boolean;
}

/** A result as yq prints it. */
function render(v: J, o: YqOptions): string {
  if (o.output === "json") return `${dump(v, { indent: o.indent })}\n`;
  if (typeof v === "string") return `${v}\n`;
  if (v === null || typeof v !== "object") return `${dump(v)}\n`;
  if (Array.isArray(v) && !v.length) return "[]\n";
  if (v instanceof Map && !v.size) return "{}\n";
  return stringify(toPlain(v), { indent: o.indent, lineWidth: 0 });
}

/** The yq program. */
export const yq: Program = (ctx) => {
  let args = ctx.argv.slice(1);
  if (args[0] === "eval" || args[0] === "e" || args[0] === "eval-all" || args[0] === "ea")
    args = args.slice(1);
  const o: YqOptions = { output: "yaml", indent: 2, inPlace: false, nullInput: false, exitStatus: false };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--version" || a === "-V") {
      ctx.stdout.write(`${YQ_VERSION}\n`);
      return 0;
    }
    const value = (inline: string | undefined) => inline ?? args[++i];
    const m = /^(-o|--output-format|-p|--input-format|-I|--indent)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = value(m[2]);
      if (m[1] === "-o" || m[1] === "--output-format") {
        if (v === "json" || v === "j") o.output = "json";
        else if (v === "yaml" || v === "y") o.output = "yaml";
        else {
          ctx.stderr.write(`Error: unknown print format '${v}'\n`);
          return 1;
        }
      } else if (m[1] === "-I" || m[1] === "--indent") o.indent = Number(v);
      continue;
    }
    if (a === "-i" || a === "--inplace") o.inPlace = true;
    else if (a === "-n" || a === "--null-input") o.nullInput = true;
    else if (a === "-e" || a === "--exit-status") o.exitStatus = true;
    else if (
      a === "-P" ||
      a === "--prettyPrint" ||
      a === "-M" ||
      a === "--no-colors" ||
      a === "-r" ||
      a === "-C"
    )
      continue;
    else if (a === "-oj" || a === "-ojson") o.output = "json";
    else if (a.startsWith("-") && a !== "-") {
      ctx.stderr.write(`Error: unknown shorthand flag: '${a.replace(/^-+/, "").charAt(0)}' in ${a}\n`);
      return 1;
    } else operands.push(a);
  }
  // yq v4: the first operand is the expression unless it names an existing file.
  let expression = ".";
  if (
    operands.length &&
    !(operands.length === 1 && ctx.fs.isFile(abs(ctx, operands[0] as string)) && !o.nullInput)
  )
    expression = operands.shift() as string;
  let node: Node;
  try {
    node = parseProgram(expression);
  } catch (e) {
    if (!(e instanceof JqSyntaxError)) throw e;
    ctx.stderr.write(`Error: ${e.message.replace(/ \(Unix shell quoting issues\?\)$/, "")}\n`);
    return 1;
  }
  const env = new Env(baseEnv());
  const rt = {
    nextInput: () => undefined,
    env: new Map(Object.entries(ctx.env)),
    stderr: (t: string) => ctx.stderr.write(t),
    now: () => ctx.sys.now() / 1000,
    filename: () => null,
  };
  const evaluate = (doc: J): J[] => [...ev(node, doc, null, env, rt)].map((x) => x[0]);
  if (o.nullInput) return print(ctx, evaluate(null), o);
  if (o.inPlace && !operands.length) {
    ctx.stderr.write(
      "Error: write in place flag only applicable when giving an expression and at least one file\n",
    );
    return 1;
  }
  const files = operands.length ? operands : ["-"];
  let out = "";
  let last: J | undefined;
  try {
    for (const f of files) {
      let text: string;
      try {
        text = f === "-" ? ctx.stdin : ctx.fs.read(abs(ctx, f));
      } catch (e) {
        ctx.stderr.write(`Error: open ${f}: ${fsReason(e).toLowerCase()}\n`);
        return 1;
      }
      const docs = parseAllDocuments(text);
      const parsed: J[] = [];
      for (const d of docs) {
        if (d.errors.length) {
          ctx.stderr.write(`Error: bad file '${f}': yaml: ${d.errors[0]?.message.split("\n")[0]}\n`);
          return 1;
        }
        parsed.push(fromPlain(d.toJS()));
      }
      if (!parsed.length) parsed.push(null);
      const results = parsed.map((doc) => evaluate(doc));
      if (o.inPlace) {
        ctx.fs.write(
          abs(ctx, f),
          results.map((rs) => rs.map((r) => render(r, { ...o, output: o.output })).join("")).join("---\n"),
        );
        continue;
      }
      out += results
        .filter((rs) => rs.length)
        .map((rs) => rs.map((r) => render(r, o)).join(""))
        .join("---\n");
      for (const rs of results) if (rs.length) last = rs.at(-1);
    }
  } catch (e) {
    if (!(e instanceof JqError)) throw e;
    ctx.stdout.write(out);
    ctx.stderr.write(`Error: ${e.message}\n`);
    return 1;
  }
  ctx.stdout.write(out);
  if (o.exitStatus && (last === undefined || last === null || last === false)) return 1;
  return 0;
};

function print(ctx: CommandContext, results: J[], o: YqOptions): number {
  ctx.stdout.write(results.map((r) => render(r, o)).join(""));
  return 0;
}
