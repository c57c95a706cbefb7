// Key pairs as Go's tls.X509KeyPair loads them (crypto/tls/tls.go, the errors kubectl create secret
// tls prints), OpenSSL's chain verification codes (x509_vfy.c, X509_verify_cert_error_string) and
// curl's host check (lib/vtls/openssl.c ossl_verifyhost, lib/vtls/hostcheck.c Curl_cert_hostcheck).
import { describe, expect, it } from "vitest";
import { Rng } from "../clock/random";
import { encodePem } from "./pem";
import { checkHost, hostnameMatches, servingCertificate, TLS_ERRORS, verifyChain, x509KeyPair } from "./tls";
import { createCertificate, generateKey, keyIdentifier, type Name, parseCertificate, pkcs8 } from "./x509";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const rng = new Rng(7);
const caKey = generateKey(rng);
const leafKey = generateKey(rng);
const ca: Name = [{ type: "CN", value: "my-ca" }];

function cert(subject: Name, key = leafKey, issuer = subject, issuerKey = key, ext = {}, days = 365) {
  return parseCertificate(
    createCertificate(
      {
        serial: 1n,
        subject,
        notBefore: T0,
        notAfter: T0 + days * DAY,
        extensions: { subjectKeyId: keyIdentifier(key), ...ext },
      },
      key,
      issuer,
      issuerKey,
    ),
  );
}

const caCert = cert(ca, caKey, ca, caKey, { isCA: true }, 3650);
const leaf = cert([{ type: "CN", value: "web" }], leafKey, ca, caKey, {
  dnsNames: ["web.example.com", "*.apps.example.com"],
});
const selfSigned = cert([
  { type: "CN", value: "my-nginx" },
  { type: "O", value: "my-nginx" },
]);
const pem = (c: { der: Uint8Array }) => encodePem("CERTIFICATE", c.der);
const keyPem = (k = leafKey) => encodePem("PRIVATE KEY", pkcs8(k));

describe("x509KeyPair", () => {
  it.each([
    ["a matching pair", pem(leaf), keyPem(), undefined],
    ["no PEM in the certificate", "hello", keyPem(), TLS_ERRORS.noCertData],
    ["the inputs switched", keyPem(), pem(leaf), TLS_ERRORS.switched],
    ["no PEM in the key", pem(leaf), "hello", TLS_ERRORS.noKeyData],
    ["a certificate as the key", pem(leaf), pem(leaf), TLS_ERRORS.certAsKey],
    ["another key", pem(leaf), keyPem(caKey), TLS_ERRORS.mismatch],
    [
      "only a request",
      "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
      keyPem(),
      'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [CERTIFICATE REQUEST]',
    ],
  ])("%s", (_name, c, k, error) => {
    const r = x509KeyPair(c, k);
    if (error === undefined) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, error });
  });
});

describe("verifyChain", () => {
  it("trusts a self-signed certificate given as its own CA file, and only then", () => {
    expect(verifyChain([selfSigned], [selfSigned], T0 + DAY).code).toBe(0);
    expect(verifyChain([selfSigned], [], T0 + DAY)).toEqual({
      code: 18,
      text: "self-signed certificate",
      depth: 0,
    });
    expect(servingCertificate([selfSigned]).selfSigned).toBe(true);
  });

  it("builds to a trusted CA, through presented intermediates", () => {
    expect(verifyChain([leaf], [caCert], T0 + DAY).code).toBe(0);
    expect(verifyChain([leaf], [], T0 + DAY)).toEqual({
      code: 20,
      text: "unable to get local issuer certificate",
      depth: 0,
    });
    expect(verifyChain([leaf, caCert], [], T0 + DAY)).toEqual({
      code: 19,
      text: "self-signed certificate in certificate chain",
      depth: 1,
    });
    expect(verifyChain([leaf], [selfSigned], T0 + DAY).code).toBe(20);
  });

  it("checks validity at the given instant", () => {
    expect(verifyChain([leaf], [caCert], T0 + 400 * DAY)).toMatchObject({
      code: 10,
      text: "certificate has expired",
      depth: 0,
    });
    // x509_vfy.c checks from the trust anchor down: the CA, not yet valid either, is reported.
    expect(verifyChain([leaf], [caCert], T0 - DAY)).toMatchObject({
      code: 9,
      text: "certificate is not yet valid",
      depth: 1,
    });
  });
});

describe("checkHost", () => {
  it.each([
    ["web.example.com", true],
    ["WEB.example.com", true],
    ["a.apps.example.com", true],
    ["apps.example.com", false],
    ["a.b.apps.example.com", false],
  ])("SANs against %s", (host, ok) => {
    expect(checkHost(leaf, host).ok).toBe(ok);
  });

  it("words a mismatch as curl 8 does, and falls back to the CN without SANs", () => {
    expect(checkHost(leaf, "x")).toEqual({
      ok: false,
      error: "SSL: no alternative certificate subject name matches target host name 'x'",
    });
    expect(checkHost(selfSigned, "my-nginx")).toEqual({ ok: true, line: " common name: my-nginx (matched)" });
    expect(checkHost(selfSigned, "my-nginx.default.svc")).toEqual({
      ok: false,
      error:
        "SSL: certificate subject name 'my-nginx' does not match target host name 'my-nginx.default.svc'",
    });
  });

  it("matches one wildcard label only (hostcheck.c)", () => {
    expect(hostnameMatches("*.example.com", "www.example.com")).toBe(true);
    expect(hostnameMatches("*.com", "example.com")).toBe(false);
    expect(hostnameMatches("*.example.com", "example.com")).toBe(false);
  });
});
