/**
 * perl, for what containers run with it: `perl -v`, and `-e`/`-E` scripts made of print (or say)
 * statements whose arguments are string literals, numbers, and `bpi(N)` under `-Mbignum=bpi`
 * (the Kubernetes Job example: `perl -Mbignum=bpi -wle 'print bpi(2000)'`). Any other script is
 * beyond this perl: it says so on stderr and exits 255, as perl does for a script it cannot compile.
 */
import type { CommandContext } from "../../sh/interface";
import { piDigits } from "./pi";

/** What this perl prints when a script goes beyond what it runs. */
export const PERL_UNSUPPORTED = "kubeglass perl runs only print/say statements of literals and bpi(N)";

function perlVersion(ctx: CommandContext): string {
  const m = /perl(5\.\d+\.\d+)/.exec(ctx.argv[0] ?? "");
  return m?.[1] ?? "5.40.0";
}

function perlUnescape(s: string): string {
  return s.replace(/\\(n|t|\\|"|\$|@)/g, (_m, c: string) => ({ n: "\n", t: "\t" })[c] ?? c);
}

/** The value of one print argument, or undefined when this perl cannot evaluate it. */
function evalTerm(term: string, bpi: boolean): string | undefined {
  const t = term.trim();
  let m = /^"((?:[^"\\]|\\.)*)"$/.exec(t);
  if (m) return perlUnescape(m[1] as string);
  m = /^'((?:[^'\\]|\\.)*)'$/.exec(t);
  if (m) return (m[1] as string).replace(/\\(['\\])/g, "$1");
  if (/^-?\d+(\.\d+)?$/.test(t)) return String(Number(t));
  m = /^bpi\s*\(\s*(\d+)\s*\)$/.exec(t);
  if (m && bpi) return piDigits(Number(m[1]));
  return undefined;
}

/** Splits on commas and semicolons outside quotes and parentheses. */
function split(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      cur += c;
      if (c === "\\") cur += text[++i] ?? "";
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Runs a one-line script; undefined when it holds something this perl does not run. */
export function runPerlScript(
  script: string,
  opts: { l: boolean; bpi: boolean; sayAllowed: boolean },
): string | undefined {
  let out = "";
  for (const stmt of split(script, ";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(print|say)\b\s*(?:\((.*)\)|(.*))$/s.exec(stmt);
    if (!m || (m[1] === "say" && !opts.sayAllowed)) return undefined;
    const list = (m[2] ?? m[3] ?? "").trim();
    const values = list ? split(list, ",").map((t) => evalTerm(t, opts.bpi)) : [""];
    if (values.some((v) => v === undefined)) return undefined;
    out += values.join("") + (opts.l || m[1] === "say" ? "\n" : "");
  }
  return out;
}

/** perl. */
export function perl(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const version = perlVersion(ctx);
  let l = false;
  let bpi = false;
  let say = false;
  let script: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-v") {
      const [, minor, patch] = version.split(".");
      ctx.stdout.write(
        `\nThis is perl 5, version ${minor}, subversion ${patch} (v${version}) built for x86_64-linux-gnu\n\nCopyright 1987-2024, Larry Wall\n\nPerl may be copied only under the terms of either the Artistic License or the\nGNU General Public License, which may be found in the Perl 5 source kit.\n\nComplete documentation for Perl, including FAQ lists, should be found on\nthis system using "man perl" or "perldoc perl".  If you have access to the\nInternet, point your browser at https://www.perl.org/, the Perl Home Page.\n\n`,
      );
      return 0;
    }
    if (a.startsWith("-M")) {
      if (/^-Mbignum(=.*\bbpi\b.*)?$/.test(a)) bpi = true;
      continue;
    }
    if (/^-[wl]*[eE]$/.test(a)) {
      if (a.includes("l")) l = true;
      if (a.includes("E")) say = true;
      if (a.endsWith("e") || a.endsWith("E")) script = args[++i] ?? "";
      continue;
    }
    if (/^-[wl]+$/.test(a)) {
      if (a.includes("l")) l = true;
      continue;
    }
    if (!a.startsWith("-")) {
      // A script file: read and run it like -e.
      const path = a.startsWith("/") ? a : `${ctx.cwd}/${a}`;
      if (!ctx.fs.isFile(path)) {
        ctx.stderr.write(`Can't open perl script "${a}": No such file or directory\n`);
        return 2;
      }
      script = ctx.fs.read(path).replace(/^#!.*\n/, "");
      break;
    }
  }
  if (script === undefined) script = ctx.stdin;
  const out = runPerlScript(script, { l, bpi, sayAllowed: say });
  if (out === undefined) {
    ctx.stderr.write(`${PERL_UNSUPPORTED}\n`);
    return 255;
  }
  ctx.stdout.write(out);
  return 0;
}
