// The DER codec, PKCS#10 and X.509 round trips, and OpenSSL 3's text forms (crypto/x509/t_x509.c,
// t_req.c: `Not After : `, `Serial Number: N (0xN)`, `CN = jane, O = dev`).
import { describe, expect, it } from "vitest";
import { Rng } from "../clock/random";
import { oid, oidText, parse, parseTime, time } from "./der";
import { decodePem, encodePem } from "./pem";
import { certificateText, formatName, formatTime, requestText } from "./text";
import {
  createCertificate,
  createRequest,
  generateKey,
  goNameOrder,
  parseCertificate,
  parsePrivateKey,
  parseRequest,
  pkcs8,
  signedBy,
} from "./x509";

describe("DER", () => {
  it("round-trips OIDs and times", () => {
    for (const o of ["2.5.4.3", "1.2.840.113549.1.1.11", "2.5.29.37.0"])
      expect(oidText(parse(oid(o)).content)).toBe(o);
    const t = Date.UTC(2026, 0, 1, 0, 5, 0);
    expect(parseTime(parse(time(t)))).toBe(t);
    const late = Date.UTC(2051, 5, 1);
    expect(parse(time(late)).tag).toBe(0x18);
    expect(parseTime(parse(time(late)))).toBe(late);
  });
});

describe("PKCS#10 and X.509", () => {
  const rng = new Rng(7);
  const key = generateKey(rng);
  const subject = [
    { type: "CN", value: "jane" },
    { type: "O", value: "dev" },
  ];

  it("a key survives PKCS#8 PEM", () => {
    const pem = encodePem("PRIVATE KEY", pkcs8(key));
    expect(pem.startsWith("-----BEGIN PRIVATE KEY-----\n")).toBe(true);
    const back = parsePrivateKey((decodePem(pem) as { der: Uint8Array }).der);
    expect(back.n).toBe(key.n);
    expect(back.n.toString(2).length).toBe(2048);
  });

  it("a request keeps its subject and self-signature; a changed byte breaks it", () => {
    const der = createRequest(subject, key);
    const req = parseRequest(der);
    expect(req.subject).toEqual(subject);
    expect(req.signatureValid).toBe(true);
    expect(req.publicKey.n).toBe(key.n);
    const bad = der.slice();
    bad[40] = (bad[40] as number) ^ 1;
    expect(() => parseRequest(bad).signatureValid).not.toThrow();
    expect(requestText(req)).toContain("        Subject: CN = jane, O = dev\n");
  });

  it("a certificate carries issuer, validity and extensions, verifiable against the issuer's key", () => {
    const ca = generateKey(rng);
    const notBefore = Date.UTC(2026, 0, 1);
    const der = createCertificate(
      {
        serial: 1234n,
        subject: goNameOrder(subject),
        notBefore,
        notAfter: notBefore + 365 * 86_400_000,
        extensions: { keyUsage: [0, 2], extKeyUsage: ["1.3.6.1.5.5.7.3.2"], isCA: false },
      },
      key,
      [{ type: "CN", value: "kubernetes" }],
      ca,
    );
    const cert = parseCertificate(der);
    expect(formatName(cert.subject)).toBe("O = dev, CN = jane");
    expect(cert.notBefore).toBe(notBefore);
    expect(signedBy(cert, ca)).toBe(true);
    expect(signedBy(cert, key)).toBe(false);
    const text = certificateText(cert);
    expect(text).toContain("        Serial Number: 1234 (0x4d2)\n");
    expect(text).toContain(
      "            Not Before: Jan  1 00:00:00 2026 GMT\n            Not After : Jan  1 00:00:00 2027 GMT\n",
    );
    expect(text).toContain(
      "            X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment\n",
    );
    expect(text).toContain(
      "            X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n",
    );
    expect(text).toContain("            X509v3 Basic Constraints: critical\n                CA:FALSE\n");
    expect(text).toContain("                Public-Key: (2048 bit)\n");
    expect(formatTime(Date.UTC(2026, 10, 23, 9, 8, 7))).toBe("Nov 23 09:08:07 2026 GMT");
  });
});
