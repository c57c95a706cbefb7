/**
 * Word expansion (POSIX 2.6): tilde, parameters, command substitution, arithmetic, then field
 * splitting on IFS, pathname expansion against the FileSystem, and quote removal. Expansions are
 * generators because a command substitution may sleep.
 */
import { ArithError, evalArith } from "./arith";
import type { List, ParamExp, Word, WordPart } from "./ast";
import type { FileSystem, Wait } from "./interface";
import { type Dialect, parseDqText } from "./parse";
import {
  escapePattern,
  hasGlob,
  matchPattern,
  removeAffix,
  replacePattern,
  unescapePattern,
} from "./pattern";

type Gen<T> = Generator<Wait, T, void>;

/** What expansion needs from the shell running it. */
export interface ExpandHost {
  readonly dialect: Dialect;
  /** A variable, a positional parameter (`1`) or a special one (`?`, `#`, `@`...); undefined when unset. */
  param(name: string): string | undefined;
  setVar(name: string, value: string): void;
  positional(): string[];
  readonly nounset: boolean;
  readonly noglob: boolean;
  readonly fs: FileSystem;
  readonly cwd: string;
  /** Runs a command substitution; returns its output (trailing newlines kept). */
  cmdsub(body: List): Gen<string>;
  /** Waits for the cluster's clock when the shell runs ahead of it (before reading files). */
  sync?(): Gen<void>;
  /** `<(cmd)` (bash): runs cmd and returns the `/dev/fd/N` path its output reads from. */
  procsub?(body: List): Gen<string>;
  /** A bash array's elements (set ones, in index order); undefined when name is no array. */
  array?(name: string): string[] | undefined;
  /** Reports an expansion error and aborts the command (exits a non-interactive shell). */
  fail(message: string, status?: number): never;
  /** The message of an unset variable under `set -u`, as the dialect words it. */
}

/** A run of expanded text: quoted text is not split or globbed. */
interface Piece {
  s: string;
  q: boolean;
  split: boolean;
}
/** A field boundary that `"$@"` or an unquoted `$@` forces. */
const BREAK = null;
type Seg = Piece | typeof BREAK;

const DEFAULT_IFS = " \t\n";

/**
 * The field of a word that is one piece of plain or single-quoted text, which expands to itself
 * (no expansion, splitting or globbing applies); undefined for any other word. The hot path of
 * `echo tick` and `sleep 1`, without a generator.
 */
export function literalField(h: ExpandHost, word: Word): string | undefined {
  if (word.length !== 1) return undefined;
  const part = word[0] as WordPart;
  if (part.kind === "sq") return part.value;
  if (part.kind !== "lit" || part.value === "") return undefined;
  const v = part.value;
  if ((h.dialect === "bash" && v.includes("{")) || (!h.noglob && hasGlob(v))) return undefined;
  return v;
}

/** Expands a word into fields (split and globbed), as for a command's arguments. */
export function* expandWord(h: ExpandHost, word: Word): Gen<string[]> {
  const lit = literalField(h, word);
  if (lit !== undefined) return [lit];
  if (h.dialect === "bash" && word.some((p) => p.kind === "lit" && p.value.includes("{"))) {
    const words = braceExpand(word);
    if (words.length > 1 || words[0] !== word) {
      const out: string[] = [];
      for (const w of words) out.push(...(yield* expandFields(h, w)));
      return out;
    }
  }
  return yield* expandFields(h, word);
}

/**
 * bash's brace expansion, on unquoted text: `{a,b}` and sequences `{1..5}`, `{a..e}`,
 * `{1..10..2}`, nested, with prefix and suffix (`/data/{in,out}.log`). It comes before every
 * other expansion.
 */
export function braceExpand(word: Word): Word[] {
  for (let i = 0; i < word.length; i++) {
    const part = word[i];
    if (part?.kind !== "lit") continue;
    const v = part.value;
    for (let s = v.indexOf("{"); s >= 0; s = v.indexOf("{", s + 1)) {
      let depth = 0;
      let e = -1;
      const commas: number[] = [];
      for (let k = s; k < v.length; k++) {
        if (v[k] === "{") depth++;
        else if (v[k] === "}") {
          depth--;
          if (depth === 0) {
            e = k;
            break;
          }
        } else if (v[k] === "," && depth === 1) commas.push(k);
      }
      if (e < 0) break;
      const body = v.slice(s + 1, e);
      let alts: string[] | undefined;
      if (commas.length) {
        alts = [];
        let from = s + 1;
        for (const c of [...commas, e]) {
          alts.push(v.slice(from, c));
          from = c + 1;
        }
      } else alts = sequence(body);
      if (!alts) continue;
      const prefix = v.slice(0, s);
      const suffix = v.slice(e + 1);
      const out: Word[] = [];
      for (const alt of alts) {
        const text = prefix + alt + suffix;
        const w: Word = [
          ...word.slice(0, i),
          ...(text ? [{ kind: "lit" as const, value: text }] : []),
          ...word.slice(i + 1),
        ];
        out.push(...braceExpand(w));
      }
      return out;
    }
  }
  return [word];
}

/** `1..5`, `5..1`, `1..10..3`, `a..e`: the items, or undefined when it is not a sequence. */
function sequence(body: string): string[] | undefined {
  const n = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (n) {
    const a = Number(n[1]);
    const b = Number(n[2]);
    const step = Math.abs(Number(n[3] ?? 1)) || 1;
    const width =
      /^-?0\d/.test(n[1] as string) || /^-?0\d/.test(n[2] as string)
        ? Math.max((n[1] as string).length, (n[2] as string).length)
        : 0;
    const out: string[] = [];
    for (let x = a; a <= b ? x <= b : x >= b; x += a <= b ? step : -step) {
      out.push(
        width
          ? x < 0
            ? `-${String(-x).padStart(width - 1, "0")}`
            : String(x).padStart(width, "0")
          : String(x),
      );
      if (out.length > 100_000) break;
    }
    return out;
  }
  const c = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
  if (c) {
    const a = (c[1] as string).charCodeAt(0);
    const b = (c[2] as string).charCodeAt(0);
    const out: string[] = [];
    for (let x = a; a <= b ? x <= b : x >= b; x += a <= b ? 1 : -1) out.push(String.fromCharCode(x));
    return out;
  }
  return undefined;
}

function* expandFields(h: ExpandHost, word: Word): Gen<string[]> {
  const segs: Seg[] = [];
  yield* expandParts(h, word, false, segs);
  const fields = splitFields(segs, h.param("IFS") ?? DEFAULT_IFS);
  const out: string[] = [];
  for (const f of fields) {
    const unquotedGlob = !h.noglob && f.some((p) => !p.q && hasGlob(p.s));
    if (unquotedGlob) {
      if (h.sync) yield* h.sync();
      const pattern = f.map((p) => (p.q ? escapePattern(p.s) : p.s)).join("");
      const matches = glob(h.fs, h.cwd, pattern);
      if (matches.length) {
        out.push(...matches);
        continue;
      }
      out.push(unescapePattern(pattern));
      continue;
    }
    out.push(f.map((p) => p.s).join(""));
  }
  return out;
}

/** Expands a word to one string, without splitting or globbing (assignments, here-docs, `case` words). */
export function* expandString(h: ExpandHost, word: Word): Gen<string> {
  const segs: Seg[] = [];
  yield* expandParts(h, word, false, segs);
  let out = "";
  let first = true;
  for (const s of segs) {
    if (s === BREAK) {
      if (!first) out += " ";
      continue;
    }
    first = false;
    out += s.s;
  }
  return out;
}

/** Expands a word as a pattern: quoted characters are escaped so they match themselves. */
export function* expandPattern(h: ExpandHost, word: Word): Gen<string> {
  const segs: Seg[] = [];
  yield* expandParts(h, word, false, segs);
  return segs.map((s) => (s === BREAK ? " " : s.q ? escapePattern(s.s) : s.s)).join("");
}

function* expandParts(h: ExpandHost, parts: WordPart[], quoted: boolean, out: Seg[]): Gen<void> {
  for (const p of parts) {
    switch (p.kind) {
      case "lit":
        out.push({ s: p.value, q: quoted, split: false });
        break;
      case "sq":
        out.push({ s: p.value, q: true, split: false });
        break;
      case "dq": {
        const onlyAt =
          p.parts.length === 1 &&
          p.parts[0]?.kind === "param" &&
          p.parts[0].name === "@" &&
          !p.parts[0].op &&
          !p.parts[0].length;
        if (!onlyAt) out.push({ s: "", q: true, split: false });
        yield* expandParts(h, p.parts, true, out);
        break;
      }
      case "tilde": {
        const home = p.user === "" ? h.param("HOME") : p.user === "root" ? "/root" : undefined;
        out.push({ s: home ?? `~${p.user}`, q: true, split: false });
        break;
      }
      case "param":
        yield* expandParam(h, p, quoted, out);
        break;
      case "procsub": {
        const path = yield* (h.procsub as (body: List) => Gen<string>)(p.body);
        out.push({ s: path, q: true, split: false });
        break;
      }
      case "cmdsub": {
        const text = (yield* h.cmdsub(p.body)).replace(/\n+$/, "");
        out.push({ s: text, q: quoted, split: !quoted });
        break;
      }
      case "arith": {
        const expr = yield* expandString(h, p.expr);
        out.push({ s: arith(h, expr), q: quoted, split: !quoted });
        break;
      }
    }
  }
}

/** Evaluates arithmetic text, reporting errors the shell's way. */
export function arith(h: ExpandHost, expr: string): string {
  try {
    return String(
      evalArith(expr, {
        get: (n) => {
          const v = h.param(n);
          if (v === undefined && h.nounset) h.fail(unsetMessage(h.dialect, n));
          return v;
        },
        set: (n, v) => h.setVar(n, v),
      }),
    );
  } catch (e) {
    if (e instanceof ArithError) {
      h.fail(
        h.dialect === "dash"
          ? `arithmetic expression: ${e.message.replace(/^.*?: /, "").replace(/ \(error token is .*\)$/, "")}: "${expr}"`
          : e.message,
        h.dialect === "bash" ? 1 : 2,
      );
    }
    throw e;
  }
}

/** `x: parameter not set` (dash, ash) or `x: unbound variable` (bash). */
export function unsetMessage(dialect: Dialect, name: string): string {
  return dialect === "bash" ? `${name}: unbound variable` : `${name}: parameter not set`;
}

function* expandParam(h: ExpandHost, p: ParamExp, quoted: boolean, out: Seg[]): Gen<void> {
  let { name } = p;
  let list: string[] | undefined;
  const sub = /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/.exec(name);
  if (sub) {
    const base = sub[1] as string;
    let idx = sub[2] as string;
    if (/[$`]/.test(idx)) idx = yield* expandString(h, parseDqText(idx, h.dialect));
    if (idx === "@" || idx === "*") {
      list = h.array?.(base) ?? (h.param(base) === undefined ? [] : [h.param(base) as string]);
      name = idx;
    } else name = `${base}[${arith(h, idx)}]`;
  }
  if ((name === "@" || name === "*") && !p.op && !p.length) {
    const args = list ?? h.positional();
    if (name === "@" || !quoted) {
      args.forEach((a, i) => {
        if (i > 0) out.push(BREAK);
        out.push({ s: a, q: quoted, split: !quoted });
      });
      return;
    }
    const ifs = h.param("IFS");
    const sep = ifs === undefined ? " " : ifs.slice(0, 1);
    out.push({ s: args.join(sep), q: true, split: false });
    return;
  }
  const all = list ?? h.positional();
  let value = name === "@" || name === "*" ? all.join(" ") : h.param(name);
  if (p.length) {
    if (value === undefined && h.nounset) h.fail(unsetMessage(h.dialect, name));
    const n = name === "@" || name === "*" ? all.length : charCount(value ?? "");
    out.push({ s: String(n), q: quoted, split: !quoted });
    return;
  }
  const op = p.op;
  const isSet = name === "@" || name === "*" ? all.length > 0 : value !== undefined;
  const colon = op?.startsWith(":") && op.length === 2;
  const useAlt = colon ? isSet && value !== "" : isSet;
  switch (op) {
    case undefined:
      break;
    case "-":
    case ":-":
      if (!useAlt) {
        yield* expandParts(h, p.arg ?? [], quoted, out);
        return;
      }
      break;
    case "=":
    case ":=":
      if (!useAlt) {
        if (!/^[A-Za-z_]/.test(name))
          h.fail(`${h.dialect === "bash" ? `$${name}` : name}: cannot assign in this way`);
        value = yield* expandString(h, p.arg ?? []);
        h.setVar(name, value);
      }
      break;
    case "+":
    case ":+":
      if (useAlt) yield* expandParts(h, p.arg ?? [], quoted, out);
      return;
    case "?":
    case ":?":
      if (!useAlt) {
        const msg = yield* expandString(h, p.arg ?? []);
        h.fail(
          `${name}: ${msg || (h.dialect === "bash" ? (colon ? "parameter null or not set" : "parameter not set") : colon ? "parameter not set or null" : "parameter not set")}`,
          h.dialect === "bash" ? 1 : 2,
        );
      }
      break;
    case "#":
    case "##":
    case "%":
    case "%%": {
      if (value === undefined && h.nounset) h.fail(unsetMessage(h.dialect, name));
      const pat = yield* expandPattern(h, p.arg ?? []);
      value = removeAffix(value ?? "", pat, op);
      break;
    }
    case "/":
    case "//":
    case "/#":
    case "/%": {
      if (value === undefined && h.nounset) h.fail(unsetMessage(h.dialect, name));
      const pat = yield* expandPattern(h, p.arg ?? []);
      const repl = yield* expandString(h, p.repl ?? []);
      value = replacePattern(value ?? "", pat, repl, op);
      break;
    }
    case "^^":
    case "^":
    case ",,":
    case ",": {
      // bash's case modification; a pattern argument limits it to matching characters.
      const pat = p.arg?.length ? yield* expandPattern(h, p.arg) : "?";
      const upper = op.startsWith("^");
      const chars = [...(value ?? "")];
      const all = op.length === 2;
      value = chars
        .map((c, i) =>
          (all || i === 0) && matchPattern(pat, c) ? (upper ? c.toUpperCase() : c.toLowerCase()) : c,
        )
        .join("");
      break;
    }
    case ":": {
      const spec = yield* expandString(h, p.arg ?? []);
      const [offText, lenText] = splitOffset(spec);
      const chars = [...(value ?? "")];
      let off = Number(arith(h, offText));
      if (off < 0) off = Math.max(0, chars.length + off);
      let end = chars.length;
      if (lenText !== undefined) {
        const len = Number(arith(h, lenText));
        end = len < 0 ? chars.length + len : off + len;
        if (end < off) h.fail(`${lenText}: substring expression < 0`, 1);
      }
      value = chars.slice(off, end).join("");
      break;
    }
  }
  if (value === undefined) {
    if (h.nounset && name !== "@" && name !== "*") h.fail(unsetMessage(h.dialect, name));
    return;
  }
  out.push({ s: value, q: quoted, split: !quoted });
}

/** `1:2` → ["1", "2"]; a `:` inside parentheses or a ternary stays with its expression. */
function splitOffset(spec: string): [string, string | undefined] {
  let depth = 0;
  let q = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "?") q++;
    else if (c === ":" && depth === 0) {
      if (q > 0) q--;
      else return [spec.slice(0, i), spec.slice(i + 1)];
    }
  }
  return [spec, undefined];
}

/** Splits expanded pieces into fields on IFS (POSIX 2.6.5). */
function splitFields(segs: Seg[], ifs: string): Piece[][] {
  const fields: Piece[][] = [];
  let cur: Piece[] = [];
  let has = false;
  const isWs = (c: string) => (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
  const end = () => {
    fields.push(cur);
    cur = [];
    has = false;
  };
  for (const seg of segs) {
    if (seg === BREAK) {
      if (has) end();
      else cur = [];
      continue;
    }
    if (!seg.split || ifs === "") {
      cur.push(seg);
      if (seg.q || seg.s !== "") has = true;
      continue;
    }
    const s = seg.s;
    let i = 0;
    let chunk = "";
    while (i < s.length) {
      const c = s[i] as string;
      if (!ifs.includes(c)) {
        chunk += c;
        has = true;
        i++;
        continue;
      }
      if (chunk) cur.push({ s: chunk, q: false, split: false });
      chunk = "";
      let j = i;
      while (j < s.length && isWs(s[j] as string)) j++;
      let hard = false;
      if (j < s.length && ifs.includes(s[j] as string) && !isWs(s[j] as string)) {
        hard = true;
        j++;
        while (j < s.length && isWs(s[j] as string)) j++;
      }
      if (has || hard) end();
      else cur = [];
      i = j;
    }
    if (chunk) cur.push({ s: chunk, q: false, split: false });
  }
  if (has) fields.push(cur);
  return fields;
}

/** Pathname expansion: the sorted paths matching an (escaped) pattern, or none. */
export function glob(fs: FileSystem, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith("/");
  const comps = pattern.split("/").filter((c, i) => c !== "" || i === 0);
  let paths: string[] = [absolute ? "/" : ""];
  const start = absolute ? 1 : 0;
  for (let k = start; k < comps.length; k++) {
    const comp = comps[k] as string;
    const last = k === comps.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === "" ? cwd : base.startsWith("/") ? base : join(cwd, base);
      if (!hasGlob(comp)) {
        const lit = unescapePattern(comp);
        const full = join(dir, lit);
        if (last ? fs.exists(full) : fs.isDir(full)) next.push(joinRel(base, lit));
        continue;
      }
      if (!fs.isDir(dir)) continue;
      let names: string[];
      try {
        names = fs.list(dir);
      } catch {
        continue;
      }
      for (const n of names) {
        if (n.startsWith(".") && !comp.startsWith(".") && !comp.startsWith("\\.")) continue;
        if (!matchPattern(comp, n)) continue;
        if (!last && !fs.isDir(join(dir, n))) continue;
        next.push(joinRel(base, n));
      }
    }
    paths = next;
    if (!paths.length) return [];
  }
  return paths.sort();
}

function join(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

function joinRel(base: string, name: string): string {
  if (base === "") return name;
  return base.endsWith("/") ? base + name : `${base}/${name}`;
}

/** The characters (code points) of a text, without building an array of them. */
function charCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}
