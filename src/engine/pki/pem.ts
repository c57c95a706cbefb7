/** PEM (RFC 7468): base64 DER between BEGIN and END lines, wrapped at 64 columns as OpenSSL and Go write it. */
import { decodeBase64, encodeBase64 } from "../sh/applets/codec";

/** One PEM block. */
export interface PemBlock {
  type: string;
  der: Uint8Array;
}

/** The PEM text of der under type ("CERTIFICATE", "CERTIFICATE REQUEST", "PRIVATE KEY"). */
export function encodePem(type: string, der: Uint8Array): string {
  const b64 = encodeBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${type}-----\n${lines.join("\n")}\n-----END ${type}-----\n`;
}

/** The PEM blocks of text, in order (as Go's pem.Decode finds them; undecodable blocks skipped). */
export function decodePemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const der = decodeBase64((m[2] as string).replace(/\r/g, "").replace(/\n$/, ""));
    if (der) out.push({ type: m[1] as string, der });
  }
  return out;
}

/** The first PEM block of text, or undefined (Go's pem.Decode). */
export function decodePem(text: string): PemBlock | undefined {
  return decodePemBlocks(text)[0];
}
