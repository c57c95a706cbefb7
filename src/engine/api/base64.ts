/**
 * Base64 as the API carries bytes (Secret data, tokens): standard alphabet with padding, or the
 * URL-safe one without (JWT). Text is UTF-8.
 */

/** Decodes a Secret's base64 `data` value to text (UTF-8); undefined when it is not base64. */
export function decodeBase64(data: string): string | undefined {
  const clean = data.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of clean.replace(/=+$/, "")) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Encodes bytes (or text as UTF-8) as base64; url: the URL-safe alphabet without padding (JWT). */
export function encodeBase64(input: string | Uint8Array, url = false): string {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [n >> 18, (n >> 12) & 63, (n >> 6) & 63, n & 63].map((c) => B64[c]);
    const keep = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    out += chars.slice(0, keep).join("") + (url ? "" : "=".repeat(4 - keep));
  }
  return url ? out.replace(/\+/g, "-").replace(/\//g, "_") : out;
}
