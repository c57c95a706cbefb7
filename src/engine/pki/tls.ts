/**
 * TLS identities as servers load them and clients check them: Go's tls.X509KeyPair (what
 * `kubectl create secret tls` and ingress-nginx run on a certificate and key), and the peer
 * verification OpenSSL does for curl and s_client (chain to a trusted certificate, validity, then
 * the host name against the subject alternative names, or the CN when there are none).
 */
import type { ServingCertificate } from "../sh/interface";
import { decodePemBlocks, encodePem } from "./pem";
import {
  type Certificate,
  commonName,
  type PrivateKey,
  parseCertificate,
  parsePrivateKey,
  signedBy,
} from "./x509";

/** Go crypto/tls errors of X509KeyPair (tls.go), as kubectl prints them after `error: `. */
export const TLS_ERRORS = {
  noCertData: "tls: failed to find any PEM data in certificate input",
  switched:
    "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
  noKeyData: "tls: failed to find any PEM data in key input",
  certAsKey: "tls: found a certificate rather than a key in the PEM for the private key",
  badKey: "tls: failed to parse private key",
  mismatch: "tls: private key does not match public key",
  malformed: "x509: malformed certificate",
} as const;

/** A certificate chain and its key, loaded. */
export interface KeyPairLoaded {
  ok: true;
  /** Leaf first, then any intermediates, as the PEM gave them. */
  chain: Certificate[];
  key: PrivateKey;
}

/** Go's tls.X509KeyPair: the chain and key of two PEM texts, or Go's error. */
export function x509KeyPair(certPem: string, keyPem: string): KeyPairLoaded | { ok: false; error: string } {
  const certBlocks = decodePemBlocks(certPem);
  const certs = certBlocks.filter((b) => b.type === "CERTIFICATE");
  if (!certs.length) {
    if (certBlocks.some((b) => b.type.endsWith("PRIVATE KEY")))
      return { ok: false, error: TLS_ERRORS.switched };
    if (!certBlocks.length) return { ok: false, error: TLS_ERRORS.noCertData };
    return {
      ok: false,
      error: `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certBlocks.map((b) => b.type).join(" ")}]`,
    };
  }
  const keyBlocks = decodePemBlocks(keyPem);
  const keyBlock = keyBlocks.find((b) => b.type === "PRIVATE KEY" || b.type.endsWith(" PRIVATE KEY"));
  if (!keyBlock) {
    if (!keyBlocks.length) return { ok: false, error: TLS_ERRORS.noKeyData };
    if (keyBlocks.some((b) => b.type === "CERTIFICATE")) return { ok: false, error: TLS_ERRORS.certAsKey };
    return {
      ok: false,
      error: `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keyBlocks.map((b) => b.type).join(" ")}]`,
    };
  }
  let chain: Certificate[];
  try {
    chain = certs.map((b) => parseCertificate(b.der));
  } catch {
    return { ok: false, error: TLS_ERRORS.malformed };
  }
  let key: PrivateKey;
  try {
    key = parsePrivateKey(keyBlock.der);
  } catch {
    return { ok: false, error: TLS_ERRORS.badKey };
  }
  const leaf = chain[0] as Certificate;
  if (leaf.publicKey.n !== key.n || leaf.publicKey.e !== key.e)
    return { ok: false, error: TLS_ERRORS.mismatch };
  return { ok: true, chain, key };
}

/** What a server serves for a loaded pair: names for old clients, the chain for verifying ones. */
export function servingCertificate(chain: Certificate[]): ServingCertificate {
  const leaf = chain[0] as Certificate;
  return {
    dnsNames: leaf.extensions.dnsNames ?? [],
    ipAddresses: leaf.extensions.ipAddresses ?? [],
    selfSigned: sameName(leaf.issuer, leaf.subject) && signedBy(leaf, leaf.publicKey),
    chainPem: chain.map((c) => encodePem("CERTIFICATE", c.der)).join(""),
  };
}

/** The certificates a served certificate presents (parsed from its chain's PEM; none for a bare one). */
export function presentedChain(cert: ServingCertificate): Certificate[] {
  if (!cert.chainPem) return [];
  const out: Certificate[] = [];
  for (const b of decodePemBlocks(cert.chainPem))
    if (b.type === "CERTIFICATE")
      try {
        out.push(parseCertificate(b.der));
      } catch {
        // A block that is not a certificate is not presented.
      }
  return out;
}

/** The certificates of a CA bundle (curl --cacert, s_client -CAfile). */
export function trustedCertificates(pemText: string): Certificate[] {
  return presentedChain({ dnsNames: [], ipAddresses: [], selfSigned: false, chainPem: pemText });
}

function sameName(a: Certificate["subject"], b: Certificate["subject"]): boolean {
  return a.length === b.length && a.every((x, i) => x.type === b[i]?.type && x.value === b[i]?.value);
}

/** X509_verify_cert's outcome codes and texts (X509_verify_cert_error_string). */
export const VERIFY_ERRORS = {
  ok: { code: 0, text: "ok" },
  unableToGetIssuerLocally: { code: 20, text: "unable to get local issuer certificate" },
  unableToVerifyLeaf: { code: 21, text: "unable to verify the first certificate" },
  selfSigned: { code: 18, text: "self-signed certificate" },
  selfSignedInChain: { code: 19, text: "self-signed certificate in certificate chain" },
  notYetValid: { code: 9, text: "certificate is not yet valid" },
  expired: { code: 10, text: "certificate has expired" },
} as const;

/** A verification outcome: OpenSSL's code and text, and the depth it concerns. */
export interface VerifyResult {
  code: number;
  text: string;
  depth: number;
  /** The chain built, leaf first, up to the trust anchor when one was found. */
  path?: Certificate[];
}

/**
 * OpenSSL's chain verification (x509_vfy.c): build from the leaf through the presented
 * intermediates to a certificate in trusted, a trusted certificate being an anchor even when it
 * is not a CA (a self-signed leaf given as its own CA file is trusted); then check each
 * certificate's validity at now.
 */
export function verifyChain(presented: Certificate[], trusted: Certificate[], now: number): VerifyResult {
  const leaf = presented[0];
  if (!leaf) return { ...VERIFY_ERRORS.unableToGetIssuerLocally, depth: 0 };
  const isTrusted = (c: Certificate) => trusted.some((t) => bytesEqual(t.der, c.der));
  const path: Certificate[] = [leaf];
  let anchored = isTrusted(leaf);
  for (let cur = leaf; !anchored && path.length < 10; ) {
    const anchor = trusted.find((t) => sameName(t.subject, cur.issuer) && signedBy(cur, t.publicKey));
    if (anchor) {
      path.push(anchor);
      anchored = true;
      break;
    }
    if (sameName(cur.issuer, cur.subject) && signedBy(cur, cur.publicKey))
      return {
        ...(path.length === 1 ? VERIFY_ERRORS.selfSigned : VERIFY_ERRORS.selfSignedInChain),
        depth: path.length - 1,
      };
    const next = presented.find(
      (c) => c !== cur && sameName(c.subject, cur.issuer) && signedBy(cur, c.publicKey),
    );
    if (!next) return { ...VERIFY_ERRORS.unableToGetIssuerLocally, depth: path.length - 1 };
    path.push(next);
    cur = next;
  }
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const c = path[depth] as Certificate;
    if (now < c.notBefore) return { ...VERIFY_ERRORS.notYetValid, depth, path };
    if (now > c.notAfter) return { ...VERIFY_ERRORS.expired, depth, path };
  }
  return { ...VERIFY_ERRORS.ok, depth: 0, path };
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** RFC 6125 matching as curl's Curl_cert_hostcheck does it: case-insensitive, one leading `*.` label. */
export function hostnameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, "");
  const h = host.toLowerCase().replace(/\.$/, "");
  if (p === h) return true;
  if (!p.startsWith("*.") || p.split(".").length < 3) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot) === p.slice(1);
}

/** How the host name matched the certificate (curl's verbose lines), or why not (its errors). */
export type HostCheck = { ok: true; line: string } | { ok: false; error: string };

/** curl's ossl_verifyhost: SANs of the host's type when there are any, else the subject's CN. */
export function checkHost(leaf: Certificate, host: string): HostCheck {
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
  const dns = leaf.extensions.dnsNames ?? [];
  const ips = leaf.extensions.ipAddresses ?? [];
  if (dns.length || ips.length) {
    const match = isIp ? ips.find((ip) => ip === host) : dns.find((d) => hostnameMatches(d, host));
    if (match !== undefined)
      return { ok: true, line: ` subjectAltName: host "${host}" matched cert's "${match}"` };
    return {
      ok: false,
      error: `SSL: no alternative certificate subject name matches target host name '${host}'`,
    };
  }
  const cn = commonName(leaf.subject);
  if (cn && !isIp && hostnameMatches(cn, host)) return { ok: true, line: ` common name: ${cn} (matched)` };
  if (!cn) return { ok: false, error: "SSL: unable to obtain common name from peer certificate" };
  return {
    ok: false,
    error: `SSL: certificate subject name '${cn}' does not match target host name '${host}'`,
  };
}
