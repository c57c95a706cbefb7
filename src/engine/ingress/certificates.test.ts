// Which certificate ingress-nginx serves per host, and the warnings it logs choosing
// (internal/ingress/controller/store/backend_ssl.go syncSecret, controller.go createServers'
// VerifyHostname then its Common Name fallback, rootfs/etc/nginx/lua/certificate.lua).
import { describe, expect, it } from "vitest";
import { encodeBase64 } from "../api/base64";
import type { KubeObject } from "../api/types";
import { Rng } from "../clock/random";
import { encodePem } from "../pki/pem";
import { presentedChain } from "../pki/tls";
import { commonName, createCertificate, generateKey, type Name, pkcs8 } from "../pki/x509";
import { certificateForName, certificatesFor, FAKE_CERTIFICATE_CN, fakeCertificate } from "./certificates";

const rng = new Rng(11);
const key = generateKey(rng);
const other = generateKey(rng);

function tlsSecret(cn: string, dnsNames: string[], k = key) {
  const subject: Name = [{ type: "CN", value: cn }];
  const der = createCertificate(
    { serial: 1n, subject, notBefore: 0, notAfter: 1e13, extensions: { dnsNames } },
    key,
    subject,
    key,
  );
  return {
    data: {
      "tls.crt": encodeBase64(encodePem("CERTIFICATE", der)),
      "tls.key": encodeBase64(encodePem("PRIVATE KEY", pkcs8(k))),
    },
  };
}

const ingress = (tls: { hosts: string[]; secretName: string }[]) =>
  ({ metadata: { name: "i", namespace: "default" }, spec: { tls } }) as unknown as KubeObject;

const secrets: Record<string, unknown> = {
  san: tlsSecret("x", ["a.example", "*.apps.example"]),
  cn: tlsSecret("b.example", []),
  bad: tlsSecret("c.example", ["c.example"], other),
};
const lookup = (_ns: string, name: string) => secrets[name];
const strip = (w: string) => w.replace(/^W\d{4} [\d:.]+ +7 /, "");

describe("certificatesFor", () => {
  it("serves a Secret's certificate for the hosts it is valid for, by SNI", () => {
    const t = certificatesFor(
      [ingress([{ hosts: ["a.example", "x.apps.example"], secretName: "san" }])],
      lookup,
      0,
    );
    expect(t.warnings).toEqual([]);
    const served = certificateForName(t, "x.apps.example");
    expect(served && commonName((presentedChain(served)[0] as { subject: Name }).subject)).toBe("x");
    expect(certificateForName(t, "A.EXAMPLE")).toBeDefined();
    expect(certificateForName(t, "z.example")).toBeUndefined();
    expect(certificateForName(t, undefined)).toBeUndefined();
  });

  it("takes the CN for a certificate without SANs, warning as controller.go does", () => {
    const t = certificatesFor([ingress([{ hosts: ["b.example"], secretName: "cn" }])], lookup, 0);
    expect(certificateForName(t, "b.example")).toBeDefined();
    expect(t.warnings.map(strip)).toEqual([
      'controller.go:1348] Unexpected error validating SSL certificate "default/cn" for server "b.example": x509: certificate relies on legacy Common Name field, use SANs instead',
      "controller.go:1348] Validating certificate against DNS names. This will be deprecated in a future version",
    ]);
  });

  it("falls back to the default certificate for a host the certificate does not name", () => {
    const t = certificatesFor([ingress([{ hosts: ["z.example"], secretName: "san" }])], lookup, 0);
    expect(certificateForName(t, "z.example")).toBeUndefined();
    expect(t.warnings.map(strip)).toEqual([
      'controller.go:1348] Unexpected error validating SSL certificate "default/san" for server "z.example": x509: certificate is valid for a.example, *.apps.example, not z.example',
      "controller.go:1348] Validating certificate against DNS names. This will be deprecated in a future version",
      'controller.go:1348] SSL certificate "default/san" does not contain a Common Name or Subject Alternative Name for server "z.example": x509: certificate is valid for x, not z.example',
      "controller.go:1348] Using default certificate",
    ]);
  });

  it("falls back for a missing Secret or a key that does not match, with the store's error", () => {
    const t = certificatesFor(
      [
        ingress([
          { hosts: ["c.example"], secretName: "bad" },
          { hosts: ["d.example"], secretName: "gone" },
        ]),
      ],
      lookup,
      0,
    );
    expect(certificateForName(t, "c.example")).toBeUndefined();
    expect(t.warnings.map(strip)).toEqual([
      "backend_ssl.go:47] Error obtaining X.509 certificate: unexpected error creating SSL Cert: certificate and private key does not have a matching public key: tls: private key does not match public key",
      'controller.go:1372] Error getting SSL certificate "default/bad": local SSL certificate default/bad was not found. Using default certificate',
      'backend_ssl.go:47] Error obtaining X.509 certificate: no object matching key "default/gone" in local store',
      'controller.go:1372] Error getting SSL certificate "default/gone": local SSL certificate default/gone was not found. Using default certificate',
    ]);
  });
});

describe("fakeCertificate", () => {
  it("is self-signed for ingress.local, as GetFakeSSLCert makes it", () => {
    const fake = fakeCertificate(Date.UTC(2026, 0, 1));
    expect(fake.selfSigned).toBe(true);
    expect(fake.dnsNames).toEqual(["ingress.local"]);
    const leaf = presentedChain(fake)[0];
    expect(leaf?.subject).toEqual([
      { type: "O", value: "Acme Co" },
      { type: "CN", value: FAKE_CERTIFICATE_CN },
    ]);
  });
});
