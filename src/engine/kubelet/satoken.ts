/**
 * The service account token the kubelet projects into `kube-api-access-*` volumes
 * (TokenRequest): a JWT shaped as a v1.32 API server signs it, with the bound pod, node and
 * ServiceAccount claims. Deterministic: its key id and signature are derived from the claims.
 */

import { decodeBase64 } from "../api/base64";
import type { Pod } from "../api/kinds";
import { encodeBase64 } from "./podsources";

/** The issuer and audience of a kubeadm cluster's tokens. */
export const TOKEN_ISSUER = "https://kubernetes.default.svc.cluster.local";

/** --service-account-extend-token-expiration: a kubelet's 3607 s token is valid a year, warned after 3607 s. */
const EXTENDED_EXPIRATION_S = 365 * 24 * 60 * 60;

/** The token for a pod's ServiceAccount issued at nowMs for expirationSeconds (default 3607). */
export function serviceAccountToken(
  pod: Pod,
  nowMs: number,
  opts: { expirationSeconds?: number; audience?: string; nodeUid?: string; saUid?: string } = {},
): string {
  const iat = Math.floor(nowMs / 1000);
  const requested = opts.expirationSeconds ?? 3607;
  const ns = pod.metadata.namespace ?? "default";
  const sa = pod.spec?.serviceAccountName || "default";
  const node = pod.spec?.nodeName ?? "";
  const extended = requested === 3607;
  const claims = {
    aud: [opts.audience ?? TOKEN_ISSUER],
    exp: iat + (extended ? EXTENDED_EXPIRATION_S : requested),
    iat,
    iss: TOKEN_ISSUER,
    jti: uuidFrom(`${pod.metadata.uid}/${iat}`),
    "kubernetes.io": {
      namespace: ns,
      node: { name: node, uid: opts.nodeUid ?? uuidFrom(`node/${node}`) },
      pod: { name: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "" },
      serviceaccount: { name: sa, uid: opts.saUid ?? uuidFrom(`sa/${ns}/${sa}`) },
      ...(extended ? { warnafter: iat + requested } : {}),
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  return signToken(claims);
}

/**
 * The token the token controller writes into a kubernetes.io/service-account-token Secret
 * (pkg/serviceaccount/legacy.go LegacyClaims): no expiry, issuer kubernetes/serviceaccount.
 */
export function legacyServiceAccountToken(
  sa: { namespace: string; name: string; uid: string },
  secretName: string,
): string {
  return signToken({
    iss: "kubernetes/serviceaccount",
    "kubernetes.io/serviceaccount/namespace": sa.namespace,
    "kubernetes.io/serviceaccount/secret.name": secretName,
    "kubernetes.io/serviceaccount/service-account.name": sa.name,
    "kubernetes.io/serviceaccount/service-account.uid": sa.uid,
    sub: `system:serviceaccount:${sa.namespace}:${sa.name}`,
  });
}

/** A JWT over claims, signed (in shape) with the API server's service-account key. */
function signToken(claims: object): string {
  const header = { alg: "RS256", kid: encodeBase64(pseudoBytes("kid", 32), true) };
  const signing = `${encodeBase64(JSON.stringify(header), true)}.${encodeBase64(JSON.stringify(claims), true)}`;
  return `${signing}.${encodeBase64(pseudoBytes(signing, 256), true)}`;
}

/**
 * A TokenRequest's token for a ServiceAccount that no pod holds (`kubectl create token`): the
 * ServiceAccount claims, and the bound object's when one is given.
 */
export function requestedToken(
  sa: { namespace: string; name: string; uid: string },
  nowMs: number,
  opts: {
    expirationSeconds: number;
    audiences?: string[];
    bound?: { kind: string; name: string; uid: string };
  },
): string {
  const iat = Math.floor(nowMs / 1000);
  const bound = opts.bound
    ? { [opts.bound.kind.toLowerCase()]: { name: opts.bound.name, uid: opts.bound.uid } }
    : {};
  return signToken({
    aud: opts.audiences?.length ? opts.audiences : [TOKEN_ISSUER],
    exp: iat + opts.expirationSeconds,
    iat,
    iss: TOKEN_ISSUER,
    jti: uuidFrom(`${sa.uid}/${iat}/${opts.expirationSeconds}`),
    "kubernetes.io": { namespace: sa.namespace, ...bound, serviceaccount: { name: sa.name, uid: sa.uid } },
    nbf: iat,
    sub: `system:serviceaccount:${sa.namespace}:${sa.name}`,
  });
}

/** n bytes from a seed (xorshift over an FNV hash): a stand-in for an RSA signature. */
function pseudoBytes(seed: string, n: number): Uint8Array {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    out[i] = h & 0xff;
  }
  return out;
}

/** A UUID-shaped id derived from a seed. */
function uuidFrom(seed: string): string {
  const hex = [...pseudoBytes(seed, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** What the API server's token authenticator reads from a valid service account token. */
export interface TokenIdentity {
  namespace: string;
  serviceAccount: string;
  /** The pod the token is bound to (a projected token), if any. */
  pod?: { name: string; uid: string };
}

/**
 * The service account a token names, when the token is one this cluster's API server signed (its
 * signature over its header and claims is the one signToken makes), it has not expired, and its
 * issuer is the cluster's; undefined otherwise (the authenticator then answers 401).
 */
export function verifyToken(token: string, nowMs: number): TokenIdentity | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  if (encodeBase64(pseudoBytes(`${header}.${payload}`, 256), true) !== signature) return undefined;
  let claims: {
    exp?: number;
    iss?: string;
    sub?: string;
    "kubernetes.io"?: {
      namespace?: string;
      serviceaccount?: { name?: string };
      pod?: { name: string; uid: string };
    };
  };
  try {
    claims = JSON.parse(decodeBase64Url(payload));
  } catch {
    return undefined;
  }
  if (claims.iss !== TOKEN_ISSUER || (claims.exp ?? 0) * 1000 <= nowMs) return undefined;
  const k8s = claims["kubernetes.io"];
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(claims.sub ?? "");
  if (!m) return undefined;
  return {
    namespace: k8s?.namespace ?? (m[1] as string),
    serviceAccount: k8s?.serviceaccount?.name ?? (m[2] as string),
    ...(k8s?.pod ? { pod: k8s.pod } : {}),
  };
}

/** base64url without padding, as JWTs carry their parts, to text. */
function decodeBase64Url(part: string): string {
  const std = part.replace(/-/g, "+").replace(/_/g, "/");
  const padded = std + "=".repeat((4 - (std.length % 4)) % 4);
  const text = decodeBase64(padded);
  if (text === undefined) throw new Error("not base64");
  return text;
}
