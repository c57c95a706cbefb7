/**
 * `kubeadm certs check-expiration` and `kubeadm certs renew <name|all>` (cmd/kubeadm/app/cmd/
 * certs.go, phases/certs/renewal): the certificates of /etc/kubernetes/pki and the client
 * certificates embedded in the kubeconfigs of /etc/kubernetes, read from the node's files; a
 * renewal issues a new key and certificate from the local CA, valid one year from now.
 */
import { BACKDATE_MS, LEAF_VALIDITY_MS, randomSerial } from "../pki/cluster";
import { decodePem, encodePem } from "../pki/pem";
import {
  type Certificate,
  createCertificate,
  generateKey,
  type PrivateKey,
  parseCertificate,
  parsePrivateKey,
  pkcs1,
} from "../pki/x509";
import { decodeBase64, encodeBase64 } from "../sh/applets/codec";
import {
  fail,
  type KubeadmEnv,
  type KubeadmResult,
  kubeadmTable,
  readingConfig,
  shortHumanDuration,
} from "./common";

const PKI = "/etc/kubernetes/pki";

/** One certificate kubeadm manages: where it lives, its CA, and how renew names it. */
export interface CertificateHandler {
  name: string;
  longName: string;
  caName: "ca" | "etcd-ca" | "front-proxy-ca";
  /** The .crt path (its .key beside it), or the kubeconfig path holding it. */
  path: string;
  kubeconfig: boolean;
}

/** The certificates of a kubeadm control-plane node, in the order renewal.Manager lists them. */
export const CERTIFICATES: readonly CertificateHandler[] = [
  kc("admin.conf", "certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself"),
  crt("apiserver", "certificate for serving the Kubernetes API", "ca", "apiserver"),
  crt(
    "apiserver-etcd-client",
    "certificate the apiserver uses to access etcd",
    "etcd-ca",
    "apiserver-etcd-client",
  ),
  crt(
    "apiserver-kubelet-client",
    "certificate for the API server to connect to kubelet",
    "ca",
    "apiserver-kubelet-client",
  ),
  kc(
    "controller-manager.conf",
    "certificate embedded in the kubeconfig file for the controller manager to use",
  ),
  crt(
    "etcd-healthcheck-client",
    "certificate for liveness probes to healthcheck etcd",
    "etcd-ca",
    "etcd/healthcheck-client",
  ),
  crt("etcd-peer", "certificate for etcd nodes to communicate with each other", "etcd-ca", "etcd/peer"),
  crt("etcd-server", "certificate for serving etcd", "etcd-ca", "etcd/server"),
  crt("front-proxy-client", "certificate for the front proxy client", "front-proxy-ca", "front-proxy-client"),
  kc("scheduler.conf", "certificate embedded in the kubeconfig file for the scheduler manager to use"),
  kc("super-admin.conf", "certificate embedded in the kubeconfig file for the super-admin"),
];

function crt(
  name: string,
  longName: string,
  caName: CertificateHandler["caName"],
  base: string,
): CertificateHandler {
  return { name, longName, caName, path: `${PKI}/${base}.crt`, kubeconfig: false };
}
function kc(name: string, longName: string): CertificateHandler {
  return { name, longName, caName: "ca", path: `/etc/kubernetes/${name}`, kubeconfig: true };
}

/** The CAs, with their files. */
export const AUTHORITIES = [
  { name: "ca", base: "ca" },
  { name: "etcd-ca", base: "etcd/ca" },
  { name: "front-proxy-ca", base: "front-proxy-ca" },
] as const;

/** The message `certs renew all` ends with. */
export const RESTART_COMPONENTS =
  "\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n";

const b64 = (s: string) => encodeBase64(new TextEncoder().encode(s));
const unb64 = (s: string) => new TextDecoder().decode(decodeBase64(s) ?? new Uint8Array());

function parsePemCert(text: string): Certificate | undefined {
  const block = decodePem(text);
  if (block?.type !== "CERTIFICATE") return undefined;
  try {
    return parseCertificate(block.der);
  } catch {
    return undefined;
  }
}

/** The certificate a handler's file holds, if it exists and parses. */
export function readHandlerCert(env: KubeadmEnv, h: CertificateHandler): Certificate | undefined {
  if (!env.fs.isFile(h.path)) return undefined;
  const text = env.fs.read(h.path);
  if (!h.kubeconfig) return parsePemCert(text);
  const data = /client-certificate-data:\s*(\S+)/.exec(text)?.[1];
  return data ? parsePemCert(unb64(data)) : undefined;
}

/** Go's time.Format("Jan 02, 2006 15:04 MST") in UTC. */
function expiresText(ms: number): string {
  const d = new Date(ms).toISOString();
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${months[Number(d.slice(5, 7)) - 1]} ${d.slice(8, 10)}, ${d.slice(0, 4)} ${d.slice(11, 16)} UTC`;
}

/** `kubeadm certs check-expiration`. */
export function runCheckExpiration(env: KubeadmEnv): KubeadmResult {
  const now = env.cluster.clock.now();
  const rows: string[][] = [
    ["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY", "EXTERNALLY MANAGED"],
  ];
  for (const h of CERTIFICATES) {
    const cert = readHandlerCert(env, h);
    if (!cert) rows.push([`!MISSING! ${h.name}`, "", "", "", ""]);
    else
      rows.push([
        h.name,
        expiresText(cert.notAfter),
        shortHumanDuration(cert.notAfter - now),
        h.caName,
        "no".padEnd(8),
      ]);
  }
  const cas: string[][] = [["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"]];
  for (const a of AUTHORITIES) {
    const path = `${PKI}/${a.base}.crt`;
    const cert = env.fs.isFile(path) ? parsePemCert(env.fs.read(path)) : undefined;
    if (!cert) cas.push([`!MISSING! ${a.name}`, "", "", ""]);
    else
      cas.push([a.name, expiresText(cert.notAfter), shortHumanDuration(cert.notAfter - now), "no".padEnd(8)]);
  }
  // One tabwriter: the empty line between the tables ends the first column block.
  return {
    stdout: `${readingConfig("check-expiration")}\n${kubeadmTable(rows)}\n${kubeadmTable(cas)}`,
    stderr: "",
    exit: 0,
  };
}

/** Renews one certificate from its local CA; returns the line renew prints, or an error. */
export function renewCertificate(
  env: KubeadmEnv,
  h: CertificateHandler,
): { line: string } | { error: string } {
  const old = readHandlerCert(env, h);
  if (!old) return { line: `MISSING! ${h.longName}\n` };
  const base = AUTHORITIES.find((a) => a.name === h.caName)?.base as string;
  const caCertPath = `${PKI}/${base}.crt`;
  const caKeyPath = `${PKI}/${base}.key`;
  const caCert = env.fs.isFile(caCertPath) ? parsePemCert(env.fs.read(caCertPath)) : undefined;
  if (!caCert)
    return {
      error: `failed to load existing certificate ${h.caName}: open ${caCertPath}: no such file or directory`,
    };
  if (!env.fs.isFile(caKeyPath))
    return { line: `Detected external ${h.caName}, ${h.longName} can't be renewed\n` };
  let caKey: PrivateKey;
  try {
    caKey = parsePrivateKey(decodePem(env.fs.read(caKeyPath))?.der ?? new Uint8Array());
  } catch {
    return {
      error: `failed to load existing certificate ${h.caName}: couldn't load the private key file ${caKeyPath}`,
    };
  }
  const now = env.cluster.clock.now();
  const rng = env.cluster.rng;
  const key = generateKey(rng);
  const der = createCertificate(
    {
      serial: randomSerial(rng),
      subject: old.subject,
      notBefore: now - BACKDATE_MS,
      notAfter: Math.min(now + LEAF_VALIDITY_MS, caCert.notAfter),
      extensions: {
        ...old.extensions,
        subjectKeyId: undefined,
        authorityKeyId: caCert.extensions.subjectKeyId,
      },
    },
    key,
    caCert.subject,
    caKey,
  );
  const certPem = encodePem("CERTIFICATE", der);
  const keyPem = encodePem("RSA PRIVATE KEY", pkcs1(key));
  if (h.kubeconfig) {
    const text = env.fs
      .read(h.path)
      .replace(/client-certificate-data:\s*\S+/, `client-certificate-data: ${b64(certPem)}`)
      .replace(/client-key-data:\s*\S+/, `client-key-data: ${b64(keyPem)}`);
    env.fs.write(h.path, text);
  } else {
    env.fs.write(h.path, certPem);
    env.fs.write(h.path.replace(/\.crt$/, ".key"), keyPem);
  }
  return { line: `${h.longName} renewed\n` };
}

/** `kubeadm certs renew NAME` or `all`. */
export function runRenew(env: KubeadmEnv, name: string | undefined): KubeadmResult {
  const names = CERTIFICATES.map((h) => h.name);
  if (!name || (name !== "all" && !names.includes(name)))
    return {
      stdout: "",
      stderr: name
        ? `error: unknown command "${name}" for "kubeadm certs renew"\nRun 'kubeadm certs renew --help' for usage.\n`
        : "",
      exit: name ? 1 : 0,
    };
  let stdout = `${readingConfig("renew")}\n`;
  for (const h of CERTIFICATES) {
    if (name !== "all" && h.name !== name) continue;
    const r = renewCertificate(env, h);
    if ("error" in r) return fail(stdout, r.error);
    stdout += r.line;
  }
  if (name === "all") stdout += RESTART_COMPONENTS;
  return { stdout, stderr: "", exit: 0 };
}
