/**
 * OpenSSL 3's text forms of names, dates, requests and certificates (`openssl x509 -text`,
 * `openssl req -text`, `-subject`, `-enddate`): crypto/x509/t_x509.c, t_req.c, v3_*.c.
 */

import { bigintBytes } from "./der";
import {
  type Certificate,
  type CertificateRequest,
  EXT_KEY_USAGES,
  KEY_USAGE_BITS,
  type Name,
  OID,
  type PublicKey,
} from "./x509";

/** A name as OpenSSL's default oneline form prints it: `CN = jane, O = dev`. */
export function formatName(name: Name): string {
  return name.map((a) => `${a.type} = ${a.value}`).join(", ");
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ASN1_TIME_print: `Jan  1 00:00:00 2026 GMT`. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const day = String(Number(iso.slice(8, 10))).padStart(2, " ");
  return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${day} ${iso.slice(11, 19)} ${iso.slice(0, 4)} GMT`;
}

function hexColons(bytes: Uint8Array, upper = false): string[] {
  return [...bytes].map((b) => {
    const h = b.toString(16).padStart(2, "0");
    return upper ? h.toUpperCase() : h;
  });
}

/** Hex bytes, perLine to a line, each line indented, `:` after every byte but the last. */
function hexBlock(bytes: Uint8Array, indent: number, perLine: number): string {
  const hex = hexColons(bytes);
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += perLine) {
    const chunk = hex.slice(i, i + perLine).join(":");
    lines.push(`${" ".repeat(indent)}${chunk}${i + perLine < hex.length ? ":" : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

function publicKeyText(key: PublicKey, indent: number): string {
  const pad = " ".repeat(indent);
  let modulus = bigintBytes(key.n);
  if ((modulus[0] ?? 0) & 0x80) modulus = new Uint8Array([0, ...modulus]);
  const bitsLen = key.n.toString(2).length;
  return (
    `${pad}Subject Public Key Info:\n${pad}    Public Key Algorithm: rsaEncryption\n` +
    `${pad}        Public-Key: (${bitsLen} bit)\n${pad}        Modulus:\n` +
    hexBlock(modulus, indent + 12, 15) +
    `${pad}        Exponent: ${key.e} (0x${key.e.toString(16)})\n`
  );
}

/** The serial as t_x509.c prints it: decimal and hex when it fits a long, else hex bytes on the next line. */
function serialText(serial: bigint): string {
  if (serial < 1n << 63n) return `        Serial Number: ${serial} (0x${serial.toString(16)})\n`;
  let b = bigintBytes(serial);
  if ((b[0] ?? 0) & 0x80) b = new Uint8Array([0, ...b]);
  return `        Serial Number:\n            ${hexColons(b).join(":")}\n`;
}

const EXTENSION_NAMES: Record<string, string> = {
  [OID.keyUsage]: "X509v3 Key Usage",
  [OID.extKeyUsage]: "X509v3 Extended Key Usage",
  [OID.basicConstraints]: "X509v3 Basic Constraints",
  [OID.subjectKeyIdentifier]: "X509v3 Subject Key Identifier",
  [OID.authorityKeyIdentifier]: "X509v3 Authority Key Identifier",
  [OID.subjectAltName]: "X509v3 Subject Alternative Name",
};

function extensionValue(cert: Certificate, id: string): string {
  const x = cert.extensions;
  switch (id) {
    case OID.keyUsage:
      return (x.keyUsage ?? []).map((b) => KEY_USAGE_BITS[b]).join(", ");
    case OID.extKeyUsage:
      return (x.extKeyUsage ?? []).map((o) => EXT_KEY_USAGES[o] ?? o).join(", ");
    case OID.basicConstraints:
      return x.isCA ? "CA:TRUE" : "CA:FALSE";
    case OID.subjectKeyIdentifier:
      return hexColons(x.subjectKeyId ?? new Uint8Array(), true).join(":");
    case OID.authorityKeyIdentifier:
      return hexColons(x.authorityKeyId ?? new Uint8Array(), true).join(":");
    case OID.subjectAltName:
      return [
        ...(x.dnsNames ?? []).map((d) => `DNS:${d}`),
        ...(x.ipAddresses ?? []).map((i) => `IP Address:${i}`),
      ].join(", ");
    default:
      return "";
  }
}

/** One extension as `x509 -ext NAME` prints it (name line, value indented by indent + 4). */
export function extensionText(cert: Certificate, id: string, indent: number): string {
  const pad = " ".repeat(indent);
  return `${pad}${EXTENSION_NAMES[id] ?? id}: ${cert.critical[id] ? "critical" : ""}\n${pad}    ${extensionValue(cert, id)}\n`;
}

/** The OID of an extension's configuration name (`subjectAltName`), for `x509 -ext`. */
export const EXTENSION_CONFIG_NAMES: Record<string, string> = {
  subjectAltName: OID.subjectAltName,
  keyUsage: OID.keyUsage,
  extendedKeyUsage: OID.extKeyUsage,
  basicConstraints: OID.basicConstraints,
  subjectKeyIdentifier: OID.subjectKeyIdentifier,
  authorityKeyIdentifier: OID.authorityKeyIdentifier,
};

/** `openssl x509 -text -noout`. */
export function certificateText(cert: Certificate): string {
  let out = "Certificate:\n    Data:\n";
  out += `        Version: ${cert.version} (0x${(cert.version - 1).toString(16)})\n`;
  out += serialText(cert.serial);
  out += "        Signature Algorithm: sha256WithRSAEncryption\n";
  out += `        Issuer: ${formatName(cert.issuer)}\n`;
  out += `        Validity\n            Not Before: ${formatTime(cert.notBefore)}\n            Not After : ${formatTime(cert.notAfter)}\n`;
  out += `        Subject: ${formatName(cert.subject)}\n`;
  out += publicKeyText(cert.publicKey, 8);
  if (cert.extensionOrder.length) {
    out += "        X509v3 extensions:\n";
    for (const id of cert.extensionOrder) {
      out += `            ${EXTENSION_NAMES[id] ?? id}: ${cert.critical[id] ? "critical" : ""}\n`;
      out += `                ${extensionValue(cert, id)}\n`;
    }
  }
  out += "    Signature Algorithm: sha256WithRSAEncryption\n    Signature Value:\n";
  out += hexBlock(cert.signature, 8, 18);
  return out;
}

/** `openssl req -text -noout`. */
export function requestText(req: CertificateRequest): string {
  let out = "Certificate Request:\n    Data:\n        Version: 1 (0x0)\n";
  out += `        Subject: ${formatName(req.subject)}\n`;
  out += publicKeyText(req.publicKey, 8);
  out += "        Attributes:\n            (none)\n            Requested Extensions:\n";
  out += "    Signature Algorithm: sha256WithRSAEncryption\n    Signature Value:\n";
  out += hexBlock(req.signature, 8, 18);
  return out;
}
