/**
 * A minimal ASN.1 DER codec (ITU-T X.690): what PKCS#10 requests, X.509 certificates and PKCS#8
 * keys are made of. Encoders return bytes; the parser returns a tree of tag, content and children.
 */

/** The universal and context tags the PKI structures use. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** One TLV: tag, definite length, content. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concat([new Uint8Array([tag, ...lengthBytes(content.length)]), content]);
}

/** SEQUENCE of the encoded items. */
export const seq = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, concat(items));
/** SET of the encoded items (DER sorts SET OF; the PKI structures here hold one item). */
export const set = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, concat(items));
/** Context-specific constructed [n] (EXPLICIT tagging or IMPLICIT SET/SEQUENCE). */
export const explicit = (n: number, ...items: Uint8Array[]): Uint8Array => tlv(0xa0 | n, concat(items));
/** NULL. */
export const nullValue = (): Uint8Array => tlv(TAG.NULL, new Uint8Array());
/** BOOLEAN. */
export const bool = (v: boolean): Uint8Array => tlv(TAG.BOOLEAN, new Uint8Array([v ? 0xff : 0]));
/** OCTET STRING. */
export const octets = (b: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, b);
/** BIT STRING with no unused bits. */
export const bits = (b: Uint8Array): Uint8Array => tlv(TAG.BIT_STRING, concat([new Uint8Array([0]), b]));
/** A string in the given string type (UTF8String, PrintableString, IA5String). */
export const str = (tag: number, s: string): Uint8Array => tlv(tag, new TextEncoder().encode(s));

/** INTEGER from unsigned big-endian magnitude bytes (a leading 0 added when the top bit is set). */
export function uint(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.slice(i);
  const body = (m[0] ?? 0) & 0x80 ? concat([new Uint8Array([0]), m]) : m.length ? m : new Uint8Array([0]);
  return tlv(TAG.INTEGER, body);
}

/** INTEGER of a non-negative bigint. */
export function bigUint(v: bigint): Uint8Array {
  return uint(bigintBytes(v));
}

/** Big-endian bytes of a non-negative bigint (at least one byte). */
export function bigintBytes(v: bigint): Uint8Array {
  const hex = v.toString(16);
  const padded = hex.length % 2 ? `0${hex}` : hex;
  const out = new Uint8Array(padded.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The bigint of big-endian unsigned bytes. */
export function bytesBigint(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** OBJECT IDENTIFIER from dotted text ("2.5.4.3"). */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [40 * (arcs[0] as number) + (arcs[1] as number)];
  for (const arc of arcs.slice(2)) {
    const groups: number[] = [];
    let v = arc;
    do {
      groups.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < groups.length - 1; i++) groups[i] = (groups[i] as number) | 0x80;
    out.push(...groups);
  }
  return tlv(TAG.OID, new Uint8Array(out));
}

/** Dotted text of an OID's content bytes. */
export function oidText(content: Uint8Array): string {
  const first = content[0] ?? 0;
  const arcs = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let v = 0;
  for (const b of content.slice(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join(".");
}

/** UTCTime (years before 2050) or GeneralizedTime of a millisecond instant, as RFC 5280 wants. */
export function time(ms: number): Uint8Array {
  const iso = new Date(ms).toISOString(); // engine-pure: formats a given instant, reads no clock
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? str(TAG.UTC_TIME, digits.slice(2)) : str(TAG.GENERALIZED_TIME, digits);
}

/** The instant of a UTCTime or GeneralizedTime node. */
export function parseTime(node: Node): number {
  const s = new TextDecoder().decode(node.content);
  const full = node.tag === TAG.UTC_TIME ? `${Number(s.slice(0, 2)) >= 50 ? "19" : "20"}${s}` : s;
  return Date.UTC(
    Number(full.slice(0, 4)),
    Number(full.slice(4, 6)) - 1,
    Number(full.slice(6, 8)),
    Number(full.slice(8, 10)),
    Number(full.slice(10, 12)),
    Number(full.slice(12, 14)),
  );
}

/** A parsed TLV: its tag, content bytes, the whole encoding, and children when constructed. */
export interface Node {
  tag: number;
  content: Uint8Array;
  /** The node's full encoding (tag, length and content): what a signature covers. */
  raw: Uint8Array;
  children: Node[];
}

/** Why bytes are not DER (the parser's error). */
export class DerError extends Error {}

function parseAt(b: Uint8Array, at: number): { node: Node; end: number } {
  if (at + 2 > b.length) throw new DerError("truncated");
  const tag = b[at] as number;
  let len = b[at + 1] as number;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > b.length) throw new DerError("bad length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[p + i] as number);
    p += n;
  }
  if (p + len > b.length) throw new DerError("truncated");
  const content = b.slice(p, p + len);
  const children: Node[] = [];
  if (tag & 0x20) {
    let q = 0;
    while (q < content.length) {
      const r = parseAt(content, q);
      children.push(r.node);
      q = r.end;
    }
  }
  return { node: { tag, content, raw: b.slice(at, p + len), children }, end: p + len };
}

/** Parses one DER value filling all of bytes; throws DerError. */
export function parse(bytes: Uint8Array): Node {
  const { node, end } = parseAt(bytes, 0);
  if (end !== bytes.length) throw new DerError("trailing data");
  return node;
}

/** The child at index i, or a DerError. */
export function child(node: Node, i: number, tag?: number): Node {
  const c = node.children[i];
  if (!c || (tag !== undefined && c.tag !== tag)) throw new DerError("unexpected structure");
  return c;
}

/** The bytes of a BIT STRING node (without the unused-bits octet). */
export function bitStringBytes(node: Node): Uint8Array {
  return node.content.slice(1);
}
