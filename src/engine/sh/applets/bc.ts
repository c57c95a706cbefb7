/**
 * bc 1.07.1 (GNU): decimal arithmetic to any precision as the POSIX bc language defines it:
 * `+ - * / % ^`, parentheses, comparisons, variables, `scale` (digits after the point of a
 * quotient, 0 at start; 20 with -l), `sqrt()`, statements split by `;` or newlines, `quit`.
 * Results print as bc prints them: no leading zero before the point (`.50`), lines cut at 70
 * characters with a backslash. Errors are bc's (`(standard_in) 1: syntax error`, `Runtime
 * error (func=(main), adr=N): Divide by zero`).
 */
import { type Applet, abs } from "./common";

/** A decimal: n / 10^scale. */
interface Dec {
  n: bigint;
  scale: number;
}

const TEN = 10n;
const pow10 = (k: number): bigint => TEN ** BigInt(k);
const rescale = (d: Dec, s: number): bigint =>
  s >= d.scale ? d.n * pow10(s - d.scale) : d.n / pow10(d.scale - s);

/** A decimal as bc prints it. */
export function decText(d: Dec): string {
  const neg = d.n < 0n;
  let digits = (neg ? -d.n : d.n).toString();
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, "0");
    const int = digits.slice(0, -d.scale).replace(/^0+/, "");
    digits = `${int}.${digits.slice(-d.scale)}`;
  }
  const text = `${neg && d.n !== 0n ? "-" : ""}${digits}`;
  // bc breaks long numbers at 70 characters per line, each broken line ending in a backslash.
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 69) lines.push(text.slice(i, i + 69));
  return lines.join("\\\n");
}

class BcError extends Error {}

/** One bc session's state. */
class Bc {
  vars = new Map<string, Dec>();
  scale = 0;
  out = "";
  private toks: string[] = [];
  private i = 0;

  run(src: string): string | undefined {
    const lines = src.split("\n");
    for (let ln = 0; ln < lines.length; ln++) {
      const line = (lines[ln] as string).replace(/\/\*.*?\*\/|#.*$/g, "");
      this.toks =
        line.match(
          /\d*\.?\d+|\d+\.|[a-z_][a-z0-9_]*|\*\*|==|!=|<=|>=|&&|\|\||\+\+|--|[-+*/%^()=<>;,!]|\S/g,
        ) ?? [];
      this.i = 0;
      try {
        while (this.i < this.toks.length) {
          if (this.peek() === ";") {
            this.i++;
            continue;
          }
          if (this.peek() === "quit") return "quit";
          this.statement();
          if (this.i < this.toks.length && this.peek() !== ";") throw new BcError("syntax");
        }
      } catch (e) {
        if (!(e instanceof BcError)) throw e;
        return e.message === "syntax" ? `(standard_in) ${ln + 1}: syntax error\n` : `${e.message}\n`;
      }
    }
    return undefined;
  }

  private peek(): string | undefined {
    return this.toks[this.i];
  }

  private statement(): void {
    const name = this.peek();
    if (name && /^[a-z_]/.test(name) && this.toks[this.i + 1] === "=") {
      this.i += 2;
      const v = this.expr();
      if (name === "scale") this.scale = Number(rescale(v, 0));
      else this.vars.set(name, v);
      return;
    }
    const v = this.expr();
    this.out += `${decText(v)}\n`;
  }

  private expr(): Dec {
    let l = this.add();
    const op = this.peek();
    if (op && ["==", "!=", "<", "<=", ">", ">="].includes(op)) {
      this.i++;
      const r = this.add();
      const s = Math.max(l.scale, r.scale);
      const a = rescale(l, s);
      const b = rescale(r, s);
      const t =
        op === "=="
          ? a === b
          : op === "!="
            ? a !== b
            : op === "<"
              ? a < b
              : op === "<="
                ? a <= b
                : op === ">"
                  ? a > b
                  : a >= b;
      l = { n: t ? 1n : 0n, scale: 0 };
    }
    return l;
  }

  private add(): Dec {
    let l = this.mul();
    for (let op = this.peek(); op === "+" || op === "-"; op = this.peek()) {
      this.i++;
      const r = this.mul();
      const s = Math.max(l.scale, r.scale);
      l = { n: op === "+" ? rescale(l, s) + rescale(r, s) : rescale(l, s) - rescale(r, s), scale: s };
    }
    return l;
  }

  private mul(): Dec {
    let l = this.power();
    for (let op = this.peek(); op === "*" || op === "/" || op === "%"; op = this.peek()) {
      this.i++;
      const r = this.power();
      if (op === "*") {
        const s = Math.min(l.scale + r.scale, Math.max(this.scale, l.scale, r.scale));
        l = { n: rescale({ n: l.n * r.n, scale: l.scale + r.scale }, s), scale: s };
      } else {
        if (r.n === 0n)
          throw new BcError(
            `Runtime error (func=(main), adr=${this.i}): ${op === "/" ? "Divide" : "Modulo"} by zero`,
          );
        const q = this.divide(l, r, this.scale);
        if (op === "/") l = q;
        else {
          const s = Math.max(this.scale + r.scale, l.scale);
          const prod = { n: q.n * r.n, scale: q.scale + r.scale };
          l = { n: rescale(l, s) - rescale(prod, s), scale: s };
        }
      }
    }
    return l;
  }

  private divide(a: Dec, b: Dec, scale: number): Dec {
    // a/b to `scale` digits, truncated: (a.n * 10^(scale + b.scale - a.scale)) / b.n.
    const shift = scale + b.scale - a.scale;
    const num = shift >= 0 ? a.n * pow10(shift) : a.n / pow10(-shift);
    return { n: num / b.n, scale };
  }

  private power(): Dec {
    const base = this.unary();
    if (this.peek() !== "^") return base;
    this.i++;
    const e = this.power();
    const k = Number(rescale(e, 0));
    if (k < 0) return this.divide({ n: 1n, scale: 0 }, this.pow(base, -k), this.scale);
    const r = this.pow(base, k);
    const s = Math.min(base.scale * k, Math.max(this.scale, base.scale));
    return { n: rescale(r, s), scale: s };
  }

  private pow(b: Dec, k: number): Dec {
    let r: Dec = { n: 1n, scale: 0 };
    for (let j = 0; j < k; j++) r = { n: r.n * b.n, scale: r.scale + b.scale };
    return r;
  }

  private unary(): Dec {
    if (this.peek() === "-") {
      this.i++;
      const v = this.unary();
      return { n: -v.n, scale: v.scale };
    }
    if (this.peek() === "+") {
      this.i++;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Dec {
    const t = this.peek();
    if (t === undefined) throw new BcError("syntax");
    this.i++;
    if (t === "(") {
      const v = this.expr();
      if (this.peek() !== ")") throw new BcError("syntax");
      this.i++;
      return v;
    }
    if (/^[\d.]/.test(t)) {
      const [int = "", frac = ""] = t.split(".");
      return { n: BigInt(`${int || "0"}${frac}`), scale: frac.length };
    }
    if (t === "sqrt" || t === "length" || t === "scale") {
      if (this.peek() !== "(") {
        if (t === "scale") return { n: BigInt(this.scale), scale: 0 };
        throw new BcError("syntax");
      }
      this.i++;
      const v = this.expr();
      if (this.peek() !== ")") throw new BcError("syntax");
      this.i++;
      if (t === "scale") return { n: BigInt(v.scale), scale: 0 };
      if (t === "length") return { n: BigInt(v.n.toString().replace("-", "").length), scale: 0 };
      if (v.n < 0n)
        throw new BcError(`Runtime error (func=(main), adr=${this.i}): Square root of a negative number`);
      const s = Math.max(this.scale, v.scale);
      const target = rescale(v, 2 * s);
      let x = target;
      let y = (x + 1n) / 2n;
      while (y < x) {
        x = y;
        y = (x + target / x) / 2n;
      }
      return { n: x, scale: s };
    }
    if (/^[a-z_]/.test(t)) return this.vars.get(t) ?? { n: 0n, scale: 0 };
    throw new BcError("syntax");
  }
}

/** `bc [-l] [-q] [FILE]...`: the files, then stdin. */
export const bc: Applet = () => (ctx) => {
  const args = ctx.argv.slice(1);
  const session = new Bc();
  if (args.includes("-l") || args.includes("--mathlib")) session.scale = 20;
  let src = "";
  for (const f of args.filter((a) => !a.startsWith("-"))) {
    try {
      src += `${ctx.fs.read(abs(ctx, f))}\n`;
    } catch {
      ctx.stderr.write(`File ${f} is unavailable.\n`);
      return 1;
    }
  }
  src += ctx.stdin;
  const r = session.run(src);
  ctx.stdout.write(session.out);
  if (r && r !== "quit") ctx.stderr.write(r);
  return 0;
};
