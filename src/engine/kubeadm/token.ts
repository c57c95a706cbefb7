/**
 * `kubeadm token create|list|delete` (cmd/kubeadm/app/cmd/token.go): bootstrap tokens are Secrets
 * `bootstrap-token-<id>` of type bootstrap.kubernetes.io/token in kube-system, expiring on the
 * virtual clock; `--print-join-command` prints `kubeadm join` with the CA's public key pin
 * (`sha256:` of the cluster CA certificate's SubjectPublicKeyInfo, pubkeypin.Hash).
 */

import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { decodePem } from "../pki/pem";
import { parseCertificate, spki } from "../pki/x509";
import { decodeBase64, encodeBase64 } from "../sh/applets/codec";
import { sha256 } from "../sh/applets/digest";
import {
  ADMIN_CONF,
  fail,
  type KubeadmEnv,
  type KubeadmResult,
  kubeadmTable,
  noAdminConf,
  shortHumanDuration,
} from "./common";

/** The Secret type of bootstrap tokens. */
export const SecretTypeBootstrapToken = "bootstrap.kubernetes.io/token";
/** The group kubeadm gives the tokens it creates (auth-extra-groups). */
export const DefaultTokenGroup = "system:bootstrappers:kubeadm:default-node-token";
/** kubeadm's default token TTL (24h). */
export const DEFAULT_TOKEN_TTL_SECONDS = 24 * 3600;
/** A bootstrap token: 6 and 16 characters of [a-z0-9] (bootstraputil.BootstrapTokenRegexp). */
export const BootstrapTokenRegexp = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const TOKEN_ID = /^([a-z0-9]{6})$/;
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
/** The cluster CA kubeadm pins. */
export const CA_CERT = "/etc/kubernetes/pki/ca.crt";

const b64 = (s: string) => encodeBase64(new TextEncoder().encode(s));
const unb64 = (s: string | undefined) => new TextDecoder().decode(decodeBase64(s ?? "") ?? new Uint8Array());

/** The CA public key pin of a PEM certificate (`sha256:<hex>`), or undefined when it does not parse. */
export function caCertHash(pem: string): string | undefined {
  const block = decodePem(pem);
  if (block?.type !== "CERTIFICATE") return undefined;
  try {
    return `sha256:${sha256(spki(parseCertificate(block.der).publicKey))}`;
  } catch {
    return undefined;
  }
}

/** The API server endpoint of admin.conf's cluster (`controlplane:6443`). */
function controlPlaneHostPort(env: KubeadmEnv): string {
  const server = /server:\s*(\S+)/.exec(env.fs.read(ADMIN_CONF))?.[1] ?? "";
  return server.replace(/^https?:\/\//, "");
}

/** Parses a Go duration to seconds; undefined when it is not one. */
function goDuration(text: string): number | undefined {
  if (/^0+$/.test(text)) return 0;
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    consumed += m[0].length;
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3600 : m[2] === "m" ? n * 60 : m[2] === "s" ? n : n / 1000;
  }
  return consumed === text.length && text ? total : undefined;
}

/** Options of `kubeadm token create`. */
export interface TokenCreateOptions {
  token?: string;
  ttl?: string;
  description?: string;
  printJoinCommand: boolean;
}

/** `kubeadm token create [TOKEN]`. */
export function runTokenCreate(env: KubeadmEnv, o: TokenCreateOptions): KubeadmResult {
  if (!env.fs.isFile(ADMIN_CONF)) return fail("", noAdminConf());
  const rng = env.cluster.rng;
  const token = o.token ?? `${rng.chars(6, ALPHABET)}.${rng.chars(16, ALPHABET)}`;
  const m = BootstrapTokenRegexp.exec(token);
  if (!m)
    return fail("", `the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  const ttl = o.ttl === undefined ? DEFAULT_TOKEN_TTL_SECONDS : goDuration(o.ttl);
  if (ttl === undefined)
    return {
      stdout: "",
      stderr: `invalid argument "${o.ttl}" for "--ttl" flag: time: invalid duration "${o.ttl}"\n`,
      exit: 1,
    };
  const data: Record<string, string> = {
    "token-id": b64(m[1] as string),
    "token-secret": b64(m[2] as string),
    "usage-bootstrap-authentication": b64("true"),
    "usage-bootstrap-signing": b64("true"),
    "auth-extra-groups": b64(DefaultTokenGroup),
  };
  if (o.description) data.description = b64(o.description);
  if (ttl > 0)
    data.expiration = b64(
      new Date(env.cluster.clock.now() + ttl * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    );
  const secret: KubeObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${m[1]}`, namespace: "kube-system" },
    type: SecretTypeBootstrapToken,
    data,
  };
  try {
    env.cluster.api.create(secret);
  } catch (e) {
    if (e instanceof ApiError && e.reason === "AlreadyExists")
      return fail(
        "",
        `failed to create or update bootstrap token with name bootstrap-token-${m[1]}: secrets "bootstrap-token-${m[1]}" already exists`,
      );
    return fail(
      "",
      `failed to create or update bootstrap token with name bootstrap-token-${m[1]}: ${(e as Error).message}`,
    );
  }
  if (!o.printJoinCommand) return { stdout: `${token}\n`, stderr: "", exit: 0 };
  const hash = env.fs.isFile(CA_CERT) ? caCertHash(env.fs.read(CA_CERT)) : undefined;
  if (!hash)
    return fail(
      "",
      `failed to load CA certificate referenced by kubeconfig: open ${CA_CERT}: no such file or directory`,
    );
  return {
    stdout: `kubeadm join ${controlPlaneHostPort(env)} --token ${token} --discovery-token-ca-cert-hash ${hash} \n`,
    stderr: "",
    exit: 0,
  };
}

/** A bootstrap token as its Secret holds it. */
interface TokenInfo {
  id: string;
  expires?: number;
  usages: string[];
  description: string;
  groups: string[];
}

function tokenOf(secret: KubeObject): TokenInfo | undefined {
  const data = (secret as { data?: Record<string, string> }).data ?? {};
  const id = unb64(data["token-id"]);
  const secretPart = unb64(data["token-secret"]);
  if (!id || !secretPart) return undefined;
  const exp = data.expiration ? Date.parse(unb64(data.expiration)) : undefined;
  const usages = Object.keys(data)
    .filter((k) => k.startsWith("usage-bootstrap-") && unb64(data[k]) === "true")
    .map((k) => k.slice("usage-bootstrap-".length))
    .sort();
  return {
    id: `${id}.${secretPart}`,
    expires: exp,
    usages,
    description: unb64(data.description),
    groups: unb64(data["auth-extra-groups"]).split(",").filter(Boolean),
  };
}

/** `kubeadm token list`: the table, printed with its header once there is a token. */
export function runTokenList(env: KubeadmEnv): KubeadmResult {
  if (!env.fs.isFile(ADMIN_CONF)) return fail("", noAdminConf());
  const now = env.cluster.clock.now();
  const rows: string[][] = [];
  for (const s of env.cluster.api.list("Secret", { namespace: "kube-system" })) {
    if ((s as { type?: string }).type !== SecretTypeBootstrapToken) continue;
    const t = tokenOf(s);
    if (!t) continue;
    const none = (x: string) => x || "<none>";
    rows.push([
      t.id,
      t.expires === undefined ? "<forever>" : shortHumanDuration(t.expires - now),
      t.expires === undefined ? "<never>" : new Date(t.expires).toISOString().replace(/\.\d{3}Z$/, "Z"),
      none(t.usages.join(",")),
      none(t.description),
      none(t.groups.join(",")),
    ]);
  }
  if (rows.length === 0) return { stdout: "", stderr: "", exit: 0 };
  return {
    stdout: kubeadmTable([["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"], ...rows]),
    stderr: "",
    exit: 0,
  };
}

/** `kubeadm token delete TOKEN...` (a token or its id). */
export function runTokenDelete(env: KubeadmEnv, tokens: string[]): KubeadmResult {
  if (!env.fs.isFile(ADMIN_CONF)) return fail("", noAdminConf());
  if (tokens.length === 0)
    return fail(
      "",
      'missing subcommand; \'token delete\' is missing token of form "[a-z0-9]{6}" or "[a-z0-9]{6}\\.[a-z0-9]{16}"',
    );
  let stdout = "";
  for (const t of tokens) {
    const id = BootstrapTokenRegexp.exec(t)?.[1] ?? TOKEN_ID.exec(t)?.[1];
    if (!id)
      return fail(
        stdout,
        `given token didn't match pattern "^(?P<token_id>[a-z0-9]{6})$" or "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`,
      );
    const name = `bootstrap-token-${id}`;
    if (!env.cluster.api.get("Secret", "kube-system", name))
      return fail(stdout, `failed to delete bootstrap token "${id}": secrets "${name}" not found`);
    env.cluster.api.delete("Secret", "kube-system", name);
    stdout += `bootstrap token "${id}" deleted\n`;
  }
  return { stdout, stderr: "", exit: 0 };
}
