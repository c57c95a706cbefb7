/**
 * The cluster's PKI as kubeadm makes it (cmd/kubeadm/app/phases/certs): the cluster CA
 * (`CN = kubernetes`, ten years), the leaf certificates of /etc/kubernetes/pki (one year from the
 * cluster's creation), the admin client certificate (`O = kubeadm:cluster-admins, CN =
 * kubernetes-admin`), and what the API server's x509 authenticator and the controller manager's
 * signer do with them. Keys come from an Rng seeded by the cluster's creation instant, so the same
 * cluster has the same PKI wherever it is derived (node files, the workstation's kubeconfig).
 */
import { Rng } from "../clock/random";
import type { Cluster } from "../cluster";
import { decodePem, encodePem } from "./pem";
import {
  type Certificate,
  commonName,
  createCertificate,
  generateKey,
  keyIdentifier,
  type Name,
  nameValues,
  type PrivateKey,
  type PublicKey,
  parseCertificate,
  parsePrivateKey,
  pkcs1,
  signedBy,
  spki as spkiOf,
} from "./x509";

const DAY = 86_400_000;
/** kubeadm's CertificateValidityPeriod (one year) and CACertificateValidityPeriod (ten years). */
export const LEAF_VALIDITY_MS = 365 * DAY;
/** Ten years, as kubeadm gives its CAs. */
export const CA_VALIDITY_MS = 3650 * DAY;
/** kubeadm backdates its certificates' NotBefore by five minutes (CertificateBackdate). */
export const BACKDATE_MS = 5 * 60_000;

/** RFC 5280 key usage bit indexes. */
export const KU = { digitalSignature: 0, keyEncipherment: 2, certSign: 5 } as const;
/** Extended key usage OIDs. */
export const EKU = { serverAuth: "1.3.6.1.5.5.7.3.1", clientAuth: "1.3.6.1.5.5.7.3.2" } as const;

/** A key and its certificate. */
export interface KeyPair {
  key: PrivateKey;
  der: Uint8Array;
  cert: Certificate;
}

/** A CA able to issue certificates (the cluster CA, front-proxy CA, etcd CA). */
export interface Authority extends KeyPair {
  name: Name;
}

/** The cluster's PKI. */
export interface ClusterPki {
  created: number;
  /** The derived CA's PEM (to tell it from a CA someone put in its place). */
  caText?: string;
  ca: Authority;
  frontProxyCa: Authority;
  etcdCa: Authority;
  rng: Rng;
}

/** When the cluster was made: kube-system's (else default's) creation, else the clock's now. */
export function clusterCreated(cluster: Cluster): number {
  for (const ns of ["kube-system", "default"]) {
    const ts = cluster.api.get("Namespace", undefined, ns)?.metadata.creationTimestamp;
    if (typeof ts === "string") return Date.parse(ts);
  }
  return cluster.clock.now();
}

/** A serial as Go's crypto/rand draws kubeadm's: below 2^63 - 1. */
export function randomSerial(rng: Rng): bigint {
  let v = 0n;
  for (let i = 0; i < 4; i++) v = (v << 16n) | BigInt(rng.int(65536));
  return v & ((1n << 63n) - 1n);
}

function selfSignedCa(rng: Rng, cn: string, created: number): Authority {
  const key = generateKey(rng);
  const name: Name = [{ type: "CN", value: cn }];
  const notBefore = created - BACKDATE_MS;
  const der = createCertificate(
    {
      serial: randomSerial(rng),
      subject: name,
      notBefore,
      notAfter: notBefore + CA_VALIDITY_MS,
      extensions: {
        keyUsage: [KU.digitalSignature, KU.keyEncipherment, KU.certSign],
        isCA: true,
        subjectKeyId: keyIdentifier(key),
        dnsNames: [cn],
      },
    },
    key,
    name,
    key,
  );
  return { key, der, cert: parseCertificate(der), name };
}

const derived = new Map<number, ClusterPki>();

/** The PKI kubeadm would make for a cluster created at created (derived once per instant). */
export function derivedPki(created: number): ClusterPki {
  let pki = derived.get(created);
  if (!pki) {
    const rng = new Rng((Math.floor(created / 1000) ^ 0x6b756265) >>> 0);
    pki = {
      created,
      rng,
      ca: selfSignedCa(rng, "kubernetes", created),
      frontProxyCa: selfSignedCa(rng, "front-proxy-ca", created),
      etcdCa: selfSignedCa(rng, "etcd-ca", created),
    };
    pki.caText = encodePem("CERTIFICATE", pki.ca.der);
    derived.set(created, pki);
  }
  return pki;
}

/** The cluster CA's files on a control-plane node (--client-ca-file, --cluster-signing-*-file). */
export const CA_CERT_PATH = "/etc/kubernetes/pki/ca.crt";
export const CA_KEY_PATH = "/etc/kubernetes/pki/ca.key";

/** The CA in ca.crt and ca.key, when both parse and match. */
function authorityFromFiles(cert: string, key: string): Authority | undefined {
  const c = decodePem(cert);
  const k = decodePem(key);
  if (c?.type !== "CERTIFICATE" || !k?.type.endsWith("PRIVATE KEY")) return undefined;
  try {
    const parsed = parseCertificate(c.der);
    const priv = parsePrivateKey(k.der);
    if (priv.n !== parsed.publicKey.n) return undefined;
    return { key: priv, der: c.der, cert: parsed, name: parsed.subject };
  } catch {
    return undefined;
  }
}

/**
 * The cluster's PKI: the CA the control-plane node's /etc/kubernetes/pki holds (what the API
 * server trusts and the controller manager signs with), else the one kubeadm would have made
 * when the cluster was created.
 */
export function clusterPki(cluster: Cluster): ClusterPki {
  const base = derivedPki(clusterCreated(cluster));
  const nodes = cluster.api.list("Node");
  const cp =
    nodes.find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) ?? nodes[0];
  const fs = cp ? cluster.hosts.get(cp.metadata.name as string)?.fs : undefined;
  if (!fs?.isFile(CA_CERT_PATH) || !fs.isFile(CA_KEY_PATH)) return base;
  const cert = fs.read(CA_CERT_PATH);
  const key = fs.read(CA_KEY_PATH);
  if (cert === base.caText || !cert.includes("-----BEGIN")) return base;
  const ca = authorityFromFiles(cert, key);
  return ca ? { ...base, ca } : base;
}

/** What a leaf certificate kubeadm issues says. */
export interface LeafSpec {
  subject: Name;
  serverAuth?: boolean;
  clientAuth?: boolean;
  dnsNames?: string[];
  ipAddresses?: string[];
}

/** A kubeadm leaf (NewSignedCert): NotBefore the CA's, one year from the cluster's creation. */
export function issueLeaf(pki: ClusterPki, ca: Authority, spec: LeafSpec, rng: Rng = pki.rng): KeyPair {
  const key = generateKey(rng);
  const der = createCertificate(
    {
      serial: randomSerial(rng),
      subject: spec.subject,
      notBefore: ca.cert.notBefore,
      notAfter: pki.created + LEAF_VALIDITY_MS,
      extensions: {
        keyUsage: [KU.digitalSignature, KU.keyEncipherment],
        extKeyUsage: [
          ...(spec.serverAuth ? [EKU.serverAuth] : []),
          ...(spec.clientAuth ? [EKU.clientAuth] : []),
        ],
        isCA: false,
        authorityKeyId: ca.cert.extensions.subjectKeyId,
        dnsNames: spec.dnsNames,
        ipAddresses: spec.ipAddresses,
      },
    },
    key,
    ca.name,
    ca.key,
  );
  return { key, der, cert: parseCertificate(der) };
}

const cn = (value: string): Name => [{ type: "CN", value }];

/** The admin kubeconfig's client certificate and key (kubeadm's admin.conf) from pki's CA. */
export function adminCredentials(pki: ClusterPki): KeyPair {
  // A separate stream: the same admin credentials however many other certificates were drawn.
  const rng = new Rng((Math.floor(pki.created / 1000) ^ 0x61646d69) >>> 0);
  return issueLeaf(
    pki,
    pki.ca,
    {
      subject: [{ type: "O", value: "kubeadm:cluster-admins" }, ...cn("kubernetes-admin")],
      clientAuth: true,
    },
    rng,
  );
}

/** PEM of a certificate and of a key (PKCS#1, as kubeadm's keyutil writes it). */
export function pemPair(pair: KeyPair): { cert: string; key: string } {
  return { cert: encodePem("CERTIFICATE", pair.der), key: encodePem("RSA PRIVATE KEY", pkcs1(pair.key)) };
}

/**
 * The PKI files a node of a kubeadm cluster has: the cluster CA (the kubelet's clientCAFile), and
 * on a control-plane node all of /etc/kubernetes/pki.
 */
export function nodePkiFiles(
  pki: ClusterPki,
  nodeName: string,
  nodeIP: string,
  controlPlane: boolean,
): Record<string, string> {
  if (controlPlane) return controlPlanePkiFiles(pki, nodeName, nodeIP);
  return { [CA_CERT_PATH]: encodePem("CERTIFICATE", pki.ca.der) };
}

/** The files of /etc/kubernetes/pki on a kubeadm control-plane node, by path. */
export function controlPlanePkiFiles(
  pki: ClusterPki,
  nodeName: string,
  nodeIP: string,
): Record<string, string> {
  const rng = new Rng((Math.floor(pki.created / 1000) ^ 0x6c656166) >>> 0);
  const files: Record<string, string> = {};
  const put = (base: string, pair: KeyPair) => {
    const p = pemPair(pair);
    files[`/etc/kubernetes/pki/${base}.crt`] = p.cert;
    files[`/etc/kubernetes/pki/${base}.key`] = p.key;
  };
  put("ca", pki.ca);
  put("front-proxy-ca", pki.frontProxyCa);
  put("etcd/ca", pki.etcdCa);
  put(
    "apiserver",
    issueLeaf(
      pki,
      pki.ca,
      {
        subject: cn("kube-apiserver"),
        serverAuth: true,
        dnsNames: [
          nodeName,
          "kubernetes",
          "kubernetes.default",
          "kubernetes.default.svc",
          "kubernetes.default.svc.cluster.local",
        ],
        ipAddresses: ["10.96.0.1", nodeIP],
      },
      rng,
    ),
  );
  put(
    "apiserver-kubelet-client",
    issueLeaf(
      pki,
      pki.ca,
      {
        subject: [{ type: "O", value: "kubeadm:cluster-admins" }, ...cn("kube-apiserver-kubelet-client")],
        clientAuth: true,
      },
      rng,
    ),
  );
  put(
    "front-proxy-client",
    issueLeaf(pki, pki.frontProxyCa, { subject: cn("front-proxy-client"), clientAuth: true }, rng),
  );
  put(
    "apiserver-etcd-client",
    issueLeaf(pki, pki.etcdCa, { subject: cn("kube-apiserver-etcd-client"), clientAuth: true }, rng),
  );
  const etcdNames = { dnsNames: [nodeName, "localhost"], ipAddresses: [nodeIP, "127.0.0.1"] };
  put(
    "etcd/server",
    issueLeaf(
      pki,
      pki.etcdCa,
      { subject: cn(nodeName), serverAuth: true, clientAuth: true, ...etcdNames },
      rng,
    ),
  );
  put(
    "etcd/peer",
    issueLeaf(
      pki,
      pki.etcdCa,
      { subject: cn(nodeName), serverAuth: true, clientAuth: true, ...etcdNames },
      rng,
    ),
  );
  put(
    "etcd/healthcheck-client",
    issueLeaf(pki, pki.etcdCa, { subject: cn("kube-etcd-healthcheck-client"), clientAuth: true }, rng),
  );
  const sa = generateKey(rng);
  files["/etc/kubernetes/pki/sa.key"] = encodePem("RSA PRIVATE KEY", pkcs1(sa));
  files["/etc/kubernetes/pki/sa.pub"] = encodePem("PUBLIC KEY", spkiOf(sa));
  return files;
}

/** The user an x509 client certificate authenticates (CN, O's as groups), as the API server's x509 authenticator. */
export interface CertificateUser {
  name: string;
  groups: string[];
}

/**
 * What the stand-in credentials of snapshots from before this PKI say: such a kubeconfig still
 * acts as the admin, as it did when it was written.
 */
export const LEGACY_CREDENTIALS = "Kubeglass simulated";

/** Why a client certificate does not authenticate. */
export const UNAUTHORIZED = "You must be logged in to the server (Unauthorized)";

/**
 * The user of a PEM client certificate verified against the cluster CA (x509.Verify with the
 * client-ca-file and the virtual clock), or undefined when it does not verify.
 */
export function authenticateCertificate(cluster: Cluster, pem: string): CertificateUser | undefined {
  const block = decodePem(pem);
  if (block?.type !== "CERTIFICATE") return undefined;
  let cert: Certificate;
  try {
    cert = parseCertificate(block.der);
  } catch {
    return undefined;
  }
  const ca = clusterPki(cluster).ca;
  const now = cluster.clock.now();
  if (!sameName(cert.issuer, ca.name) || !signedBy(cert, ca.key as PublicKey)) return undefined;
  if (now < cert.notBefore || now > cert.notAfter) return undefined;
  const name = commonName(cert.subject);
  if (!name) return undefined;
  return { name, groups: [...nameValues(cert.subject, "O"), "system:authenticated"] };
}

function sameName(a: Name, b: Name): boolean {
  return a.length === b.length && a.every((x, i) => x.type === b[i]?.type && x.value === b[i]?.value);
}
