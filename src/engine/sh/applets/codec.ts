/** base64 and the *sum programs: coreutils src/basenc.c and src/digest.c, busybox's equivalents. */
import { type Applet, complain, getopt, has, last, type Parsed, readInput, usage } from "./common";
import { md5, sha1, sha256, utf8 } from "./digest";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 of bytes (RFC 4648, padded). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] as string;
    out += ALPHABET[(n >> 12) & 63] as string;
    out += i + 1 < bytes.length ? (ALPHABET[(n >> 6) & 63] as string) : "=";
    out += i + 2 < bytes.length ? (ALPHABET[n & 63] as string) : "=";
  }
  return out;
}

/** Bytes of base64 text (newlines ignored; with ignoreGarbage, other characters too); undefined when invalid. */
export function decodeBase64(text: string, ignoreGarbage = false): Uint8Array | undefined {
  let clean = text.replace(/\n/g, "");
  if (ignoreGarbage) clean = clean.replace(/[^A-Za-z0-9+/=]/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, "").length % 4 === 1) return undefined;
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of clean.replace(/=+$/, "")) {
    acc = (acc << 6) | ALPHABET.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** `base64 [-d] [-i] [-w COLS] [FILE]`: GNU and busybox wrap at 76 columns. */
export const base64: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "diw:", { decode: "d", "ignore-garbage": "i", "wrap=": "w" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const text = readInput(ctx, p.operands[0] ?? "-", flavour);
  if (text === undefined) return 1;
  if (has(p, "d")) {
    const bytes = decodeBase64(text, has(p, "i"));
    if (!bytes) {
      complain(ctx, "invalid input");
      return 1;
    }
    ctx.stdout.write(new TextDecoder().decode(bytes));
    return 0;
  }
  const wrap = Number(last(p, "w") ?? 76);
  if (!Number.isInteger(wrap) || wrap < 0) {
    complain(ctx, `invalid wrap size: '${last(p, "w")}'`);
    return 1;
  }
  const enc = encodeBase64(utf8(text));
  const lines = wrap === 0 ? [enc] : (enc.match(new RegExp(`.{1,${wrap}}`, "g")) ?? [""]);
  // Empty input encodes to nothing, not to an empty line (coreutils' wrap_write, busybox's loop).
  if (enc) ctx.stdout.write(wrap === 0 ? enc : `${lines.join("\n")}\n`);
  return 0;
};

/** An md5sum-style program: `HASH  NAME` per input; -c checks a list. */
function digestApplet(fn: (b: Uint8Array) => string): Applet {
  return (flavour) => (ctx) => {
    let p: Parsed;
    try {
      p = getopt(ctx.argv.slice(1), "cbtswz", {
        check: "c",
        binary: "b",
        text: "t",
        status: "s",
        quiet: "q",
      });
    } catch (e) {
      return usage(ctx, flavour, e);
    }
    const files = p.operands.length ? p.operands : ["-"];
    let status = 0;
    for (const f of files) {
      const text = readInput(ctx, f, flavour);
      if (text === undefined) {
        status = 1;
        continue;
      }
      if (!has(p, "c")) {
        ctx.stdout.write(`${fn(utf8(text))}  ${f}\n`);
        continue;
      }
      let bad = 0;
      for (const line of text.split("\n").filter((l) => l.trim())) {
        const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
        if (!m) continue;
        const target = readInput(ctx, m[2] as string, flavour);
        const ok = target !== undefined && fn(utf8(target)) === (m[1] as string).toLowerCase();
        if (!ok) bad++;
        if (!has(p, "s")) ctx.stdout.write(`${m[2]}: ${ok ? "OK" : "FAILED"}\n`);
      }
      if (bad) {
        if (flavour === "gnu")
          complain(ctx, `WARNING: ${bad} computed checksum${bad > 1 ? "s" : ""} did NOT match`);
        status = 1;
      }
    }
    return status;
  };
}

/** `md5sum [FILE]...`. */
export const md5sum: Applet = digestApplet(md5);
/** `sha1sum [FILE]...`. */
export const sha1sum: Applet = digestApplet(sha1);
/** `sha256sum [FILE]...`. */
export const sha256sum: Applet = digestApplet(sha256);
