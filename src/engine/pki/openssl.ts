/**
 * `openssl` as Ubuntu 22.04's OpenSSL 3.0.2 answers the commands of a Kubernetes user's day:
 * genrsa, req (-new, -in ... -text/-subject), x509 (-in ... -text/-subject/-issuer/-dates, and
 * -req -CA -CAkey to sign a request). Keys come from the cluster's seeded Rng; times from the
 * virtual clock. Output options print in the order given, as apps/x509.c does.
 */
import type { Rng } from "../clock/random";
import { sha1, sha256 } from "../sh/applets/digest";
import type { Program } from "../sh/interface";
import { randomSerial } from "./cluster";
import { openssl_base64, openssl_digest, openssl_genpkey, openssl_rand, openssl_rsa } from "./openssl-apps";
import { addExtension, extensionsOf, type RequestedExtensions, v3Ca } from "./openssl-conf";
import { type Args, Failure, Io, parseArgs, str } from "./openssl-io";
import { sClient } from "./openssl-sclient";
import { decodePem, encodePem } from "./pem";
import {
  certificateText,
  EXTENSION_CONFIG_NAMES,
  extensionText,
  formatName,
  formatTime,
  requestText,
} from "./text";
import {
  type Certificate,
  type CertificateRequest,
  createCertificate,
  createRequest,
  type Extensions,
  generateKey,
  keyIdentifier,
  NAME_ATTRIBUTES,
  type Name,
  OID,
  type PrivateKey,
  type PublicKey,
  parseCertificate,
  parsePrivateKey,
  parseRequest,
  pkcs8,
} from "./x509";

/** `openssl version` on Ubuntu 22.04. */
export const OPENSSL_VERSION = "OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)";

const DAY = 86_400_000;

/** OpenSSL's `-subj` form: `/CN=jane/O=dev` (a backslash escapes a slash). */
export function parseSubject(subj: string): Name {
  if (!subj.startsWith("/"))
    throw new Failure(
      `name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${subj}'`,
    );
  const out: Name = [];
  for (const part of subj.slice(1).split(/(?<!\\)\//)) {
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq < 0) throw new Failure(`Hit end of string before finding the '='`);
    const type = part.slice(0, eq);
    const value = part.slice(eq + 1).replace(/\\(.)/g, "$1");
    if (!NAME_ATTRIBUTES.some(([n]) => n === type))
      throw new Failure(`Subject Attribute ${type} has no known NID, skipped`);
    if (value) out.push({ type, value });
  }
  return out;
}

/** The RSA key of a PEM file, or openssl's failure. */
export function loadKey(io: Io, p: string | undefined): PrivateKey {
  const text = io.read(p, "private key");
  const block = decodePem(text);
  if (!block || !/PRIVATE KEY$/.test(block.type)) throw new Failure(`Could not read private key from ${p}`);
  try {
    return parsePrivateKey(block.der);
  } catch {
    throw new Failure(`Could not read private key from ${p}`);
  }
}

function loadRequest(io: Io, p: string | undefined): CertificateRequest {
  const block = decodePem(io.read(p, "certificate request"));
  if (block?.type !== "CERTIFICATE REQUEST") throw new Failure(`Unable to load X509 request`);
  try {
    return parseRequest(block.der);
  } catch {
    throw new Failure(`Unable to load X509 request`);
  }
}

/** The certificate of a PEM file, or openssl's failure. */
export function loadCertificate(io: Io, p: string | undefined): Certificate {
  const block = decodePem(io.read(p, "certificate"));
  if (block?.type !== "CERTIFICATE") throw new Failure("Unable to load certificate");
  try {
    return parseCertificate(block.der);
  } catch {
    throw new Failure("Unable to load certificate");
  }
}

/** `-fingerprint`: SHA1 by default, else the digest option given (`-sha256`), as 3.0.19 names it. */
function fingerprint(cert: Certificate, args: Args): string {
  const sha = args.flags.has("sha256");
  const hex = (sha ? sha256 : sha1)(cert.der).toUpperCase().match(/../g) ?? [];
  return `${sha ? "sha256" : "SHA1"} Fingerprint=${hex.join(":")}\n`;
}

function genrsa(io: Io, args: Args, rng: Rng): void {
  const bits = Number(args.operands[0] ?? 2048);
  if (!Number.isInteger(bits) || bits < 512) throw new Failure(`Invalid number "${args.operands[0]}"`);
  const key = generateKey(rng, bits);
  if (!args.flags.has("quiet")) io.ctx.stderr.write(keygenProgress(rng));
  io.out(str(args, "out"), encodePem("PRIVATE KEY", pkcs8(key)));
}

/** OpenSSL 3's key generation progress on stderr (genrsa_cb: `.` a candidate, `+` a test passed, `*` a prime). */
export function keygenProgress(rng: Rng): string {
  const candidates = () => {
    let out = "";
    for (let i = 0, n = 1 + rng.int(12); i < n; i++) out += `${".".repeat(1 + rng.int(5))}+`;
    return out;
  };
  const line = () =>
    `${candidates()}${"+".repeat(64)}*${candidates()}${"+".repeat(64)}*${candidates()}${"+".repeat(64)}\n`;
  return `${line()}${line()}`;
}

/** The key of `req`: -key FILE, else a new one (-newkey rsa:BITS, or 2048) written to -keyout. */
function requestKey(io: Io, args: Args, rng: Rng): PrivateKey {
  const keyPath = str(args, "key");
  if (keyPath !== undefined && !args.flags.has("newkey")) return loadKey(io, keyPath);
  const spec = str(args, "newkey") ?? "rsa:2048";
  const m = /^rsa(?::(\d+))?$/i.exec(spec);
  if (!m) throw new Failure(`Unknown algorithm ${spec.split(":")[0]}`);
  const bits = Number(m[1] ?? 2048);
  if (!Number.isInteger(bits) || bits < 512) throw new Failure(`Invalid number "${m[1]}"`);
  if (!args.flags.has("nodes") && !args.flags.has("noenc") && !str(args, "passout"))
    throw new Failure(
      "this terminal cannot answer openssl's PEM pass phrase prompt: add -nodes (or -noenc) to write the key unencrypted",
    );
  const key = generateKey(rng, bits);
  io.ctx.stderr.write(keygenProgress(rng));
  const keyout = str(args, "keyout") ?? "privkey.pem";
  if (!str(args, "keyout")) io.ctx.stderr.write("writing new private key to 'privkey.pem'\n");
  io.out(keyout, encodePem("PRIVATE KEY", pkcs8(key)));
  io.ctx.stderr.write("-----\n");
  return key;
}

/** rand_serial: a positive 159-bit serial, as `req -x509` and `x509 -CAcreateserial` draw it. */
function randSerial(rng: Rng): bigint {
  let v = 0n;
  for (let i = 0; i < 10; i++) v = (v << 16n) | BigInt(rng.int(65536));
  return v & ((1n << 159n) - 1n);
}

/** The extensions a requested section resolves to for a certificate of subjectKey issued with issuerKeyId. */
function resolveExtensions(
  want: RequestedExtensions,
  subjectKey: PublicKey,
  issuerKeyId: Uint8Array,
): Extensions {
  return {
    ...want.extensions,
    ...(want.subjectKeyId ? { subjectKeyId: keyIdentifier(subjectKey) } : {}),
    ...(want.authorityKeyId ? { authorityKeyId: issuerKeyId } : {}),
  };
}

/** `-set_serial N` (decimal, or hex with 0x). */
function setSerial(args: Args): bigint | undefined {
  const v = str(args, "set_serial");
  if (v === undefined) return undefined;
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(v)) throw new Failure(`Invalid serial number ${v}`);
  return BigInt(v);
}

function days(args: Args): number {
  const d = Number(str(args, "days") ?? 30);
  if (!Number.isInteger(d)) throw new Failure(`Invalid number "${str(args, "days")}"`);
  return d;
}

function req(io: Io, args: Args, rng: Rng, now: number): void {
  if (args.flags.has("new") || args.flags.has("newkey") || args.flags.has("x509")) {
    const subj = str(args, "subj");
    if (!subj)
      throw new Failure(
        'this terminal cannot answer openssl\'s interactive prompts: give the subject with -subj "/CN=name/O=group"',
      );
    const subject = parseSubject(subj);
    const key = requestKey(io, args, rng);
    if (!args.flags.has("x509")) {
      if (args.all.has("addext"))
        throw new Failure(
          "-addext on a certificate request is not simulated here: add the extensions when signing (x509 -extfile)",
        );
      io.out(str(args, "out"), encodePem("CERTIFICATE REQUEST", createRequest(subject, key)));
      return;
    }
    const want = v3Ca();
    const sections = new Map<string, [string, string][]>();
    for (const ext of args.all.get("addext") ?? []) {
      const eq = ext.indexOf("=");
      if (eq < 0) throw new Failure(`Invalid extension string '${ext}'`);
      addExtension(want, ext.slice(0, eq).trim(), ext.slice(eq + 1), sections);
    }
    const start = Math.floor(now / 1000) * 1000;
    const der = createCertificate(
      {
        serial: setSerial(args) ?? randSerial(rng),
        subject,
        notBefore: start,
        notAfter: start + days(args) * DAY,
        extensions: resolveExtensions(want, key, keyIdentifier(key)),
      },
      key,
      subject,
      key,
    );
    io.out(str(args, "out"), encodePem("CERTIFICATE", der));
    if (args.order.includes("text")) io.ctx.stdout.write(certificateText(parseCertificate(der)));
    return;
  }
  const r = loadRequest(io, str(args, "in"));
  let text = "";
  for (const o of args.order) {
    if (o === "text") text += requestText(r);
    else if (o === "subject") text += `subject=${formatName(r.subject)}\n`;
    else if (o === "verify")
      io.ctx.stderr.write(
        r.signatureValid
          ? "Certificate request self-signature verify OK\n"
          : "Certificate request self-signature verify failure\n",
      );
  }
  io.ctx.stdout.write(text);
}

function x509(io: Io, args: Args, rng: Rng, now: number): void {
  let cert: Certificate;
  let pem: string;
  if (args.flags.has("req")) {
    const r = loadRequest(io, str(args, "in"));
    if (!r.signatureValid) throw new Failure("Certificate request self-signature did not match");
    io.ctx.stderr.write(`Certificate request self-signature ok\nsubject=${formatName(r.subject)}\n`);
    const caPath = str(args, "CA");
    const extfile = str(args, "extfile");
    const want: RequestedExtensions = extfile
      ? extensionsOf(io.read(extfile, "extensions"), str(args, "extensions"))
      : { extensions: {}, subjectKeyId: true, authorityKeyId: true };
    // OpenSSL adds its default SKI and AKI after the file's extensions.
    want.subjectKeyId = true;
    want.authorityKeyId = true;
    if (extfile)
      want.extensions.order = [
        ...(want.extensions.order ?? []).filter(
          (o) => o !== OID.subjectKeyIdentifier && o !== OID.authorityKeyIdentifier,
        ),
        OID.subjectKeyIdentifier,
        OID.authorityKeyIdentifier,
      ];
    let issuer: Name = r.subject;
    let issuerKey = r.publicKey;
    let authorityKeyId = keyIdentifier(r.publicKey);
    let serial = setSerial(args) ?? randomSerial(rng);
    if (caPath) {
      const ca = loadCertificate(io, caPath);
      const caKey = loadKey(io, str(args, "CAkey") ?? caPath);
      if (caKey.n !== ca.publicKey.n) throw new Failure("CA certificate and CA private key do not match");
      issuer = ca.subject;
      issuerKey = caKey;
      authorityKeyId = ca.extensions.subjectKeyId ?? keyIdentifier(ca.publicKey);
      const srl = str(args, "CAserial") ?? `${caPath.replace(/\.[^./]*$/, "")}.srl`;
      const srlPath = io.path(srl);
      // -set_serial wins over the serial file, which is then left alone.
      if (setSerial(args) === undefined) {
        if (io.ctx.fs.isFile(srlPath)) serial = BigInt(`0x${io.ctx.fs.read(srlPath).trim() || "0"}`) + 1n;
        else if (args.flags.has("CAcreateserial")) serial = randSerial(rng);
        else throw new Failure(`${srl}: No such file or directory\nerror while loading serial number`);
        io.ctx.fs.write(srlPath, `${serial.toString(16).toUpperCase().padStart(2, "0")}\n`);
      }
    }
    const der = createCertificate(
      {
        serial,
        subject: r.subject,
        notBefore: Math.floor(now / 1000) * 1000,
        notAfter: Math.floor(now / 1000) * 1000 + days(args) * DAY,
        extensions: resolveExtensions(want, r.publicKey, authorityKeyId),
      },
      r.publicKey,
      issuer,
      issuerKey,
    );
    cert = parseCertificate(der);
    pem = encodePem("CERTIFICATE", der);
  } else {
    cert = loadCertificate(io, str(args, "in"));
    pem = encodePem("CERTIFICATE", cert.der);
  }
  let text = "";
  for (const o of args.order) {
    if (o === "text") text += certificateText(cert);
    else if (o === "subject") text += `subject=${formatName(cert.subject)}\n`;
    else if (o === "issuer") text += `issuer=${formatName(cert.issuer)}\n`;
    else if (o === "startdate") text += `notBefore=${formatTime(cert.notBefore)}\n`;
    else if (o === "enddate") text += `notAfter=${formatTime(cert.notAfter)}\n`;
    else if (o === "dates")
      text += `notBefore=${formatTime(cert.notBefore)}\nnotAfter=${formatTime(cert.notAfter)}\n`;
    else if (o === "serial") text += `serial=${cert.serial.toString(16).toUpperCase().padStart(2, "0")}\n`;
    else if (o === "fingerprint") text += fingerprint(cert, args);
    else if (o === "modulus") text += `Modulus=${cert.publicKey.n.toString(16).toUpperCase()}\n`;
  }
  const ext = str(args, "ext");
  if (ext !== undefined)
    for (const name of ext.split(",")) {
      const id = EXTENSION_CONFIG_NAMES[name.trim()];
      if (!id) throw new Failure(`Invalid extension name: ${name}`);
      if (cert.extensionOrder.includes(id)) text += extensionText(cert, id, 0);
    }
  if (args.flags.has("noout")) io.ctx.stdout.write(text);
  else {
    io.ctx.stdout.write(text);
    io.out(str(args, "out"), pem);
  }
}

/** The openssl program; rng draws keys and serials, the context's clock dates certificates. */
export function opensslProgram(rng: () => Rng): Program {
  return (ctx) => {
    const [sub, ...rest] = ctx.argv.slice(1);
    const io = new Io(ctx);
    try {
      switch (sub) {
        case undefined:
          ctx.stderr.write("Invalid command ''; type \"help\" for a list.\n");
          return 1;
        case "version":
          ctx.stdout.write(`${OPENSSL_VERSION}\n`);
          return 0;
        case "genrsa":
          genrsa(io, parseArgs(rest), rng());
          return 0;
        case "req":
          req(io, parseArgs(rest), rng(), ctx.sys.now());
          return 0;
        case "x509":
          x509(io, parseArgs(rest), rng(), ctx.sys.now());
          return 0;
        case "genpkey":
          openssl_genpkey(io, parseArgs(rest), rng(), keygenProgress);
          return 0;
        case "rsa":
          openssl_rsa(io, parseArgs(rest));
          return 0;
        case "rand":
          openssl_rand(io, parseArgs(rest), rng());
          return 0;
        case "base64":
        case "enc":
          openssl_base64(io, sub === "enc" ? parseArgs(rest) : parseArgs(["-base64", ...rest]));
          return 0;
        case "md5":
        case "sha1":
        case "sha256":
        case "dgst":
          openssl_digest(io, sub, parseArgs(rest));
          return 0;
        case "s_client":
          return sClient(ctx, parseArgs(rest));
        default:
          ctx.stderr.write(`Invalid command '${sub}'; type "help" for a list.\n`);
          return 1;
      }
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      ctx.stderr.write(`${e.message}\n`);
      return 1;
    }
  };
}
