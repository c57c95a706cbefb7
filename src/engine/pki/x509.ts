/**
 * PKCS#10 certificate requests, X.509 v3 certificates and RSA keys (PKCS#1, PKCS#8) as real DER.
 * The key material is drawn from a seeded Rng and the signature is simulated: a SHA-256 expansion
 * of the signed bytes and the signer's modulus, so that only what an issuer "signed" verifies
 * against its public key, deterministically, without real RSA arithmetic.
 */
import type { Rng } from "../clock/random";
import { sha1, sha256 } from "../sh/applets/digest";
import {
  bigintBytes,
  bigUint,
  bitStringBytes,
  bits,
  bool,
  bytesBigint,
  child,
  concat,
  DerError,
  explicit,
  type Node,
  nullValue,
  octets,
  oid,
  oidText,
  parse,
  parseTime,
  seq,
  set,
  str,
  TAG,
  time,
  tlv,
  uint,
} from "./der";

/** OIDs used here. */
export const OID = {
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSAEncryption: "1.2.840.113549.1.1.11",
  extensionRequest: "1.2.840.113549.1.9.14",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  basicConstraints: "2.5.29.19",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  subjectAltName: "2.5.29.17",
} as const;

/** Attribute types of a distinguished name: short name and OID (openssl's objects.txt). */
export const NAME_ATTRIBUTES: readonly [string, string][] = [
  ["C", "2.5.4.6"],
  ["ST", "2.5.4.8"],
  ["L", "2.5.4.7"],
  ["street", "2.5.4.9"],
  ["postalCode", "2.5.4.17"],
  ["O", "2.5.4.10"],
  ["OU", "2.5.4.11"],
  ["CN", "2.5.4.3"],
  ["serialNumber", "2.5.4.5"],
  ["emailAddress", "1.2.840.113549.1.9.1"],
];

/** One attribute of a name, in the order it is encoded. */
export interface NameAttribute {
  type: string;
  value: string;
}

/** A distinguished name: its attributes, each its own RDN. */
export type Name = NameAttribute[];

/** The values of one attribute type in a name (all O's of a subject). */
export function nameValues(name: Name, type: string): string[] {
  return name.filter((a) => a.type === type).map((a) => a.value);
}

/** The CN of a name, or "". */
export function commonName(name: Name): string {
  return nameValues(name, "CN")[0] ?? "";
}

/** A name in Go's pkix.Name order (C, ST, L, street, postalCode, O, OU, CN, serialNumber): what Go re-encodes. */
export function goNameOrder(name: Name): Name {
  const rank = (t: string) => {
    const i = NAME_ATTRIBUTES.findIndex(([n]) => n === t);
    return i < 0 ? NAME_ATTRIBUTES.length : i;
  };
  return [...name].sort((a, b) => rank(a.type) - rank(b.type));
}

/** The public half of an RSA key. */
export interface PublicKey {
  n: bigint;
  e: bigint;
}

/** An RSA key as PKCS#1 carries it (the CRT fields are random: nothing here computes with them). */
export interface PrivateKey extends PublicKey {
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qinv: bigint;
}

function randomBits(rng: Rng, nbits: number): bigint {
  let v = 0n;
  for (let i = 0; i < nbits; i += 16) v = (v << 16n) | BigInt(rng.int(65536));
  v &= (1n << BigInt(nbits)) - 1n;
  return v | (1n << BigInt(nbits - 1)) | 1n;
}

/** A new RSA key of nbits (2048 by default) drawn from rng. */
export function generateKey(rng: Rng, nbits = 2048): PrivateKey {
  const half = nbits / 2;
  return {
    n: randomBits(rng, nbits),
    e: 65537n,
    d: randomBits(rng, nbits - 1),
    p: randomBits(rng, half),
    q: randomBits(rng, half),
    dp: randomBits(rng, half - 1),
    dq: randomBits(rng, half - 1),
    qinv: randomBits(rng, half - 1),
  };
}

/** The PKCS#1 RSAPrivateKey DER. */
export function pkcs1(key: PrivateKey): Uint8Array {
  return seq(
    uint(new Uint8Array([0])),
    ...[key.n, key.e, key.d, key.p, key.q, key.dp, key.dq, key.qinv].map(bigUint),
  );
}

const RSA_ALGORITHM = () => seq(oid(OID.rsaEncryption), nullValue());
const SHA256_RSA = () => seq(oid(OID.sha256WithRSAEncryption), nullValue());

/** The PKCS#8 PrivateKeyInfo DER (what OpenSSL 3's genrsa writes). */
export function pkcs8(key: PrivateKey): Uint8Array {
  return seq(uint(new Uint8Array([0])), RSA_ALGORITHM(), octets(pkcs1(key)));
}

/** Reads a PKCS#1 or PKCS#8 RSA key; throws DerError. */
export function parsePrivateKey(der: Uint8Array): PrivateKey {
  let root = parse(der);
  if (root.children[1]?.tag === TAG.SEQUENCE) root = parse(child(root, 2, TAG.OCTET_STRING).content);
  const ints = root.children.map((c) => bytesBigint(c.content));
  if (ints.length < 9) throw new DerError("not an RSA private key");
  const [, n, e, d, p, q, dp, dq, qinv] = ints as bigint[];
  return { n, e, d, p, q, dp, dq, qinv } as PrivateKey;
}

/** SubjectPublicKeyInfo DER of a key. */
export function spki(key: PublicKey): Uint8Array {
  return seq(RSA_ALGORITHM(), bits(seq(bigUint(key.n), bigUint(key.e))));
}

function parseSpki(node: Node): PublicKey {
  const rsa = parse(bitStringBytes(child(node, 1, TAG.BIT_STRING)));
  return { n: bytesBigint(child(rsa, 0).content), e: bytesBigint(child(rsa, 1).content) };
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The simulated signature of data by the holder of key's modulus: 256 bytes, deterministic. */
export function simulatedSignature(data: Uint8Array, key: PublicKey): Uint8Array {
  const seed = sha256(concat([bigintBytes(key.n), data]));
  const parts: Uint8Array[] = [];
  for (let i = 0; i < 8; i++) parts.push(hexBytes(sha256(new TextEncoder().encode(`${seed}:${i}`))));
  return concat(parts);
}

/** Whether signature is what the holder of key would have made over data. */
export function verifySignature(data: Uint8Array, signature: Uint8Array, key: PublicKey): boolean {
  const want = simulatedSignature(data, key);
  return want.length === signature.length && want.every((b, i) => b === signature[i]);
}

/** DER of a name (each attribute its own RDN; PrintableString where it fits, else UTF8String). */
export function encodeName(name: Name, utf8Only = false): Uint8Array {
  return seq(
    ...name.map((a) => {
      const o = NAME_ATTRIBUTES.find(([n]) => n === a.type)?.[1] ?? a.type;
      const printable = !utf8Only && /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(a.value);
      const tag =
        a.type === "emailAddress" ? TAG.IA5_STRING : printable ? TAG.PRINTABLE_STRING : TAG.UTF8_STRING;
      return set(seq(oid(o), str(tag, a.value)));
    }),
  );
}

function parseName(node: Node): Name {
  const out: Name = [];
  for (const rdn of node.children)
    for (const atv of rdn.children) {
      const o = oidText(child(atv, 0, TAG.OID).content);
      const type = NAME_ATTRIBUTES.find(([, x]) => x === o)?.[0] ?? o;
      out.push({ type, value: new TextDecoder().decode(child(atv, 1).content) });
    }
  return out;
}

/** The X.509 key usages (RFC 5280 KeyUsage bit order) by openssl's names. */
export const KEY_USAGE_BITS = [
  "Digital Signature",
  "Non Repudiation",
  "Key Encipherment",
  "Data Encipherment",
  "Key Agreement",
  "Certificate Sign",
  "CRL Sign",
  "Encipher Only",
  "Decipher Only",
] as const;

/** Extended key usages: OID and openssl's name. */
export const EXT_KEY_USAGES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "TLS Web Server Authentication",
  "1.3.6.1.5.5.7.3.2": "TLS Web Client Authentication",
  "1.3.6.1.5.5.7.3.3": "Code Signing",
  "1.3.6.1.5.5.7.3.4": "E-mail Protection",
  "1.3.6.1.5.5.7.3.8": "Time Stamping",
  "1.3.6.1.5.5.7.3.9": "OCSP Signing",
  "2.5.29.37.0": "Any Extended Key Usage",
};

/** What a certificate's extensions say. */
export interface Extensions {
  /** Bit indexes of KEY_USAGE_BITS. */
  keyUsage?: number[];
  extKeyUsage?: string[];
  /** CA:TRUE / CA:FALSE (absent: no basic constraints). */
  isCA?: boolean;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: Uint8Array;
  dnsNames?: string[];
  ipAddresses?: string[];
  /** Encoding order by OID (OpenSSL writes its config's order); absent: Go's order. */
  order?: string[];
  /** Criticality by OID where it differs from Go's (key usage and basic constraints critical). */
  critical?: Record<string, boolean>;
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function encodeKeyUsage(usage: number[]): Uint8Array {
  const nbytes = usage.some((b) => b >= 8) ? 2 : 1;
  const body = new Uint8Array(nbytes);
  for (const b of usage) body[b >> 3] = (body[b >> 3] as number) | (0x80 >> (b & 7));
  const highest = Math.max(...usage);
  const unused = nbytes * 8 - 1 - highest;
  return tlv(TAG.BIT_STRING, concat([new Uint8Array([unused]), body]));
}

/** Extensions in Go's order (key usage, ext key usage, basic constraints, SKI, AKI, SAN), or x.order. */
function encodeExtensions(x: Extensions): Uint8Array[] {
  const out: [string, Uint8Array][] = [];
  const crit = (id: string, dflt: boolean) => x.critical?.[id] ?? dflt;
  const add = (id: string, dflt: boolean, value: Uint8Array) =>
    out.push([id, extension(id, crit(id, dflt), value)]);
  if (x.keyUsage?.length) add(OID.keyUsage, true, encodeKeyUsage(x.keyUsage));
  if (x.extKeyUsage?.length) add(OID.extKeyUsage, false, seq(...x.extKeyUsage.map(oid)));
  if (x.isCA !== undefined) add(OID.basicConstraints, true, x.isCA ? seq(bool(true)) : seq());
  if (x.subjectKeyId) add(OID.subjectKeyIdentifier, false, octets(x.subjectKeyId));
  if (x.authorityKeyId) add(OID.authorityKeyIdentifier, false, seq(tlv(0x80, x.authorityKeyId)));
  if (x.dnsNames?.length || x.ipAddresses?.length)
    add(
      OID.subjectAltName,
      false,
      seq(
        ...(x.dnsNames ?? []).map((d) => tlv(0x82, new TextEncoder().encode(d))),
        ...(x.ipAddresses ?? []).map((ip) => tlv(0x87, new Uint8Array(ip.split(".").map(Number)))),
      ),
    );
  const order = x.order;
  if (order) {
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    out.sort((a, b) => rank(a[0]) - rank(b[0]));
  }
  return out.map(([, der]) => der);
}

/** Which extensions are marked critical, by OID (for printing). */
export type Criticality = Record<string, boolean>;

function parseExtensions(list: Node[]): { ext: Extensions; critical: Criticality; order: string[] } {
  const ext: Extensions = {};
  const critical: Criticality = {};
  const order: string[] = [];
  for (const e of list) {
    const id = oidText(child(e, 0, TAG.OID).content);
    const isCritical = e.children.length === 3 && (e.children[1]?.content[0] ?? 0) !== 0;
    const value = parse((e.children[e.children.length - 1] as Node).content);
    critical[id] = isCritical;
    order.push(id);
    if (id === OID.keyUsage) {
      const b = bitStringBytes(value);
      ext.keyUsage = [];
      for (let i = 0; i < b.length * 8; i++)
        if (((b[i >> 3] as number) >> (7 - (i & 7))) & 1) ext.keyUsage.push(i);
    } else if (id === OID.extKeyUsage) ext.extKeyUsage = value.children.map((c) => oidText(c.content));
    else if (id === OID.basicConstraints)
      ext.isCA = value.children[0]?.tag === TAG.BOOLEAN && value.children[0].content[0] !== 0;
    else if (id === OID.subjectKeyIdentifier) ext.subjectKeyId = value.content;
    else if (id === OID.authorityKeyIdentifier)
      ext.authorityKeyId = value.children.find((c) => c.tag === 0x80)?.content;
    else if (id === OID.subjectAltName) {
      ext.dnsNames = value.children
        .filter((c) => c.tag === 0x82)
        .map((c) => new TextDecoder().decode(c.content));
      ext.ipAddresses = value.children.filter((c) => c.tag === 0x87).map((c) => [...c.content].join("."));
    }
  }
  return { ext, critical, order };
}

/** The key identifier Go and OpenSSL compute: SHA-1 of the public key's bits. */
export function keyIdentifier(key: PublicKey): Uint8Array {
  return hexBytes(sha1(seq(bigUint(key.n), bigUint(key.e))));
}

/** A parsed PKCS#10 request. */
export interface CertificateRequest {
  subject: Name;
  publicKey: PublicKey;
  extensions: Extensions;
  signature: Uint8Array;
  /** Whether the request is signed by its own key (CheckSignature). */
  signatureValid: boolean;
}

/** A PKCS#10 request for subject, signed by key. */
export function createRequest(subject: Name, key: PrivateKey, utf8Only = true): Uint8Array {
  const info = seq(uint(new Uint8Array([0])), encodeName(subject, utf8Only), spki(key), explicit(0));
  return seq(info, SHA256_RSA(), bits(simulatedSignature(info, key)));
}

/** Reads a PKCS#10 request; throws DerError. */
export function parseRequest(der: Uint8Array): CertificateRequest {
  const root = parse(der);
  const info = child(root, 0, TAG.SEQUENCE);
  const signature = bitStringBytes(child(root, 2, TAG.BIT_STRING));
  const publicKey = parseSpki(child(info, 2, TAG.SEQUENCE));
  let extensions: Extensions = {};
  for (const attr of info.children[3]?.children ?? [])
    if (oidText(child(attr, 0).content) === OID.extensionRequest)
      extensions = parseExtensions(child(child(attr, 1), 0).children).ext;
  return {
    subject: parseName(child(info, 1, TAG.SEQUENCE)),
    publicKey,
    extensions,
    signature,
    signatureValid: verifySignature(info.raw, signature, publicKey),
  };
}

/** What a new certificate holds besides its keys. */
export interface CertificateTemplate {
  serial: bigint;
  subject: Name;
  notBefore: number;
  notAfter: number;
  extensions: Extensions;
}

/** A parsed X.509 certificate. */
export interface Certificate extends CertificateTemplate {
  version: number;
  issuer: Name;
  publicKey: PublicKey;
  critical: Criticality;
  /** Extension OIDs in encoded order. */
  extensionOrder: string[];
  /** The signed part (what the issuer's signature covers). */
  tbs: Uint8Array;
  /** The whole certificate's DER. */
  der: Uint8Array;
  signature: Uint8Array;
}

/** A v3 certificate of subjectKey with tmpl, issued by issuer (its name) with issuerKey. */
export function createCertificate(
  tmpl: CertificateTemplate,
  subjectKey: PublicKey,
  issuer: Name,
  issuerKey: PublicKey,
): Uint8Array {
  const exts = encodeExtensions(tmpl.extensions);
  const tbs = seq(
    explicit(0, uint(new Uint8Array([2]))),
    bigUint(tmpl.serial),
    SHA256_RSA(),
    encodeName(issuer),
    seq(time(tmpl.notBefore), time(tmpl.notAfter)),
    encodeName(tmpl.subject),
    spki(subjectKey),
    ...(exts.length ? [explicit(3, seq(...exts))] : []),
  );
  return seq(tbs, SHA256_RSA(), bits(simulatedSignature(tbs, issuerKey)));
}

/** Reads an X.509 certificate; throws DerError. */
export function parseCertificate(der: Uint8Array): Certificate {
  const root = parse(der);
  const tbs = child(root, 0, TAG.SEQUENCE);
  let i = 0;
  let version = 1;
  if (tbs.children[0]?.tag === 0xa0) {
    version = Number(bytesBigint(child(child(tbs, 0), 0).content)) + 1;
    i = 1;
  }
  const validity = child(tbs, i + 3, TAG.SEQUENCE);
  const extNode = tbs.children.find((c) => c.tag === 0xa3);
  const { ext, critical, order } = extNode
    ? parseExtensions(child(extNode, 0).children)
    : { ext: {}, critical: {}, order: [] };
  return {
    version,
    serial: bytesBigint(child(tbs, i, TAG.INTEGER).content),
    issuer: parseName(child(tbs, i + 2, TAG.SEQUENCE)),
    notBefore: parseTime(child(validity, 0)),
    notAfter: parseTime(child(validity, 1)),
    subject: parseName(child(tbs, i + 4, TAG.SEQUENCE)),
    publicKey: parseSpki(child(tbs, i + 5, TAG.SEQUENCE)),
    extensions: ext,
    critical,
    extensionOrder: order,
    tbs: tbs.raw,
    der,
    signature: bitStringBytes(child(root, 2, TAG.BIT_STRING)),
  };
}

/** Whether cert was signed by the holder of issuerKey. */
export function signedBy(cert: Certificate, issuerKey: PublicKey): boolean {
  return verifySignature(cert.tbs, cert.signature, issuerKey);
}
