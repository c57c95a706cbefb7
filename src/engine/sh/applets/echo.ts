/**
 * echo and printf as programs (/bin/echo, /usr/bin/printf): coreutils src/echo.c and
 * src/printf.c, busybox coreutils/echo.c and coreutils/printf.c.
 */
import type { CommandContext } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import { cExponent, gFormat } from "./cformat";
import { type Applet, complain, type Flavour } from "./common";

/**
 * Interprets backslash escapes as `echo -e` and printf's %b do. Returns the text and whether a
 * `\c` asked to stop all output.
 */
export function backslashEscapes(s: string, octalNeedsZero = true): { text: string; stop: boolean } {
  let text = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== "\\" || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const n = s[++i] as string;
    const simple: Record<string, string> = {
      a: "\x07",
      b: "\b",
      e: "\x1b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
      v: "\v",
      "\\": "\\",
    };
    if (n in simple) text += simple[n];
    else if (n === "c") return { text, stop: true };
    else if (n === "x" && /[0-9a-fA-F]/.test(s[i + 1] ?? "")) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))?.[0] as string;
      text += String.fromCharCode(Number.parseInt(m, 16));
      i += m.length;
    } else if (n === "0" || (!octalNeedsZero && /[0-7]/.test(n))) {
      const digits = /^[0-7]{0,3}/.exec(s.slice(n === "0" ? i + 1 : i))?.[0] ?? "";
      text += String.fromCharCode(Number.parseInt(digits || "0", 8) & 0xff);
      i += n === "0" ? digits.length : digits.length - 1;
    } else text += `\\${n}`;
  }
  return { text, stop: false };
}

/** `echo [-neE] [ARG]...`: options only while every letter is one of n, e, E. */
export const echo: Applet = () => (ctx) => {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === "n") newline = false;
      else escapes = f === "e";
    }
    args = args.slice(1);
  }
  let text = args.join(" ");
  if (escapes) {
    const r = backslashEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  ctx.stdout.write(newline ? `${text}\n` : text);
  return 0;
};

/** One printf conversion's parts: flags, width, precision and the letter. */
const SPEC = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXfFeEgGcsb%])/y;

/** Parses a numeric printf argument as strtol/strtod do, with C character constants ('A). */
function numeric(
  ctx: CommandContext,
  flavour: Flavour,
  a: string,
  float: boolean,
): { v: number; ok: boolean } {
  if (a === "") return { v: 0, ok: true };
  if (/^['"]/.test(a)) return { v: a.codePointAt(1) ?? 0, ok: true };
  const t = a.trim();
  const re = float ? /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/ : /^[-+]?(0[xX][0-9a-fA-F]+|\d+)$/;
  if (re.test(t))
    return {
      v: float ? Number(t) : Number.parseInt(t, /^[-+]?0[xX]/.test(t) ? 16 : /^[-+]?0\d/.test(t) ? 8 : 10),
      ok: true,
    };
  complain(ctx, flavour === "gnu" ? `'${a}': expected a numeric value` : `invalid number '${a}'`);
  const lead = /^[-+]?\d+/.exec(t)?.[0];
  return { v: lead ? Number(lead) : 0, ok: false };
}

/** Pads a converted value to a width, left or with zeros as the flags say. */
function pad(s: string, flags: string, width: number, numericValue: boolean): string {
  if (s.length >= width) return s;
  if (flags.includes("-")) return s.padEnd(width);
  if (flags.includes("0") && numericValue) {
    const sign = /^[-+ ]/.test(s) ? (s[0] as string) : "";
    return sign + s.slice(sign.length).padStart(width - sign.length, "0");
  }
  return s.padStart(width);
}

/** Formats with C printf semantics; the format is reused while arguments remain. */
export function formatPrintf(
  ctx: CommandContext,
  flavour: Flavour,
  format: string,
  args: string[],
): { text: string; ok: boolean } {
  let text = "";
  let ok = true;
  let k = 0;
  const next = () => args[k++] ?? "";
  for (;;) {
    const usedBefore = k;
    for (let i = 0; i < format.length; ) {
      const c = format[i] as string;
      if (c === "\\") {
        const m = /^\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i))?.[0] ?? "\\";
        const r = backslashEscapes(m, false);
        if (m === "\\c") return { text, ok };
        text += r.text;
        i += m.length;
        continue;
      }
      if (c !== "%") {
        text += c;
        i++;
        continue;
      }
      SPEC.lastIndex = i;
      const m = SPEC.exec(format);
      if (!m) {
        complain(ctx, `%${format[i + 1] ?? ""}: invalid conversion specification`);
        return { text, ok: false };
      }
      i = SPEC.lastIndex;
      const flags = m[1] ?? "";
      const w = m[2];
      const p = m[3];
      const conv = m[4] as string;
      if (conv === "%") {
        text += "%";
        continue;
      }
      const width = w === "*" ? numeric(ctx, flavour, next(), false).v : Number(w ?? 0);
      const prec =
        p === undefined ? undefined : p === "*" ? numeric(ctx, flavour, next(), false).v : Number(p || 0);
      const a = next();
      let s: string;
      if (conv === "s") s = prec === undefined ? a : a.slice(0, prec);
      else if (conv === "b") {
        const r = backslashEscapes(a);
        s = r.text;
        if (r.stop) return { text: text + s, ok };
      } else if (conv === "c") s = a.slice(0, 1);
      else if ("diouxX".includes(conv)) {
        const n = numeric(ctx, flavour, a, false);
        ok &&= n.ok;
        let v = Math.trunc(n.v);
        if ("ouxX".includes(conv) && v < 0) v = Number(BigInt.asUintN(64, BigInt(v)));
        const digits =
          conv === "o"
            ? v.toString(8)
            : conv === "x"
              ? v.toString(16)
              : conv === "X"
                ? v.toString(16).toUpperCase()
                : String(Math.abs(v));
        s =
          (v < 0 && "di".includes(conv) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") +
          (prec !== undefined ? digits.padStart(prec, "0") : digits);
        if (flags.includes("#") && conv === "o" && !s.startsWith("0")) s = `0${s}`;
        if (flags.includes("#") && /[xX]/.test(conv) && v !== 0) s = `0${conv}${s}`;
      } else {
        const n = numeric(ctx, flavour, a, true);
        ok &&= n.ok;
        const pr = prec ?? 6;
        const lower = conv.toLowerCase();
        let body =
          lower === "f"
            ? Math.abs(n.v).toFixed(pr)
            : lower === "e"
              ? cExponent(Math.abs(n.v).toExponential(pr))
              : gFormat(Math.abs(n.v), pr === 0 ? 1 : pr, flags.includes("#"));
        if (conv === conv.toUpperCase()) body = body.toUpperCase();
        s =
          (n.v < 0 || Object.is(n.v, -0) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") +
          body;
      }
      text += pad(s, flags, width, !"sbc".includes(conv));
    }
    if (k >= args.length || k === usedBefore) break;
  }
  return { text, ok };
}

/** `printf FORMAT [ARGUMENT]...`. */
export const printf: Applet = (flavour) => (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === "--") args.shift();
  const format = args[0];
  if (format === undefined) {
    if (flavour === "gnu") {
      complain(ctx, "missing operand");
      ctx.stderr.write("Try 'printf --help' for more information.\n");
    } else ctx.stderr.write(busyboxUsage("printf"));
    return 1;
  }
  const r = formatPrintf(ctx, flavour, format, args.slice(1));
  ctx.stdout.write(r.text);
  return r.ok ? 0 : 1;
};
