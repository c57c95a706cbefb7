/**
 * busybox 1.36's od as its default configuration builds it (DESKTOP: coreutils/od_bloaty.c, a
 * port of GNU od): types a, c, d/o/u/x of 1, 2, 4 or 8 bytes, f of 4 or 8, a `z` suffix for the
 * `>text<` trailer; -A -N -j -v -w and the -abcdfhilosx shorthands; blocks of 16 bytes, `*` for
 * repeated ones, the last block zero-filled to the types' common multiple. Files are text: their
 * bytes are the text's UTF-8. --traditional and -S (strings) are not written.
 */
import { type Applet, abs, complain, fsReason, getopt, has, last, type Parsed, usage } from "./common";
import { utf8 } from "./digest";

/** od_bloaty.c's digit counts by byte size. */
const OCT_DIGITS = [0, 3, 6, 8, 11, 14, 16, 19, 22];
const SIGNED_DEC_DIGITS = [1, 4, 6, 8, 11, 13, 16, 18, 20];
const UNSIGNED_DEC_DIGITS = [0, 3, 5, 8, 10, 13, 15, 17, 20];
const HEX_DIGITS = [0, 2, 4, 6, 8, 10, 12, 14, 16];

/** print_named_ascii's names for control characters (`-a`). */
const CHAR_NAMES = [
  "nul",
  "soh",
  "stx",
  "etx",
  "eot",
  "enq",
  "ack",
  "bel",
  " bs",
  " ht",
  " nl",
  " vt",
  " ff",
  " cr",
  " so",
  " si",
  "dle",
  "dc1",
  "dc2",
  "dc3",
  "dc4",
  "nak",
  "syn",
  "etb",
  "can",
  " em",
  "sub",
  "esc",
  " fs",
  " gs",
  " rs",
  " us",
  " sp",
];

/** print_ascii's escapes (`-c`). */
const C_ESCAPES: Record<number, string> = {
  0: "\\0",
  7: "\\a",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
  11: "\\v",
};

/** One output type: how many bytes a field takes and how it prints them. */
interface Spec {
  size: number;
  width: number;
  trailer: boolean;
  field(view: DataView, at: number): string;
}

/** Why a type string was refused, worded as od_bloaty.c dies. */
class TypeError_ extends Error {}

/** decode_format_string: the specs of a type string such as `x1z` or `oC`. */
function decode(s: string): Spec[] {
  const specs: Spec[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    let spec: Omit<Spec, "trailer">;
    i++;
    if ("doux".includes(c)) {
      let size = 4;
      const letter = s[i] ?? "";
      const named = { C: 1, S: 2, I: 4, L: 8 }[letter];
      if (named) {
        size = named;
        i++;
      } else if (/\d/.test(letter)) {
        const m = /^\d+/.exec(s.slice(i)) as RegExpExecArray;
        size = Number(m[0]);
        i += m[0].length;
        if (![1, 2, 4, 8].includes(size))
          throw new TypeError_(`invalid type string '${s}'; ${size}-byte integral type is not supported`);
      }
      const width = (
        c === "d" ? SIGNED_DEC_DIGITS : c === "o" ? OCT_DIGITS : c === "u" ? UNSIGNED_DEC_DIGITS : HEX_DIGITS
      )[size] as number;
      spec = {
        size,
        width,
        field(view, at) {
          const v =
            size === 1
              ? BigInt(c === "d" ? view.getInt8(at) : view.getUint8(at))
              : size === 2
                ? BigInt(c === "d" ? view.getInt16(at, true) : view.getUint16(at, true))
                : size === 4
                  ? BigInt(c === "d" ? view.getInt32(at, true) : view.getUint32(at, true))
                  : c === "d"
                    ? view.getBigInt64(at, true)
                    : view.getBigUint64(at, true);
          const text = v.toString(c === "o" ? 8 : c === "x" ? 16 : 10);
          // " %0Nllo" and " %0Nllx" zero-fill; " %Nlld" and " %Nllu" pad with blanks.
          return ` ${"ox".includes(c) ? text.padStart(width, "0") : text.padStart(width)}`;
        },
      };
    } else if (c === "f") {
      let size = 8;
      const letter = s[i] ?? "";
      const named = { F: 4, D: 8, L: 16 }[letter];
      if (named) {
        size = named;
        i++;
      } else if (/\d/.test(letter)) {
        const m = /^\d+/.exec(s.slice(i)) as RegExpExecArray;
        size = Number(m[0]);
        i += m[0].length;
      }
      if (size !== 4 && size !== 8)
        throw new TypeError_(`invalid type string '${s}'; ${size}-byte floating point type is not supported`);
      // od_bloaty.c's own FLT_DIG (7: <float.h> is not included) and DBL_DIG: " %15.7e", " %23.15e".
      const digits = size === 4 ? 7 : 15;
      spec = {
        size,
        width: digits + 8,
        field(view, at) {
          const v = size === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
          return ` ${v
            .toExponential(digits)
            .replace(/e([-+])(\d)$/, "e$10$2")
            .padStart(digits + 8)}`;
        },
      };
    } else if (c === "a") {
      spec = {
        size: 1,
        width: 3,
        field(view, at) {
          const b = view.getUint8(at) & 0x7f;
          if (b === 0x7f) return " del";
          return b > 0x20 ? `   ${String.fromCharCode(b)}` : ` ${CHAR_NAMES[b]}`;
        },
      };
    } else if (c === "c") {
      spec = {
        size: 1,
        width: 3,
        field(view, at) {
          const b = view.getUint8(at);
          if (b >= 0x20 && b < 0x7f) return `   ${String.fromCharCode(b)}`;
          const esc = C_ESCAPES[b];
          return esc ? `  ${esc}` : ` ${b.toString(8).padStart(3, "0")}`;
        },
      };
    } else throw new TypeError_(`invalid character '${c}' in type string '${s}'`);
    const trailer = s[i] === "z";
    if (trailer) i++;
    specs.push({ ...spec, trailer });
  }
  return specs;
}

/** xstrtooff_sfx: a number in C's bases with busybox's b/k/m suffixes, or undefined. */
function offset(s: string): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)(b|k|m|kB|KB|MB|kD|MD)?$/.exec(s);
  if (!m) return undefined;
  const d = m[1] as string;
  const v = /^0[xX]/.test(d) ? Number.parseInt(d, 16) : d.startsWith("0") ? Number.parseInt(d, 8) : Number(d);
  const mult: Record<string, number> = {
    b: 512,
    k: 1024,
    m: 1024 * 1024,
    kB: 1024,
    KB: 1024,
    MB: 1048576,
    kD: 1000,
    MD: 1000000,
  };
  return v * (m[2] ? (mult[m[2]] as number) : 1);
}

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);

/** `od [-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [-w WIDTH] [FILE]...`. */
export const od: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "A:N:abcdfhij:lot:vxsS:w:", {
      "skip-bytes=": "j",
      "address-radix=": "A",
      "read-bytes=": "N",
      "format=": "t",
      "output-duplicates": "v",
      "width=": "w",
      width: "W",
      traditional: "T",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  let radix = "o";
  let pad = 7;
  const a = last(p, "A");
  if (a !== undefined) {
    const at = "doxn".indexOf(a[0] ?? "?");
    if (at < 0) {
      complain(ctx, `bad output address radix '${a[0] ?? ""}' (must be [doxn])`);
      return 1;
    }
    radix = "doxn"[at] as string;
    pad = radix === "x" ? 6 : 7;
  }
  const numberOf = (k: string): number | undefined | null => {
    const v = last(p, k);
    return v === undefined ? undefined : (offset(v) ?? null);
  };
  for (const k of ["N", "j", "w"]) {
    if (numberOf(k) === null) {
      complain(ctx, `invalid number '${last(p, k)}'`);
      return 1;
    }
  }
  const types: string[] = [];
  // The shorthands in od_bloaty's order: a b c d f h i (j) l o, then each -t, then x s.
  for (const [opt, type] of [
    ["a", "a"],
    ["b", "oC"],
    ["c", "c"],
    ["d", "u2"],
    ["f", "fF"],
    ["h", "x2"],
    ["i", "d2"],
    ["l", "d4"],
    ["o", "o2"],
  ] as const)
    if (has(p, opt)) types.push(type);
  types.push(...(p.opts.get("t") ?? []));
  if (has(p, "x")) types.push("x2");
  if (has(p, "s")) types.push("d2");
  if (!types.length) types.push("o2");
  let specs: Spec[];
  try {
    specs = types.flatMap(decode);
  } catch (e) {
    if (!(e instanceof TypeError_)) throw e;
    complain(ctx, e.message);
    return 1;
  }
  if (has(p, "S")) {
    complain(ctx, "-S is not supported in this simulator");
    return 1;
  }
  // The input: every file in turn; one that cannot be opened is reported and skipped.
  let status = 0;
  const parts: Uint8Array[] = [];
  for (const name of p.operands.length ? p.operands : ["-"]) {
    try {
      parts.push(utf8(name === "-" ? ctx.stdin : ctx.fs.read(abs(ctx, name))));
    } catch (e) {
      complain(ctx, `${name}: ${fsReason(e)}`);
      status = 1;
    }
  }
  const all = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let filled = 0;
  for (const x of parts) {
    all.set(x, filled);
    filled += x.length;
  }
  const skip = numberOf("j") ?? 0;
  if (skip > all.length) {
    complain(ctx, "can't skip past end of combined input");
    return 1;
  }
  const limit = numberOf("N") ?? undefined;
  const data = all.subarray(skip, limit === undefined ? undefined : skip + limit);
  const lcm = specs.reduce((m, s) => (m * s.size) / gcd(m, s.size), 1);
  let perBlock = lcm < 16 ? lcm * Math.floor(16 / lcm) : lcm;
  if (has(p, "w") || has(p, "W")) {
    const w = numberOf("w") ?? 32;
    if (!w || w % lcm !== 0) {
      complain(ctx, `warning: invalid width ${w}; using ${lcm} instead`);
      perBlock = lcm;
    } else perBlock = w;
  }
  const address = (n: number) =>
    radix === "n" ? "" : n.toString(radix === "d" ? 10 : radix === "x" ? 16 : 8).padStart(pad, "0");
  let out = "";
  let previous: Uint8Array | undefined;
  let repeating = false;
  let at = 0;
  for (; at < data.length; at += perBlock) {
    const read = Math.min(perBlock, data.length - at);
    const block = new Uint8Array(Math.max(perBlock, lcm * Math.ceil(read / lcm)));
    block.set(data.subarray(at, at + read));
    if (
      !has(p, "v") &&
      previous &&
      read === perBlock &&
      block.subarray(0, perBlock).every((b, i) => b === previous?.[i])
    ) {
      if (!repeating) out += "*\n";
      repeating = true;
      continue;
    }
    repeating = false;
    previous = block;
    const shown = read === perBlock ? perBlock : lcm * Math.ceil(read / lcm);
    const view = new DataView(block.buffer);
    specs.forEach((spec, i) => {
      out += i === 0 ? address(skip + at) : " ".repeat(radix === "n" ? 0 : pad);
      for (let j = 0; j + spec.size <= shown; j += spec.size) out += spec.field(view, j);
      if (spec.trailer) {
        const blanks = Math.floor((perBlock - shown) / spec.size) * (spec.width + 1);
        const text = [...block.subarray(0, shown)]
          .map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "."))
          .join("");
        out += `${" ".repeat(blanks)}  >${text}<`;
      }
      out += "\n";
    });
  }
  out += radix === "n" ? "" : `${address(skip + data.length)}\n`;
  ctx.stdout.write(out);
  return status;
};
