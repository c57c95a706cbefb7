/**
 * Share links: a scenario file deflated (fflate) and base64url-encoded, carried in the page's
 * hash as `#s=...`, so a link holds the whole cluster and no server is needed.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from "fflate";

/** The hash parameter that carries a scenario. */
export const SHARE_PARAM = "s";

/** The most a link may inflate to (a scenario file's own limit): 32 MiB. */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

/** Compressed bytes fed to the inflater at a time: each step can produce at most ~1 MiB. */
const INFLATE_STEP = 1024;

/** The base64url text of a scenario file, deflated. */
export function encodeScenario(text: string): string {
  const bytes = deflateSync(strToU8(text), { level: 9 });
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The scenario file a share link carries; throws Error with a readable message when it is damaged. */
export function decodeScenario(encoded: string): string {
  const b64 = encoded.replace(/-/g, "+").replace(/_/g, "/");
  let binary: string;
  try {
    binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new Error("the share link is damaged (not base64url)");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return strFromU8(inflateCapped(bytes, MAX_INFLATED_BYTES));
}

/** Thrown when a link inflates to more than its cap. */
class TooLarge extends Error {}

/**
 * Inflates bytes as a stream, a small step at a time, stopping as soon as the output passes
 * limit: a 0.5 MiB link that would inflate to 400 MiB is refused after 32 MiB, not after 400.
 */
export function inflateCapped(bytes: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge();
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < bytes.length; i += INFLATE_STEP) {
      const end = Math.min(bytes.length, i + INFLATE_STEP);
      inflater.push(bytes.subarray(i, end), end === bytes.length);
    }
    if (bytes.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof TooLarge)
      throw new Error(
        `the share link holds more than ${limit / 1024 / 1024} MiB of scenario; it was not opened`,
      );
    throw new Error("the share link is damaged (not a deflated scenario); was it cut short?");
  }
  if (!ended) throw new Error("the share link is damaged (not a deflated scenario); was it cut short?");
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
