/**
 * printf(1) as the shells' builtins do it: %s %b %c %d %i %u %o %x %X %e %f %g %%, flags, widths
 * and precisions (`*` too); the format is reused while arguments remain.
 */

/** The outcome: the text, whether `\c` stopped it, and messages about bad numbers. */
export interface PrintfResult {
  out: string;
  errors: string[];
}

/** Interprets backslash escapes (printf's format, `%b`, dash's echo). stop: `\c` was seen. */
export function unescapeBackslashes(s: string, forB: boolean): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i] as string;
    switch (n) {
      case "n":
        out += "\n";
        break;
      case "t":
        out += "\t";
        break;
      case "r":
        out += "\r";
        break;
      case "a":
        out += "\x07";
        break;
      case "b":
        out += "\b";
        break;
      case "f":
        out += "\f";
        break;
      case "v":
        out += "\v";
        break;
      case "e":
        out += "\x1b";
        break;
      case "\\":
        out += "\\";
        break;
      case "c":
        if (forB) return { text: out, stop: true };
        out += "\\c";
        break;
      case "x": {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          out += String.fromCharCode(Number.parseInt(m[0], 16));
          i += m[0].length;
        } else out += "\\x";
        break;
      }
      default:
        if (/[0-7]/.test(n)) {
          // %b and echo take \0nnn; the format takes \nnn.
          const src = forB && n === "0" ? s.slice(i + 1) : s.slice(i);
          const m = /^[0-7]{1,3}/.exec(src);
          const digits = m ? m[0] : "";
          out += String.fromCharCode(Number.parseInt(digits || "0", 8) & 255);
          i += forB && n === "0" ? digits.length : digits.length - 1;
        } else if (n === '"' || n === "'") out += n;
        else out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

/** Formats like printf(1). */
export function printf(format: string, args: string[]): PrintfResult & { stop: boolean } {
  const errors: string[] = [];
  let out = "";
  let ai = 0;
  const next = (): string | undefined => args[ai++];
  const toInt = (a: string | undefined): bigint => {
    if (a === undefined || a === "") return 0n;
    if (/^['"]/.test(a)) return BigInt(a.codePointAt(1) ?? 0);
    const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(a);
    if (!m) {
      errors.push(`${a}: invalid number`);
      return 0n;
    }
    if (m[0].length !== a.length) errors.push(`${a}: invalid number`);
    const body = m[2] as string;
    let v =
      body.startsWith("0x") || body.startsWith("0X")
        ? BigInt(body)
        : body.length > 1 && body.startsWith("0")
          ? BigInt(`0o${body.slice(1)}`)
          : BigInt(body);
    if (m[1] === "-") v = -v;
    return v;
  };
  const toFloat = (a: string | undefined): number => {
    if (a === undefined || a === "") return 0;
    const v = Number(a);
    if (Number.isNaN(v)) {
      errors.push(`${a}: invalid number`);
      return 0;
    }
    return v;
  };
  let first = true;
  while (first || (ai < args.length && ai > 0)) {
    first = false;
    const startAi = ai;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === "\\") {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i));
        const seq = m ? m[0] : "\\";
        if (seq === "\\c") return { out, errors, stop: true };
        out += unescapeBackslashes(seq, false).text;
        i += seq.length - 1;
        continue;
      }
      if (c !== "%") {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([a-zA-Z%])/.exec(format.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const conv = m[4] as string;
      if (conv === "%") {
        out += "%";
        continue;
      }
      const flags = m[1] ?? "";
      let width = m[2] === "*" ? Number(toInt(next())) : m[2] ? Number(m[2]) : undefined;
      let prec = m[3] === "*" ? Number(toInt(next())) : m[3] !== undefined ? Number(m[3] || "0") : undefined;
      let left = flags.includes("-");
      if (width !== undefined && width < 0) {
        left = true;
        width = -width;
      }
      if (prec !== undefined && prec < 0) prec = undefined;
      const pad = (s: string, numeric: boolean): string => {
        if (width === undefined || s.length >= width) return s;
        if (left) return s + " ".repeat(width - s.length);
        if (numeric && flags.includes("0") && prec === undefined) {
          const sign = /^[+ -]/.test(s) ? (s[0] as string) : "";
          const pre = /^[+ -]?0[xX]/.test(s) ? s.slice(sign.length, sign.length + 2) : "";
          const body = s.slice(sign.length + pre.length);
          return sign + pre + "0".repeat(width - s.length) + body;
        }
        return " ".repeat(width - s.length) + s;
      };
      switch (conv) {
        case "s": {
          let s = next() ?? "";
          if (prec !== undefined) s = s.slice(0, prec);
          out += pad(s, false);
          break;
        }
        case "b": {
          const u = unescapeBackslashes(next() ?? "", true);
          let s = u.text;
          if (prec !== undefined) s = s.slice(0, prec);
          out += pad(s, false);
          if (u.stop) return { out, errors, stop: true };
          break;
        }
        case "c":
          out += pad((next() ?? "").slice(0, 1), false);
          break;
        case "d":
        case "i":
        case "u":
        case "o":
        case "x":
        case "X": {
          let v = toInt(next());
          if (conv === "u" || conv === "o" || conv === "x" || conv === "X") v = BigInt.asUintN(64, v);
          let digits = (v < 0n ? -v : v).toString(conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10);
          if (conv === "X") digits = digits.toUpperCase();
          if (prec !== undefined) digits = prec === 0 && v === 0n ? "" : digits.padStart(prec, "0");
          if (flags.includes("#") && v !== 0n)
            digits =
              conv === "o"
                ? `0${digits}`
                : conv === "x"
                  ? `0x${digits}`
                  : conv === "X"
                    ? `0X${digits}`
                    : digits;
          const sign = v < 0n ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
          out += pad(sign + digits, true);
          break;
        }
        case "f":
        case "F":
        case "e":
        case "E":
        case "g":
        case "G": {
          const v = toFloat(next());
          const p = prec ?? 6;
          let s: string;
          if (!Number.isFinite(v)) s = Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
          else if (conv === "f" || conv === "F") s = v.toFixed(p);
          else if (conv === "e" || conv === "E") s = expForm(v, p);
          else {
            const P = p === 0 ? 1 : p;
            const x = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
            s = x < -4 || x >= P ? expForm(v, P - 1) : v.toFixed(Math.max(0, P - 1 - x));
            if (!flags.includes("#")) s = s.replace(/\.?0+(e|$)/, "$1");
          }
          if (conv === "E" || conv === "G") s = s.toUpperCase();
          if (v >= 0 && flags.includes("+")) s = `+${s}`;
          else if (v >= 0 && flags.includes(" ")) s = ` ${s}`;
          out += pad(s, true);
          break;
        }
        default:
          errors.push(`%${conv}: invalid directive`);
          return { out, errors, stop: true };
      }
    }
    if (ai === startAi) break;
  }
  return { out, errors, stop: false };
}

function expForm(v: number, p: number): string {
  const s = v.toExponential(p);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}
