/**
 * busybox 1.36's hexdump and hd (util-linux/hexdump.c) and xxd (util-linux/hexdump_xxd.c), with
 * their formats built exactly as the C source adds them to libbb's dump engine (dump.ts). Files
 * are text here: their bytes are the text's UTF-8. xxd -r (reverse) is not written.
 */
import type { CommandContext } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  complain,
  fsReason,
  getopt,
  has,
  last,
  type Parsed,
  programName,
  UsageError,
  usage,
} from "./common";
import { utf8 } from "./digest";
import { DumpError, dump, type FS, parseFormat } from "./dump";

/** hexdump.c's add_strings, for -b -c -d -o -x. */
const ADD_STRINGS: Record<string, string> = {
  b: '"%07.7_ax "16/1 "%03o " "\\n"',
  c: '"%07.7_ax "16/1 "%3_c " "\\n"',
  d: '"%07.7_ax "8/2 "  %05u " "\\n"',
  o: '"%07.7_ax "8/2 " %06o " "\\n"',
  x: '"%07.7_ax "8/2 "   %04x " "\\n"',
};
/** The final address line those formats end with. */
const ADD_FIRST = '"%07.7_Ax\\n"';
/** -C (and hd): the address, two groups of eight bytes, the printable characters. */
const CANONICAL = ['"%08.8_Ax\\n"', '"%08.8_ax  "8/1 "%02x ""  "8/1 "%02x "', '"  |"16/1 "%_p""|\\n"'];
/** Without options: the address and eight 16-bit words. */
const DEFAULT = '"%07.7_ax "8/2 "%04x " "\\n"';

/** The bytes of the operands one after another (stdin without any), reporting those it cannot open. */
function readAll(ctx: CommandContext, names: string[]): { bytes: Uint8Array; status: number } {
  let status = 0;
  const parts: Uint8Array[] = [];
  for (const name of names.length ? names : ["-"]) {
    try {
      parts.push(utf8(name === "-" ? ctx.stdin : ctx.fs.read(abs(ctx, name))));
    } catch (e) {
      complain(ctx, `${name}: ${fsReason(e)}`);
      status = 1;
    }
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, status };
}

/** xstrtoull with base 0 (0x hex, 0 octal) and, for hexdump -s, the b/k/m suffixes. */
function number(s: string, suffixes = false): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)([bkm]?)$/.exec(s);
  if (!m || (m[2] && !suffixes)) return undefined;
  const digits = m[1] as string;
  const v = /^0[xX]/.test(digits)
    ? Number.parseInt(digits, 16)
    : digits.startsWith("0")
      ? Number.parseInt(digits, 8)
      : Number(digits);
  return v * ({ b: 512, k: 1024, m: 1024 * 1024 }[m[2] as "b" | "k" | "m"] ?? 1);
}

/** Runs the dump, turning a bad format into `prog: message`, status 1. */
function run(ctx: CommandContext, formats: string[], names: string[], o: Parameters<typeof dump>[2]): number {
  let parsed: FS[];
  try {
    parsed = formats.map(parseFormat);
  } catch (e) {
    if (!(e instanceof DumpError)) throw e;
    complain(ctx, e.message);
    return 1;
  }
  const { bytes, status } = readAll(ctx, names);
  ctx.stdout.write(dump(parsed, bytes, o));
  return status;
}

/** `hexdump [-bcdoxCv] [-e FMT] [-f FMT_FILE] [-n LEN] [-s OFS] [FILE]...`; `hd FILE...` is -C. */
export const hexdump: Applet = (flavour) => (ctx) => {
  const isHd = programName(ctx) === "hd";
  const formats: string[] = [];
  let length: number | undefined;
  let skip = 0;
  let all = false;
  const args = ctx.argv.slice(1);
  const operands: string[] = [];
  if (isHd) formats.push(...CANONICAL);
  // Options are cumulative and ordered (`-C -C` dumps twice), so they are walked as getopt yields them.
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (isHd || !a.startsWith("-") || a === "-") {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j] as string;
      if ("efns".includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined)
          return usage(ctx, flavour, new UsageError(`option requires an argument -- '${c}'`));
        if (c === "e") formats.push(value);
        if (c === "f") {
          try {
            for (const line of ctx.fs.read(abs(ctx, value)).split("\n")) {
              const t = line.trim();
              if (t && !t.startsWith("#")) formats.push(t);
            }
          } catch (e) {
            complain(ctx, `can't open '${value}': ${fsReason(e)}`);
            return 1;
          }
        }
        if (c === "n") {
          if (!/^\d+$/.test(value)) {
            complain(ctx, `invalid number '${value}'`);
            return 1;
          }
          length = Number(value);
        }
        if (c === "s") {
          const v = number(value, true);
          if (v === undefined) {
            complain(ctx, `invalid number '${value}'`);
            return 1;
          }
          skip = v;
        }
        break;
      }
      if (c === "v") all = true;
      else if (c === "C") formats.push(...CANONICAL);
      else if (ADD_STRINGS[c]) formats.push(ADD_FIRST, ADD_STRINGS[c] as string);
      else return usage(ctx, flavour, new UsageError(`invalid option -- '${c}'`));
    }
  }
  if (!formats.length) formats.push(ADD_FIRST, DEFAULT);
  return run(ctx, formats, operands, { skip, length, all });
};

/** `xxd [-pri] [-g N] [-c N] [-l LEN] [-s OFS] [-o OFS] [FILE]`. */
export const xxd: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "l:s:apirg:c:o:");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (p.operands.length > 1) {
    ctx.stderr.write(busyboxUsage("xxd"));
    return 1;
  }
  const num = (k: string): number | undefined | null => {
    const v = last(p, k);
    if (v === undefined) return undefined;
    return number(v) ?? null;
  };
  for (const k of ["l", "s", "g", "c", "o"]) {
    if (num(k) === null) {
      complain(ctx, `invalid number '${last(p, k)}'`);
      return 1;
    }
  }
  if (has(p, "r")) {
    complain(ctx, "-r is not supported in this simulator");
    return 1;
  }
  const plain = has(p, "p");
  const include = has(p, "i");
  let cols = num("c") ?? 0;
  let bytes = num("g") ?? 2;
  const formats: string[] = [];
  if (plain) {
    if (cols === 0) cols = 30;
    bytes = cols;
  } else {
    if (cols === 0) cols = include ? 12 : 16;
    if (include) {
      bytes = 1;
      formats.push('" "');
    } else formats.push('"%08.8_ax: "');
  }
  if (bytes < 1 || bytes >= cols) formats.push(`${cols}/1 "%02x"`);
  else if (bytes === 1) formats.push(include ? `${cols}/1 " 0x%02x,"` : `${cols}/1 "%02x "`);
  else {
    let units = "";
    for (let i = 1; i <= cols; i++) units += i === cols || i % bytes ? '/1 "%02x"' : '/1 "%02x "';
    formats.push(units);
  }
  let eofString: string | undefined;
  if (!plain && !include) formats.push(`"  "${cols}/1 "%_p""\\n"`);
  else {
    formats.push('"\\n"');
    eofString = "\n";
  }
  return run(ctx, formats, p.operands, {
    all: true,
    skip: num("s") ?? 0,
    length: num("l") ?? undefined,
    eofString,
    displayOffset: num("o") ?? 0,
  });
};
