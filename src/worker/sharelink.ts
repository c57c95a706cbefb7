/**
 * Share links: a scenario file deflated (fflate) and base64url-encoded, carried in the page's
 * hash as `#s=...`, so a link holds the whole cluster and no server is needed.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";

/** The hash parameter that carries a scenario. */
export const SHARE_PARAM = "s";

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
  try {
    return strFromU8(inflateSync(bytes));
  } catch {
    throw new Error("the share link is damaged (not a deflated scenario); was it cut short?");
  }
}
