/**
 * libbb's dump engine (libbb/dump.c, from BSD hexdump) as busybox 1.36 has it: format strings of
 * units `[ITER/][BYTES] "FORMAT"`, each unit keeping its first conversion with the text around
 * it (1.36's rewrite() links one print unit per format unit), blocks of the longest format's
 * size, `*` for repeated blocks unless -v, blank padding past the end of the data, and the
 * `%_A` address printed once at the end. hexdump, hd and xxd build their formats on it.
 */

/** A format string the engine rejects, worded as bb_error_msg_and_die words it. */
export class DumpError extends Error {}

type Kind = "text" | "address" | "int" | "uint" | "dbl" | "char" | "str" | "c" | "p" | "u";

/** A print unit: text, one conversion, text after it. */
interface PR {
  kind: Kind;
  pre: string;
  post: string;
  flags: string;
  width: number;
  prec?: number;
  /** The conversion letter (x, o, d, c, s, e...; for an address its radix). */
  conv: string;
  bcnt: number;
}

/** A format unit: its print unit repeated reps times. */
interface FU {
  reps: number;
  setRep: boolean;
  bcnt: number;
  pr?: PR;
  /** `%_A`: printed once, after the data. */
  end: boolean;
}

/** A parsed format string (one bb_dump_add). */
export type FS = FU[];

/** C's escapes in a format (strcpy_and_process_escape_sequences); unknown ones are kept. */
function processEscapes(s: string): string {
  const map: Record<string, string> = {
    a: "\x07",
    b: "\b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
    v: "\v",
    "\\": "\\",
  };
  return s.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (m, c: string) => {
    if (/^[0-7]+$/.test(c)) return String.fromCharCode(Number.parseInt(c, 8) & 0xff);
    if (c[0] === "x" && c.length > 1) return String.fromCharCode(Number.parseInt(c.slice(1), 16));
    return map[c] ?? m;
  });
}

/** Splits a unit's format into its first print unit (rewrite()), sizing it. */
function printUnit(fmt: string, fuBcnt: number): { pr: PR; end: boolean } {
  const at = fmt.indexOf("%");
  if (at < 0)
    return { pr: { kind: "text", pre: fmt, post: "", flags: "", width: 0, conv: "", bcnt: 0 }, end: false };
  const spec = /^%([-+ #0]*)(\d*)(?:\.(\d*))?/.exec(fmt.slice(at)) as RegExpExecArray;
  let rest = fmt.slice(at + spec[0].length);
  const base = { pre: fmt.slice(0, at), flags: spec[1] ?? "", width: Number(spec[2] || 0) };
  const prec = spec[3] !== undefined ? Number(spec[3] || 0) : undefined;
  const bad = () => new DumpError(`bad conversion character %${rest}`);
  const count = (allowed: number[]): number => {
    if (!fuBcnt) return allowed[0] as number;
    if (!allowed.includes(fuBcnt)) throw new DumpError(`bad byte count for conversion character ${rest}`);
    return fuBcnt;
  };
  let kind: Kind;
  let conv = rest[0] ?? "";
  let bcnt: number;
  let end = false;
  if (conv === "l") {
    rest = rest.slice(1);
    conv = rest[0] ?? "";
    if (!"diouxX".includes(conv) || conv === "") throw bad();
  }
  if (conv === "c") {
    kind = "char";
    bcnt = count([1]);
    rest = rest.slice(1);
  } else if (conv !== "" && "diouxX".includes(conv)) {
    kind = "di".includes(conv) ? "int" : "uint";
    bcnt = count([4, 2, 1]);
    rest = rest.slice(1);
  } else if (conv !== "" && "eEfgG".includes(conv)) {
    kind = "dbl";
    bcnt = count([8, 4]);
    rest = rest.slice(1);
  } else if (conv === "s") {
    kind = "str";
    if (!fuBcnt && prec === undefined) throw new DumpError("%s needs precision or byte count");
    bcnt = fuBcnt || (prec as number);
    rest = rest.slice(1);
  } else if (conv === "_") {
    const c = rest[1] ?? "";
    if (c === "a" || c === "A") {
      const radix = rest[2] ?? "";
      if (!"dox".includes(radix) || radix === "") throw bad();
      kind = "address";
      end = c === "A";
      conv = radix;
      bcnt = 0;
      rest = rest.slice(3);
    } else if (c === "c" || c === "p" || c === "u") {
      kind = c;
      conv = c;
      bcnt = count([1]);
      rest = rest.slice(2);
    } else throw bad();
  } else throw bad();
  // Text up to the next conversion stays with this one; what follows is dropped (1.36).
  const next = rest.indexOf("%");
  const post = next < 0 ? rest : rest.slice(0, next);
  return { pr: { kind, conv, bcnt, prec, post, ...base }, end };
}

/** A byte count at p (digits that must be followed by a blank): its value and where parsing goes on. */
function byteCount(fmt: string, p: number, bad: () => DumpError): [number, number] {
  const m = /^\d+/.exec(fmt.slice(p)) as RegExpExecArray;
  let q = p + m[0].length;
  if (!/\s/.test(fmt[q] ?? "")) throw bad();
  while (q < fmt.length && /\s/.test(fmt[q] as string)) q++;
  return [Number(m[0]), q];
}

/** bb_dump_add: parses a format string into its units, or throws DumpError. */
export function parseFormat(fmt: string): FS {
  const units: FS = [];
  let p = 0;
  const ws = () => {
    while (p < fmt.length && /\s/.test(fmt[p] as string)) p++;
  };
  const bad = () => new DumpError(`bad format {${fmt}}`);
  for (;;) {
    ws();
    if (p >= fmt.length) break;
    let reps = 1;
    let setRep = false;
    let bcnt = 0;
    if (/\d/.test(fmt[p] as string)) {
      const m = /^\d+/.exec(fmt.slice(p)) as RegExpExecArray;
      p += m[0].length;
      if (!/[\s/]/.test(fmt[p] ?? "")) throw bad();
      reps = Number(m[0]);
      setRep = true;
      // The slash or blank after the count is consumed with it.
      p++;
      ws();
    }
    if (fmt[p] === "/") {
      p++;
      ws();
    }
    if (/\d/.test(fmt[p] ?? "")) [bcnt, p] = byteCount(fmt, p, bad);
    if (fmt[p] !== '"') throw bad();
    const close = fmt.indexOf('"', p + 1);
    if (close < 0) throw bad();
    const text = processEscapes(fmt.slice(p + 1, close));
    p = close + 1;
    const { pr, end } = text === "" ? { pr: undefined, end: false } : printUnit(text, bcnt);
    units.push({ reps, setRep, bcnt: bcnt || (pr?.bcnt ?? 0), pr, end });
  }
  return units;
}

/** How a dump runs: what to skip and show, and xxd's settings. */
export interface DumpOptions {
  skip?: number;
  /** Bytes to show at most; undefined: all. */
  length?: number;
  /** -v: no `*` for repeated blocks. */
  all?: boolean;
  /** xxd -p and -i: at the end of the data print this and stop (no padding). */
  eofString?: string;
  /** xxd -o: added to the addresses shown. */
  displayOffset?: number;
}

/** C printf of an integer with flags, width and precision. */
function formatInt(v: bigint, pr: PR): string {
  const conv = pr.conv;
  const neg = v < 0n;
  const mag = neg ? -v : v;
  let digits =
    conv === "o"
      ? mag.toString(8)
      : conv === "x"
        ? mag.toString(16)
        : conv === "X"
          ? mag.toString(16).toUpperCase()
          : mag.toString(10);
  if (pr.prec !== undefined) {
    digits = pr.prec === 0 && mag === 0n ? "" : digits.padStart(pr.prec, "0");
  }
  if (pr.flags.includes("#") && mag !== 0n) {
    if (conv === "o" && !digits.startsWith("0")) digits = `0${digits}`;
    if (conv === "x") digits = `0x${digits}`;
    if (conv === "X") digits = `0X${digits}`;
  }
  const sign = neg
    ? "-"
    : pr.flags.includes("+") && "di".includes(conv)
      ? "+"
      : pr.flags.includes(" ") && "di".includes(conv)
        ? " "
        : "";
  return pad(sign, digits, pr, pr.prec === undefined);
}

/** Pads to the width: left with `-`, zeros after the sign with `0` (when allowed), else blanks. */
function pad(sign: string, body: string, pr: PR, zeroOk: boolean): string {
  const len = sign.length + body.length;
  if (len >= pr.width) return sign + body;
  if (pr.flags.includes("-")) return (sign + body).padEnd(pr.width);
  if (zeroOk && pr.flags.includes("0")) return sign + body.padStart(pr.width - sign.length, "0");
  return (sign + body).padStart(pr.width);
}

/** conv_c's names for control characters. */
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

/** conv_u's names (od's -a), `_` padding the two-letter ones. */
const U_NAMES =
  "nul soh stx etx eot enq ack bel bs ht lf vt ff cr so si dle dcl dc2 dc3 dc4 nak syn etb can em sub esc fs gs rs us".split(
    " ",
  );

const printable = (b: number) => b >= 0x20 && b < 0x7f;

/** What one print unit prints for the bytes at its place. */
function render(pr: PR, bytes: Uint8Array, at: number, address: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  let body: string;
  switch (pr.kind) {
    case "text":
      return pr.pre;
    case "address":
      body = formatInt(BigInt(address), pr);
      break;
    case "int":
    case "uint": {
      const signed = pr.kind === "int";
      const v =
        pr.bcnt === 1
          ? (bytes[at] as number)
          : pr.bcnt === 2
            ? signed
              ? view.getInt16(at, true)
              : view.getUint16(at, true)
            : signed
              ? view.getInt32(at, true)
              : view.getUint32(at, true);
      body = formatInt(BigInt(v), pr);
      break;
    }
    case "dbl": {
      const v = pr.bcnt === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
      const p = pr.prec ?? 6;
      const t =
        pr.conv.toLowerCase() === "e" ? v.toExponential(p).replace(/e([-+])(\d)$/, "e$10$2") : v.toFixed(p);
      body = pad(v < 0 ? "-" : "", t.replace(/^-/, ""), pr, true);
      if (pr.conv === "E") body = body.toUpperCase();
      break;
    }
    case "char":
      body = pad("", String.fromCharCode(bytes[at] as number), pr, false);
      break;
    case "str": {
      let s = "";
      for (let i = at; i < at + pr.bcnt && bytes[i]; i++) s += String.fromCharCode(bytes[i] as number);
      body = pad("", s, pr, false);
      break;
    }
    case "c": {
      const b = bytes[at] as number;
      const esc = C_ESCAPES[b];
      body = pad(
        "",
        esc ?? (printable(b) ? String.fromCharCode(b) : b.toString(8).padStart(3, "0")),
        pr,
        false,
      );
      break;
    }
    case "p": {
      const b = bytes[at] as number;
      body = pad("", printable(b) ? String.fromCharCode(b) : ".", pr, false);
      break;
    }
    case "u": {
      const b = bytes[at] as number;
      const name = b <= 0x1f ? U_NAMES[b] : b === 0x7f ? "del" : undefined;
      body =
        name !== undefined
          ? pad("", name, pr, false)
          : b < 0x7f
            ? pad("", String.fromCharCode(b), pr, false)
            : formatInt(BigInt(b), { ...pr, conv: "x" });
      break;
    }
  }
  return pr.pre + body + pr.post;
}

/** bpad: a unit past the end of the data prints its text and as many blanks as its width. */
const blank = (pr: PR): string => pr.pre + " ".repeat(pr.width) + pr.post;

/** bb_dump_dump over bytes already read: the formats' text for the data. */
export function dump(formats: FS[], data: Uint8Array, o: DumpOptions = {}): string {
  const skip = o.skip ?? 0;
  const body = data.subarray(
    Math.min(skip, data.length),
    o.length === undefined ? undefined : skip + o.length,
  );
  const shift = o.displayOffset ?? 0;
  const size = (fs: FS) => fs.reduce((n, fu) => n + fu.bcnt * fu.reps, 0);
  const blocksize = Math.max(0, ...formats.map(size));
  // rewrite(): the last unit of a shorter format repeats to fill the block.
  const sized = formats.map((fs) => {
    const total = size(fs);
    return fs.map((fu, i) =>
      i === fs.length - 1 && total < blocksize && !fu.setRep && fu.bcnt
        ? { ...fu, reps: fu.reps + Math.floor((blocksize - total) / fu.bcnt) }
        : fu,
    );
  });
  const endUnit = formats.flat().find((fu) => fu.end);
  let out = "";
  if (blocksize === 0) return out;
  let vflag: "all" | "first" | "wait" | "dup" = o.all ? "all" : "first";
  let saved: Uint8Array = new Uint8Array(blocksize);
  let pos = 0;
  let eaddress: number | undefined;
  let address = skip;
  let blockAddress = skip - blocksize;
  for (;;) {
    // get(): the next block to show, skipping repeated ones.
    let block: Uint8Array | undefined;
    blockAddress += blocksize;
    while (!block) {
      const left = body.length - pos;
      if (left <= 0) break;
      const cur = new Uint8Array(blocksize);
      const n = Math.min(left, blocksize);
      cur.set(body.subarray(pos, pos + n));
      pos += n;
      const same = (k: number) => cur.subarray(0, k).every((b, i) => b === saved[i]);
      if (n < blocksize) {
        if (vflag !== "all" && vflag !== "first" && same(n) && vflag !== "dup") out += "*\n";
        eaddress = blockAddress + n;
        block = cur;
        break;
      }
      if (vflag === "all" || vflag === "first" || !same(blocksize)) {
        if (vflag === "dup" || vflag === "first") vflag = "wait";
        block = cur;
        break;
      }
      if (vflag === "wait") out += "*\n";
      vflag = "dup";
      blockAddress += blocksize;
    }
    if (!block) {
      address = blockAddress;
      break;
    }
    saved = block;
    for (const fs of sized) {
      address = blockAddress;
      let at = 0;
      for (const fu of fs) {
        if (fu.end) break;
        for (let cnt = fu.reps; cnt > 0; cnt--) {
          const pr = fu.pr;
          if (!pr) continue;
          const past = eaddress !== undefined && address >= eaddress;
          if (past && o.eofString !== undefined) return out + o.eofString;
          let text = past && pr.kind !== "text" ? blank(pr) : render(pr, block, at, address + shift);
          // No trailing blank after the last of repeated units: `2/1 "%02x "` is `XX XX`.
          if (cnt === 1 && fu.reps > 1 && /\s$/.test(pr.kind === "text" ? pr.pre : pr.post))
            text = text.slice(0, -1);
          out += text;
          address += pr.bcnt;
          at += pr.bcnt;
        }
      }
    }
  }
  if (endUnit?.pr) {
    if (eaddress === undefined) {
      if (!address) return out;
      eaddress = address;
    }
    const pr = endUnit.pr;
    out +=
      pr.kind === "address"
        ? render(pr, new Uint8Array(8), 0, eaddress + shift)
        : pr.kind === "text"
          ? pr.pre
          : "";
  }
  return out;
}
