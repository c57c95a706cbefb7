/**
 * Detached JWS signatures of cluster-info (cluster-bootstrap/token/jws): HS256 keyed by the
 * bootstrap token's secret, header `{"alg":"HS256","kid":"<token id>"}`, in compact form with the
 * payload left out (`header..signature`), as `kubeadm join` verifies them.
 */
import { encodeBase64 } from "../../sh/applets/codec";
import { sha256 } from "../../sh/applets/digest";

const enc = new TextEncoder();

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** HMAC-SHA256 (RFC 2104) of message under key. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? hexBytes(sha256(key)) : key);
  const inner = block.map((b) => b ^ 0x36);
  const outer = block.map((b) => b ^ 0x5c);
  return hexBytes(sha256(concat(outer, hexBytes(sha256(concat(inner, message))))));
}

/** base64url without padding (RFC 7515). */
export function base64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** ComputeDetachedSignature: the detached HS256 JWS of content for the token id and secret. */
export function computeDetachedSignature(content: string, tokenId: string, tokenSecret: string): string {
  const header = base64Url(enc.encode(JSON.stringify({ alg: "HS256", kid: tokenId })));
  const signingInput = `${header}.${base64Url(enc.encode(content))}`;
  const signature = hmacSha256(enc.encode(tokenSecret), enc.encode(signingInput));
  return `${header}..${base64Url(signature)}`;
}
