/** Deterministic hashes for ids the kubelet and containerd make (config hashes, container ids). */

/** 32-bit FNV-1a of text with a seed. */
function fnv(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so that close inputs differ everywhere.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A lowercase hex digest of text, hexChars long (a multiple of 8). */
export function hexDigest(text: string, hexChars = 32): string {
  let out = "";
  for (let i = 0; out.length < hexChars; i++)
    out += fnv(text, i * 0x9e3779b9)
      .toString(16)
      .padStart(8, "0");
  return out.slice(0, hexChars);
}
