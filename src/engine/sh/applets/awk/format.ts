/** awk's printf/sprintf: C conversions over awk values (%c of a number is that character). */
import { cExponent as exp, gFormat } from "../cformat";
import type { Awk, Value } from "./interp";

const SPEC = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXfFeEgGcs%])/y;

/** Formats values as C printf does for awk. */
export function awkSprintf(awk: Awk, format: string, values: Value[]): string {
  let out = "";
  let k = 0;
  const next = () => values[k++];
  for (let i = 0; i < format.length; ) {
    const c = format[i] as string;
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    SPEC.lastIndex = i;
    const m = SPEC.exec(format);
    if (!m) {
      out += c;
      i++;
      continue;
    }
    i = SPEC.lastIndex;
    const flags = m[1] ?? "";
    const conv = m[4] as string;
    if (conv === "%") {
      out += "%";
      continue;
    }
    const width = m[2] === "*" ? Math.trunc(awk.num(next())) : Number(m[2] ?? 0);
    const prec =
      m[3] === undefined ? undefined : m[3] === "*" ? Math.trunc(awk.num(next())) : Number(m[3] || 0);
    const v = next();
    let s: string;
    let numeric = true;
    if (conv === "s") {
      s = awk.str(v);
      if (prec !== undefined) s = s.slice(0, prec);
      numeric = false;
    } else if (conv === "c") {
      s = typeof v === "number" ? String.fromCodePoint(Math.trunc(v)) : awk.str(v).slice(0, 1);
      numeric = false;
    } else if ("diouxX".includes(conv)) {
      let n = Math.trunc(awk.num(v));
      if ("ouxX".includes(conv) && n < 0) n = Number(BigInt.asUintN(64, BigInt(n)));
      let digits =
        conv === "o"
          ? n.toString(8)
          : conv === "x"
            ? n.toString(16)
            : conv === "X"
              ? n.toString(16).toUpperCase()
              : String(Math.abs(n));
      if (prec !== undefined) digits = digits.padStart(prec, "0");
      if (flags.includes("#") && conv === "o" && !digits.startsWith("0")) digits = `0${digits}`;
      if (flags.includes("#") && /[xX]/.test(conv) && n !== 0) digits = `0${conv}${digits}`;
      s =
        (n < 0 && "di".includes(conv) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") +
        digits;
    } else {
      const n = awk.num(v);
      const p = prec ?? 6;
      const lower = conv.toLowerCase();
      let body: string;
      if (!Number.isFinite(n)) body = Number.isNaN(n) ? "nan" : "inf";
      else if (lower === "f") body = Math.abs(n).toFixed(p);
      else if (lower === "e") body = exp(Math.abs(n).toExponential(p));
      else body = gFormat(Math.abs(n), p === 0 ? 1 : p, flags.includes("#"));
      if (conv !== lower) body = body.toUpperCase();
      s = (n < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") + body;
    }
    if (s.length < width) {
      if (flags.includes("-")) s = s.padEnd(width);
      else if (flags.includes("0") && numeric) {
        const sign = /^[-+ ]/.test(s) ? (s[0] as string) : "";
        s = sign + s.slice(sign.length).padStart(width - sign.length, "0");
      } else s = s.padStart(width);
    }
    out += s;
  }
  return out;
}
