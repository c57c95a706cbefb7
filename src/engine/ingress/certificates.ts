/**
 * The certificates ingress-nginx serves (internal/ingress/controller/store/backend_ssl.go,
 * controller.go createServers, rootfs/etc/nginx/lua/certificate.lua): each host of an Ingress's
 * `spec.tls[]` gets the certificate of its `secretName` (a kubernetes.io/tls Secret in the
 * Ingress's namespace) when the Secret exists, its pair loads and it is valid for the host (SANs,
 * then the CN as the controller's own fallback); otherwise, and for a client that sends no server
 * name, the controller's self-signed fake certificate. Each reason to fall back is logged as the
 * controller logs it.
 */

import { decodeBase64 } from "../api/base64";
import type { KubeObject } from "../api/types";
import type { Rng } from "../clock/random";
import { Rng as SeededRng } from "../clock/random";
import { klogHeader } from "../controlplane/components";
import { EKU, KU } from "../pki/cluster";
import { encodePem } from "../pki/pem";
import { hostnameMatches, servingCertificate, x509KeyPair } from "../pki/tls";
import {
  type Certificate,
  commonName,
  createCertificate,
  generateKey,
  keyIdentifier,
  parseCertificate,
} from "../pki/x509";
import type { ServingCertificate } from "../sh/interface";

/** The fake certificate's subject (internal/net/ssl/ssl.go GetFakeSSLCert). */
export const FAKE_CERTIFICATE_CN = "Kubernetes Ingress Controller Fake Certificate";

/** The controller's klog callers for these warnings (ingress-nginx v1.x sources). */
export const CALLER = {
  store: "backend_ssl.go:47",
  controller: "controller.go:1372",
  validate: "controller.go:1348",
};

/** The controller's pid in its container (dumb-init is 1). */
const CONTROLLER_PID = 7;

// biome-ignore lint/suspicious/noExplicitAny: Ingress and Secret specs are read as open JSON
type Json = any;

/**
 * GetFakeSSLCert: a self-signed certificate (O = Acme Co, CN = the fake name, SAN ingress.local),
 * valid for a year from the controller's start; its key from a generator seeded by that instant.
 */
export function fakeCertificate(started: number): ServingCertificate {
  const rng: Rng = new SeededRng(Math.floor(started / 1000) ^ 0x1a2b3c);
  const key = generateKey(rng);
  const subject = [
    { type: "O", value: "Acme Co" },
    { type: "CN", value: FAKE_CERTIFICATE_CN },
  ];
  const notBefore = Math.floor(started / 1000) * 1000;
  const der = createCertificate(
    {
      serial: BigInt(rng.int(2 ** 30)) * 65536n + BigInt(rng.int(65536)),
      subject,
      notBefore,
      notAfter: notBefore + 365 * 86_400_000,
      extensions: {
        keyUsage: [KU.digitalSignature, KU.keyEncipherment],
        extKeyUsage: [EKU.serverAuth],
        isCA: false,
        subjectKeyId: keyIdentifier(key),
        dnsNames: ["ingress.local"],
      },
    },
    key,
    subject,
    key,
  );
  return { ...servingCertificate([parseCertificate(der)]), chainPem: encodePem("CERTIFICATE", der) };
}

/** What a Secret gives: the certificate served, or why the store could not load it. */
type SecretLoad = { ok: true; chain: Certificate[] } | { ok: false; error: string };

function loadSecret(secret: Json | undefined, key: string): SecretLoad {
  if (!secret) return { ok: false, error: `no object matching key "${key}" in local store` };
  const decode = (v: unknown) => (typeof v === "string" ? (decodeBase64(v) ?? "") : "");
  const crt = decode(secret.data?.["tls.crt"]);
  const pem = decode(secret.data?.["tls.key"]);
  if (!crt.includes("-----BEGIN"))
    return { ok: false, error: "unexpected error creating SSL Cert: no valid PEM formatted block found" };
  const pair = x509KeyPair(crt, pem);
  if (!pair.ok)
    return {
      ok: false,
      error: `unexpected error creating SSL Cert: certificate and private key does not have a matching public key: ${pair.error}`,
    };
  return { ok: true, chain: pair.chain };
}

/** Go's Certificate.VerifyHostname error for host (SANs only, as Go ≥ 1.15 checks). */
function goHostnameError(leaf: Certificate, host: string): string | undefined {
  const dns = leaf.extensions.dnsNames ?? [];
  if (dns.some((d) => hostnameMatches(d, host))) return undefined;
  if (!dns.length && !(leaf.extensions.ipAddresses ?? []).length)
    return commonName(leaf.subject)
      ? "x509: certificate relies on legacy Common Name field, use SANs instead"
      : `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${dns.join(", ")}, not ${host}`;
}

/** The certificate served per host name, and the warnings the controller logged deciding it. */
export interface CertificateTable {
  byHost: Map<string, ServingCertificate>;
  warnings: string[];
}

/** createServers' TLS part over the Ingresses a controller serves; secret(ns, name) reads the store. */
export function certificatesFor(
  ingresses: KubeObject[],
  secret: (namespace: string, name: string) => Json | undefined,
  now: number,
): CertificateTable {
  const byHost = new Map<string, ServingCertificate>();
  const warnings: string[] = [];
  const warn = (caller: string, text: string) =>
    warnings.push(`${klogHeader("W", now, caller).replace("       1 ", `       ${CONTROLLER_PID} `)}${text}`);
  for (const ing of ingresses) {
    const ns = ing.metadata.namespace ?? "default";
    for (const tls of ((ing as Json).spec?.tls ?? []) as Json[]) {
      if (!tls?.secretName) continue;
      const key = `${ns}/${tls.secretName}`;
      const loaded = loadSecret(secret(ns, tls.secretName), key);
      if (!loaded.ok) {
        warn(CALLER.store, `Error obtaining X.509 certificate: ${loaded.error}`);
        warn(
          CALLER.controller,
          `Error getting SSL certificate "${key}": local SSL certificate ${key} was not found. Using default certificate`,
        );
        continue;
      }
      const leaf = loaded.chain[0] as Certificate;
      for (const host of (tls.hosts ?? []) as string[]) {
        if (byHost.has(host)) continue;
        const err = goHostnameError(leaf, host);
        if (err) {
          warn(
            CALLER.validate,
            `Unexpected error validating SSL certificate "${key}" for server "${host}": ${err}`,
          );
          warn(
            CALLER.validate,
            "Validating certificate against DNS names. This will be deprecated in a future version",
          );
          const cn = commonName(leaf.subject);
          if (!cn || !hostnameMatches(cn, host)) {
            warn(
              CALLER.validate,
              `SSL certificate "${key}" does not contain a Common Name or Subject Alternative Name for server "${host}": x509: certificate is valid for ${cn}, not ${host}`,
            );
            warn(CALLER.validate, "Using default certificate");
            continue;
          }
        }
        byHost.set(host, servingCertificate(loaded.chain));
      }
    }
  }
  return { byHost, warnings };
}

/** certificate.lua: the certificate for a ClientHello's server name (exact, then `*.` wildcard). */
export function certificateForName(
  table: CertificateTable,
  serverName: string | undefined,
): ServingCertificate | undefined {
  if (!serverName) return undefined;
  const name = serverName.toLowerCase();
  const exact = table.byHost.get(name);
  if (exact) return exact;
  const dot = name.indexOf(".");
  return dot > 0 ? table.byHost.get(`*${name.slice(dot)}`) : undefined;
}
