/**
 * The certificates and keys kubeadm writes for etcd (kubeadm init's certs phase: etcd/ca,
 * etcd/server, etcd/peer, etcd/healthcheck-client, apiserver-etcd-client): PEM files whose
 * bodies are stand-ins of the right size, distinct per file and the same on every boot. Who
 * trusts what is decided by which file is presented (etcd/server.ts), not by their bytes.
 */
import { encodeBase64 } from "../sh/applets/codec";
import { sha256 } from "../sh/applets/digest";

/** DER bytes of a given length, derived from a name (a SHA-256 chain), starting as a SEQUENCE does. */
function derFor(name: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set([0x30, 0x82, (length - 4) >> 8, (length - 4) & 0xff]);
  let seed = name;
  for (let i = 4; i < length; ) {
    seed = sha256(new TextEncoder().encode(seed));
    for (let j = 0; j < seed.length && i < length; j += 2, i++)
      out[i] = Number.parseInt(seed.slice(j, j + 2), 16);
  }
  return out;
}

/** A PEM block of a label (`CERTIFICATE`, `RSA PRIVATE KEY`) with 64-column base64. */
function pem(label: string, der: Uint8Array): string {
  const b64 = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${b64.join("\n")}\n-----END ${label}-----\n`;
}

/** The etcd PKI files of a kubeadm control-plane node, by path. */
export function kubeadmEtcdPki(nodeName: string): Record<string, string> {
  const files: Record<string, string> = {};
  const pair = (path: string, certLength: number) => {
    files[`${path}.crt`] = pem("CERTIFICATE", derFor(`${nodeName}:${path}.crt`, certLength));
    files[`${path}.key`] = pem("RSA PRIVATE KEY", derFor(`${nodeName}:${path}.key`, 1191));
  };
  pair("/etc/kubernetes/pki/etcd/ca", 753);
  pair("/etc/kubernetes/pki/etcd/server", 826);
  pair("/etc/kubernetes/pki/etcd/peer", 826);
  pair("/etc/kubernetes/pki/etcd/healthcheck-client", 769);
  pair("/etc/kubernetes/pki/apiserver-etcd-client", 770);
  return files;
}

/** kubeadm's etcd manifest: a node that has one is a kubeadm control-plane node with the etcd PKI. */
export const ETCD_MANIFEST_PATH = "/etc/kubernetes/manifests/etcd.yaml";

/** Writes the etcd PKI files a kubeadm control-plane node lacks (existing files are kept). */
export function installEtcdPki(
  fs: {
    isFile(p: string): boolean;
    write(p: string, t: string): void;
    mkdir(p: string, parents?: boolean): void;
  },
  nodeName: string,
): void {
  fs.mkdir("/etc/kubernetes/pki/etcd", true);
  for (const [path, text] of Object.entries(kubeadmEtcdPki(nodeName)))
    if (!fs.isFile(path)) fs.write(path, text);
}

/** Whether a node's file is one installEtcdPki() writes, unchanged (a slim export leaves it out). */
export function isInstalledEtcdPki(nodeName: string, path: string, text: string): boolean {
  return kubeadmEtcdPki(nodeName)[path] === text;
}
