/**
 * `openssl` as Ubuntu 22.04's OpenSSL 3.0.2 answers the commands of a Kubernetes user's day:
 * genrsa, req (-new, -in ... -text/-subject), x509 (-in ... -text/-subject/-issuer/-dates, and
 * -req -CA -CAkey to sign a request). Keys come from the cluster's seeded Rng; times from the
 * virtual clock. Output options print in the order given, as apps/x509.c does.
 */
import type { Rng } from "../clock/random";
import { resolvePath } from "../node/fs";
import type { CommandContext, Program } from "../sh/interface";
import { randomSerial } from "./cluster";
import { decodePem, encodePem } from "./pem";
import { certificateText, formatName, formatTime, requestText } from "./text";
import {
  type Certificate,
  type CertificateRequest,
  createCertificate,
  createRequest,
  generateKey,
  keyIdentifier,
  NAME_ATTRIBUTES,
  type Name,
  type PrivateKey,
  parseCertificate,
  parsePrivateKey,
  parseRequest,
  pkcs8,
} from "./x509";

/** `openssl version` on Ubuntu 22.04. */
export const OPENSSL_VERSION = "OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)";

const DAY = 86_400_000;

class Failure extends Error {}

interface Args {
  flags: Map<string, string | true>;
  /** Output options in the order given (x509's -text, -subject, -dates...). */
  order: string[];
  operands: string[];
}

const VALUED = new Set([
  "out",
  "in",
  "key",
  "subj",
  "days",
  "CA",
  "CAkey",
  "CAserial",
  "set_serial",
  "inform",
  "outform",
  "passout",
  "passin",
  "keyout",
  "newkey",
  "extfile",
  "extensions",
  "config",
  "nameopt",
  "sha256",
]);

function parseArgs(argv: string[]): Args {
  const flags = new Map<string, string | true>();
  const order: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("-") && a.length > 1) {
      const name = a.replace(/^--?/, "");
      if (VALUED.has(name) && name !== "sha256") {
        const v = argv[++i];
        if (v === undefined) throw new Failure(`Option -${name} needs a value`);
        flags.set(name, v);
      } else {
        flags.set(name, true);
        order.push(name);
      }
    } else operands.push(a);
  }
  return { flags, order, operands };
}

function str(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

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

/** One invocation's file access and output. */
class Io {
  constructor(readonly ctx: CommandContext) {}

  path(p: string): string {
    return resolvePath(this.ctx.cwd, p);
  }

  read(p: string | undefined, what: string): string {
    if (p === undefined || p === "-") return this.ctx.stdin;
    const full = this.path(p);
    if (!this.ctx.fs.isFile(full))
      throw new Failure(
        `Could not open file or uri for loading ${what} from ${p}\n` +
          `40C7B5F4B57F0000:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${p})`,
      );
    return this.ctx.fs.read(full);
  }

  /** Writes to -out FILE, else stdout. */
  out(p: string | undefined, text: string): void {
    if (p === undefined || p === "-") {
      this.ctx.stdout.write(text);
      return;
    }
    const full = this.path(p);
    const dir = full.slice(0, full.lastIndexOf("/")) || "/";
    if (!this.ctx.fs.isDir(dir)) throw new Failure(`${p}: No such file or directory`);
    this.ctx.fs.write(full, text);
  }
}

function loadKey(io: Io, p: string | undefined): PrivateKey {
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

function loadCertificate(io: Io, p: string | undefined): Certificate {
  const block = decodePem(io.read(p, "certificate"));
  if (block?.type !== "CERTIFICATE") throw new Failure("Unable to load certificate");
  try {
    return parseCertificate(block.der);
  } catch {
    throw new Failure("Unable to load certificate");
  }
}

function genrsa(io: Io, args: Args, rng: Rng): void {
  const bits = Number(args.operands[0] ?? 2048);
  if (!Number.isInteger(bits) || bits < 512) throw new Failure(`Invalid number "${args.operands[0]}"`);
  io.out(str(args, "out"), encodePem("PRIVATE KEY", pkcs8(generateKey(rng, bits))));
}

function req(io: Io, args: Args): void {
  if (args.flags.has("new")) {
    const subj = str(args, "subj");
    if (!subj)
      throw new Failure(
        'this terminal cannot answer openssl\'s interactive prompts: give the subject with -subj "/CN=name/O=group"',
      );
    const key = loadKey(io, str(args, "key"));
    const subject = parseSubject(subj);
    io.out(str(args, "out"), encodePem("CERTIFICATE REQUEST", createRequest(subject, key)));
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
    const days = Number(str(args, "days") ?? 30);
    if (!Number.isInteger(days)) throw new Failure(`Invalid number "${str(args, "days")}"`);
    let issuer: Name = r.subject;
    let issuerKey = r.publicKey;
    let authorityKeyId = keyIdentifier(r.publicKey);
    let serial = randomSerial(rng);
    if (caPath) {
      const ca = loadCertificate(io, caPath);
      const caKey = loadKey(io, str(args, "CAkey") ?? caPath);
      if (caKey.n !== ca.publicKey.n) throw new Failure("CA certificate and CA private key do not match");
      issuer = ca.subject;
      issuerKey = caKey;
      authorityKeyId = ca.extensions.subjectKeyId ?? keyIdentifier(ca.publicKey);
      const srl = str(args, "CAserial") ?? `${caPath.replace(/\.[^./]*$/, "")}.srl`;
      const srlPath = io.path(srl);
      if (io.ctx.fs.isFile(srlPath)) serial = BigInt(`0x${io.ctx.fs.read(srlPath).trim() || "0"}`) + 1n;
      else if (args.flags.has("CAcreateserial")) {
        // rand_serial: 159 random bits.
        let v = 0n;
        for (let i = 0; i < 10; i++) v = (v << 16n) | BigInt(rng.int(65536));
        serial = v & ((1n << 159n) - 1n);
      } else throw new Failure(`${srl}: No such file or directory\nerror while loading serial number`);
      io.ctx.fs.write(srlPath, `${serial.toString(16).toUpperCase().padStart(2, "0")}\n`);
    }
    const der = createCertificate(
      {
        serial,
        subject: r.subject,
        notBefore: Math.floor(now / 1000) * 1000,
        notAfter: Math.floor(now / 1000) * 1000 + days * DAY,
        extensions: { subjectKeyId: keyIdentifier(r.publicKey), authorityKeyId },
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
          req(io, parseArgs(rest));
          return 0;
        case "x509":
          x509(io, parseArgs(rest), rng(), ctx.sys.now());
          return 0;
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
