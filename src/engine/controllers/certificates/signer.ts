/**
 * kube-controller-manager's csrsigning controller (pkg/controller/certificates/signer/signer.go)
 * for the kubernetes.io signers kubeadm configures with the cluster CA: an Approved, not Failed
 * request without a certificate is checked against its signer's rules and signed (subject and
 * SANs from the request, usages from the spec, five minutes backdated, the requested duration
 * capped at --cluster-signing-duration); one that breaks the rules gets a Failed condition. And
 * the csrcleaner (pkg/controller/certificates/cleaner/cleaner.go): finished requests go after an
 * hour, pending ones after a day, and any whose certificate has expired.
 */
import { ApiError } from "../../api/errors";
import { clone, type KubeObject } from "../../api/types";
import {
  KubeAPIServerClientKubeletSignerName,
  KubeAPIServerClientSignerName,
  KubeletServingSignerName,
  requestBytes,
} from "../../apiserver/certificates";
import type { Cluster } from "../../cluster";
import { BACKDATE_MS, clusterPki, randomSerial } from "../../pki/cluster";
import { decodePem, encodePem } from "../../pki/pem";
import {
  type CertificateRequest,
  commonName,
  createCertificate,
  goNameOrder,
  nameValues,
  parseCertificate,
  parseRequest,
} from "../../pki/x509";
import { decodeBase64, encodeBase64 } from "../../sh/applets/codec";
import { Controller } from "../lib/queue";

// biome-ignore lint/suspicious/noExplicitAny: CSRs are open JSON here
type Json = any;

/** The controllers' names. */
export const CSRSigningController = "csrsigning";
export const CSRCleanerController = "csrcleaner";

/** --cluster-signing-duration's default (8760h). */
export const ClusterSigningDurationMs = 365 * 86_400_000;
/** PermissiveSigningPolicy.Short: below it NotAfter is not backdated. */
const SHORT_MS = 8 * 3_600_000;

/** The Failed condition's reason when a request breaks its signer's rules. */
export const SignerValidationFailure = "SignerValidationFailure";

/** The cleaner's deadlines (cleaner.go). */
export const ApprovedExpirationMs = 3_600_000;
export const DeniedExpirationMs = 3_600_000;
export const PendingExpirationMs = 24 * 3_600_000;

/** x509 key usages by the API's names (authority/policies.go keyUsageDict), as RFC 5280 bit indexes. */
const KEY_USAGE: Record<string, number> = {
  signing: 0,
  "digital signature": 0,
  "content commitment": 1,
  "key encipherment": 2,
  "key agreement": 4,
  "data encipherment": 3,
  "cert sign": 5,
  "crl sign": 6,
  "encipher only": 7,
  "decipher only": 8,
};
/** Extended key usages (extKeyUsageDict), in Go's ExtKeyUsage order. */
const EXT_KEY_USAGE: [string, string][] = [
  ["any", "2.5.29.37.0"],
  ["server auth", "1.3.6.1.5.5.7.3.1"],
  ["client auth", "1.3.6.1.5.5.7.3.2"],
  ["code signing", "1.3.6.1.5.5.7.3.3"],
  ["email protection", "1.3.6.1.5.5.7.3.4"],
  ["s/mime", "1.3.6.1.5.5.7.3.4"],
  ["timestamping", "1.3.6.1.5.5.7.3.8"],
  ["ocsp signing", "1.3.6.1.5.5.7.3.9"],
];

const sameSet = (a: string[], b: string[]) => new Set(a).size === b.length && b.every((x) => a.includes(x));

/** validAPIServerClientUsages (signer.go). */
export function validateAPIServerClientUsages(usages: string[]): string | undefined {
  let hasClientAuth = false;
  for (const u of usages) {
    if (u === "digital signature" || u === "key encipherment") continue;
    if (u === "client auth") hasClientAuth = true;
    else return `invalid usage for client certificate: ${u}`;
  }
  return hasClientAuth ? undefined : "missing required usage for client certificate: client auth";
}

function validateNodeIdentity(req: CertificateRequest): string | undefined {
  const orgs = nameValues(req.subject, "O");
  if (orgs.length !== 1 || orgs[0] !== "system:nodes") return "subject organization is not system:nodes";
  if (!commonName(req.subject).startsWith("system:node:"))
    return "subject common name does not begin with system:node:";
  return undefined;
}

/** The signer's rules for a request (isRequestForSignerFn): an error text, or undefined when it may be signed. */
export function signerRules(
  signerName: string,
  req: CertificateRequest,
  usages: string[],
): string | undefined {
  const sans = (req.extensions.dnsNames?.length ?? 0) + (req.extensions.ipAddresses?.length ?? 0);
  switch (signerName) {
    case KubeAPIServerClientSignerName:
      return validateAPIServerClientUsages(usages);
    case KubeAPIServerClientKubeletSignerName: {
      const org = validateNodeIdentity(req);
      if (org?.startsWith("subject organization")) return org;
      if (req.extensions.dnsNames?.length) return "DNS subjectAltNames are not allowed";
      if (req.extensions.ipAddresses?.length) return "IP subjectAltNames are not allowed";
      if (org) return org;
      if (
        !sameSet(usages, ["client auth", "digital signature", "key encipherment"]) &&
        !sameSet(usages, ["client auth", "digital signature"])
      )
        return "usages did not match [client auth digital signature key encipherment]";
      return undefined;
    }
    case KubeletServingSignerName: {
      const org = validateNodeIdentity(req);
      if (org?.startsWith("subject organization")) return org;
      if (sans === 0) return "DNS or IP subjectAltName is required";
      if (org) return org;
      if (
        !sameSet(usages, ["digital signature", "key encipherment", "server auth"]) &&
        !sameSet(usages, ["digital signature", "server auth"])
      )
        return "usages did not match [digital signature key encipherment server auth]";
      return undefined;
    }
    default:
      return "unsupported signer";
  }
}

const SIGNERS = new Set([
  KubeAPIServerClientSignerName,
  KubeAPIServerClientKubeletSignerName,
  KubeletServingSignerName,
]);

const hasCondition = (csr: Json, type: string) =>
  (csr.status?.conditions ?? []).some((c: Json) => c?.type === type && c.status === "True");

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The PEM certificate the cluster CA issues for req (signer.sign with PermissiveSigningPolicy). */
export function signRequest(
  cluster: Cluster,
  req: CertificateRequest,
  usages: string[],
  expirationSeconds?: number,
): string {
  const pki = clusterPki(cluster);
  const now = cluster.clock.now();
  const ttl =
    typeof expirationSeconds === "number"
      ? Math.min(expirationSeconds * 1000, ClusterSigningDurationMs)
      : ClusterSigningDurationMs;
  const notBefore = Math.floor((now - BACKDATE_MS) / 1000) * 1000;
  let notAfter = ttl < SHORT_MS ? Math.floor(now / 1000) * 1000 + ttl : notBefore + ttl;
  if (notAfter > pki.ca.cert.notAfter) notAfter = pki.ca.cert.notAfter;
  const keyUsage = [
    ...new Set(usages.map((u) => KEY_USAGE[u]).filter((b): b is number => b !== undefined)),
  ].sort((a, b) => a - b);
  const extKeyUsage = [...new Set(EXT_KEY_USAGE.filter(([u]) => usages.includes(u)).map(([, o]) => o))];
  // A 128-bit serial, as signer.go draws it.
  const serial = (randomSerial(cluster.rng) << 64n) | randomSerial(cluster.rng);
  const der = createCertificate(
    {
      serial,
      subject: goNameOrder(req.subject),
      notBefore,
      notAfter,
      extensions: {
        keyUsage,
        extKeyUsage,
        isCA: false,
        authorityKeyId: pki.ca.cert.extensions.subjectKeyId,
        dnsNames: req.extensions.dnsNames,
        ipAddresses: req.extensions.ipAddresses,
      },
    },
    req.publicKey,
    pki.ca.name,
    pki.ca.key,
  );
  return encodePem("CERTIFICATE", der);
}

function parseStoredRequest(csr: Json): CertificateRequest | undefined {
  const bytes = requestBytes(csr);
  const block = bytes ? decodePem(new TextDecoder().decode(bytes)) : undefined;
  if (!block) return undefined;
  try {
    return parseRequest(block.der);
  } catch {
    return undefined;
  }
}

function syncSigner(cluster: Cluster, name: string): void {
  const stored = cluster.api.get("CertificateSigningRequest", undefined, name) as Json;
  if (!stored || !hasCondition(stored, "Approved") || hasCondition(stored, "Failed")) return;
  if (!SIGNERS.has(stored.spec?.signerName) || stored.status?.certificate) return;
  const req = parseStoredRequest(stored);
  if (!req) return;
  const csr = clone(stored) as Json;
  csr.status = csr.status ?? {};
  const usages: string[] = csr.spec.usages ?? [];
  const problem = signerRules(csr.spec.signerName, req, usages);
  if (problem) {
    csr.status.conditions = [
      ...(csr.status.conditions ?? []),
      {
        type: "Failed",
        status: "True",
        reason: SignerValidationFailure,
        message: problem,
        lastUpdateTime: rfc3339(cluster.clock.now()),
      },
    ];
  } else
    csr.status.certificate = encodeBase64(
      new TextEncoder().encode(signRequest(cluster, req, usages, csr.spec.expirationSeconds)),
    );
  try {
    cluster.api.updateStatus(csr);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

function conditionTime(csr: Json, type: string): number | undefined {
  const c = (csr.status?.conditions ?? []).find((x: Json) => x?.type === type);
  return c?.lastUpdateTime ? Date.parse(c.lastUpdateTime) : undefined;
}

/** When the cleaner deletes csr (cleaner.go's four rules), or undefined for never. */
export function cleanupDeadline(csr: Json): number | undefined {
  const deadlines: number[] = [];
  const created = Date.parse(csr.metadata?.creationTimestamp ?? "");
  const approved = conditionTime(csr, "Approved");
  const denied = conditionTime(csr, "Denied");
  const failed = conditionTime(csr, "Failed");
  if (approved === undefined && denied === undefined && failed === undefined && !Number.isNaN(created))
    deadlines.push(created + PendingExpirationMs);
  if (denied !== undefined) deadlines.push(denied + DeniedExpirationMs);
  if (failed !== undefined) deadlines.push(failed + DeniedExpirationMs);
  if (approved !== undefined && csr.status?.certificate) deadlines.push(approved + ApprovedExpirationMs);
  const pem = csr.status?.certificate
    ? new TextDecoder().decode(decodeBase64(csr.status.certificate) ?? new Uint8Array())
    : "";
  const block = pem ? decodePem(pem) : undefined;
  if (block)
    try {
      deadlines.push(parseCertificate(block.der).notAfter);
    } catch {
      // Not a certificate: no expiry rule.
    }
  return deadlines.length ? Math.min(...deadlines) : undefined;
}

function syncCleaner(cluster: Cluster, c: Controller, name: string): void {
  const csr = cluster.api.get("CertificateSigningRequest", undefined, name) as KubeObject | undefined;
  if (!csr) return;
  const deadline = cleanupDeadline(csr);
  if (deadline === undefined) return;
  const now = cluster.clock.now();
  if (deadline > now) {
    c.enqueueAfter(name, (deadline - now) / 1000 + 0.001);
    return;
  }
  try {
    cluster.api.delete("CertificateSigningRequest", undefined, name);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

/** Starts the signer and the cleaner. Keys: the CSR's name. */
export function installCertificateControllers(cluster: Cluster): void {
  const signer: Controller = new Controller(CSRSigningController, cluster, (key) => syncSigner(cluster, key));
  const cleaner: Controller = new Controller(CSRCleanerController, cluster, (key) =>
    syncCleaner(cluster, cleaner, key),
  );
  cluster.api.watch("CertificateSigningRequest", (e) => {
    if (e.type === "DELETED") return;
    const name = e.object.metadata.name as string;
    signer.enqueue(name);
    cleaner.enqueue(name);
  });
  cluster.addComponent(signer);
  cluster.addComponent(cleaner);
}
