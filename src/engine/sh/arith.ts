/**
 * Shell arithmetic (`$((...))`, `((...))`, `let`): C's integer operators on 64-bit signed
 * integers, variables by name, assignments. Errors are ArithError with the shell's wording.
 */

/** A failed arithmetic evaluation; message is the text after the shell's prefix. */
export class ArithError extends Error {}

/** Where arithmetic reads and writes variables. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const i64 = (n: bigint) => BigInt.asIntN(64, n);

type Tok = { t: "num"; v: bigint } | { t: "name"; v: string } | { t: "op"; v: string };

const OPS = [
  "<<=",
  ">>=",
  "**",
  "++",
  "--",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "^=",
  "|=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "&",
  "^",
  "|",
  "!",
  "~",
  "?",
  ":",
  "=",
  "(",
  ")",
  ",",
];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: parseNumber(num[0]) });
      i += num[0].length;
      if (/[A-Za-z_]/.test(src[i] ?? "")) throw new ArithError(`${src}: value too great for base`);
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: "name", v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`${src}: syntax error: operand expected`);
    out.push({ t: "op", v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(text: string): bigint {
  if (/^0[xX]/.test(text)) return i64(BigInt(text));
  const hash = text.indexOf("#");
  if (hash > 0) {
    const base = Number(text.slice(0, hash));
    let v = 0n;
    for (const ch of text.slice(hash + 1)) {
      const d = digitValue(ch, base);
      if (d < 0 || d >= base) throw new ArithError(`${text}: value too great for base`);
      v = i64(v * BigInt(base) + BigInt(d));
    }
    return v;
  }
  if (text.length > 1 && text.startsWith("0")) {
    if (/[89]/.test(text)) throw new ArithError(`${text}: value too great for base`);
    return i64(BigInt(`0o${text.slice(1)}`));
  }
  return i64(BigInt(text));
}

function digitValue(ch: string, base: number): number {
  if (/[0-9]/.test(ch)) return Number(ch);
  if (/[a-z]/.test(ch)) return ch.charCodeAt(0) - 87;
  if (/[A-Z]/.test(ch)) return base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29;
  if (ch === "@") return 62;
  if (ch === "_") return 63;
  return -1;
}

/** Evaluates an arithmetic expression; an empty one is 0. */
export function evalArith(src: string, vars: ArithVars, depth = 0): bigint {
  if (depth > 100) throw new ArithError(`${src}: expression recursion level exceeded`);
  const toks = tokenize(src);
  if (toks.length === 0) return 0n;
  let i = 0;
  // When evaluating a branch not taken (`0 && x++`), assignments are skipped.
  let noeval = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => {
    const t = toks[i];
    return t?.t === "op" && t.v === v;
  };
  const fail = (): never => {
    const t = toks[i];
    const rest = t ? src.slice(src.indexOf(t.t === "num" ? String(t.v) : t.v)) : "";
    throw new ArithError(
      t
        ? `${src}: syntax error: invalid arithmetic operator (error token is "${rest}")`
        : `${src}: syntax error: operand expected (error token is "${src}")`,
    );
  };
  const varValue = (name: string): bigint => {
    const v = vars.get(name);
    if (v === undefined || v === "") return 0n;
    if (/^\s*-?[0-9]+\s*$/.test(v)) return i64(BigInt(v.trim()));
    return evalArith(v, vars, depth + 1);
  };
  const assign = (name: string, v: bigint): bigint => {
    if (!noeval) vars.set(name, String(v));
    return v;
  };

  type LV = { name?: string; v: bigint };
  const comma = (): bigint => {
    let v = assignment();
    while (isOp(",")) {
      i++;
      v = assignment();
    }
    return v;
  };
  const assignment = (): bigint => {
    const t = peek();
    const n = toks[i + 1];
    if (t?.t === "name" && n?.t === "op" && /^([*/%+&^|-]|<<|>>)?=$/.test(n.v)) {
      i += 2;
      const rhs = assignment();
      if (n.v === "=") return assign(t.v, rhs);
      return assign(t.v, binop(n.v.slice(0, -1), varValue(t.v), rhs));
    }
    return ternary();
  };
  const ternary = (): bigint => {
    const c = binary(0);
    if (!isOp("?")) return c;
    i++;
    if (!c) noeval++;
    const a = comma();
    if (!c) noeval--;
    if (!isOp(":")) fail();
    i++;
    if (c) noeval++;
    const b = ternary();
    if (c) noeval--;
    return c ? a : b;
  };
  const levels = [
    ["||"],
    ["&&"],
    ["|"],
    ["^"],
    ["&"],
    ["==", "!="],
    ["<", "<=", ">", ">="],
    ["<<", ">>"],
    ["+", "-"],
    ["*", "/", "%"],
  ];
  const binary = (level: number): bigint => {
    if (level >= levels.length) return power();
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t?.t !== "op" || !levels[level]?.includes(t.v)) return left;
      i++;
      if (t.v === "||" || t.v === "&&") {
        const short = t.v === "||" ? left !== 0n : left === 0n;
        if (short) noeval++;
        const right = binary(level + 1);
        if (short) noeval--;
        left = t.v === "||" ? (left !== 0n || right !== 0n ? 1n : 0n) : left !== 0n && right !== 0n ? 1n : 0n;
        continue;
      }
      left = binop(t.v, left, binary(level + 1));
    }
  };
  const power = (): bigint => {
    const base = unary();
    if (isOp("**")) {
      i++;
      const exp = power();
      if (exp < 0n) throw new ArithError(`${src}: exponent less than 0`);
      return i64(base ** exp);
    }
    return base;
  };
  const unary = (): bigint => {
    const t = peek();
    if (t?.t === "op") {
      if (t.v === "-" || t.v === "+" || t.v === "!" || t.v === "~") {
        i++;
        const v = unary();
        return t.v === "-" ? i64(-v) : t.v === "+" ? v : t.v === "!" ? (v === 0n ? 1n : 0n) : i64(~v);
      }
      if (t.v === "++" || t.v === "--") {
        i++;
        const n = peek();
        if (n?.t !== "name") fail();
        i++;
        const name = (n as { v: string }).v;
        return assign(name, i64(varValue(name) + (t.v === "++" ? 1n : -1n)));
      }
    }
    return postfix();
  };
  const postfix = (): bigint => {
    const p = primary();
    if (p.name !== undefined && (isOp("++") || isOp("--"))) {
      const op = (peek() as { v: string }).v;
      i++;
      assign(p.name, i64(p.v + (op === "++" ? 1n : -1n)));
    }
    return p.v;
  };
  const primary = (): LV => {
    const t = peek();
    if (!t) fail();
    i++;
    if (t?.t === "num") return { v: t.v };
    if (t?.t === "name") return { name: t.v, v: varValue(t.v) };
    if (t?.t === "op" && t.v === "(") {
      const v = comma();
      if (!isOp(")")) fail();
      i++;
      return { v };
    }
    i--;
    return fail();
  };
  const binop = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case "+":
        return i64(a + b);
      case "-":
        return i64(a - b);
      case "*":
        return i64(a * b);
      case "/":
      case "%":
        if (b === 0n) {
          if (noeval) return 0n;
          throw new ArithError(
            `${src}: division by zero (error token is "${src.slice(Math.max(src.lastIndexOf("/"), src.lastIndexOf("%")) + 1).trim()}")`,
          );
        }
        return i64(op === "/" ? a / b : a % b);
      case "<<":
        return i64(a << (b & 63n));
      case ">>":
        return i64(a >> (b & 63n));
      case "&":
        return a & b;
      case "|":
        return a | b;
      case "^":
        return a ^ b;
      case "==":
        return a === b ? 1n : 0n;
      case "!=":
        return a !== b ? 1n : 0n;
      case "<":
        return a < b ? 1n : 0n;
      case "<=":
        return a <= b ? 1n : 0n;
      case ">":
        return a > b ? 1n : 0n;
      case ">=":
        return a >= b ? 1n : 0n;
    }
    return fail();
  };
  const v = comma();
  if (i < toks.length) fail();
  return v;
}
