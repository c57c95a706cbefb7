/**
 * The content hash kustomize appends to generated names (api/hasher/hasher.go): the SHA-256 of a
 * JSON encoding of the ConfigMap's or Secret's name, kind and data, its first ten hex digits with
 * 0, 1, 3, a and e swapped for letters so the suffix never reads as a number or a word.
 */
import { sha256, utf8 } from "../../engine/sh/applets/digest";
import type { Obj } from "./resource";

/** encoding/json.Marshal of a JSON value: keys sorted, no spaces, <, > and & escaped as \u003c... */
export function goJsonMarshal(value: unknown): string {
  return goJsonValue(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function goJsonValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(goJsonValue).join(",")}]`;
  if (typeof value === "object") {
    const map = value as Record<string, unknown>;
    const keys = Object.keys(map).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJsonValue(map[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** hasher.encode: the first ten hex digits with 0→g, 1→h, 3→k, a→m, e→t. */
export function encodeHash(hex: string): string {
  const swap: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join("");
}

const field = (v: unknown) => (v === undefined || v === null ? "" : v);

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The text hashed for an object (encodeConfigMap, encodeSecret, or the whole object as JSON).
 * getNodeValues looks "metadata/name" up as one field name (yaml.Lookup("metadata/name")), which
 * no object has: the name enters the hash as "", so a prefix does not change the suffix.
 */
export function hashInput(obj: Obj): string {
  const name = field(obj["metadata/name"]);
  if (obj.kind === "ConfigMap") {
    const m: Record<string, unknown> = { kind: "ConfigMap", name, data: field(obj.data) };
    if (isMap(obj.binaryData)) m.binaryData = obj.binaryData;
    return goJsonMarshal(m);
  }
  if (obj.kind === "Secret") {
    const m: Record<string, unknown> = {
      kind: "Secret",
      type: field(obj.type),
      name,
      data: field(obj.data),
    };
    if (isMap(obj.stringData)) m.stringData = obj.stringData;
    return goJsonMarshal(m);
  }
  return goJsonMarshal(obj);
}

/** The ten-character suffix kustomize gives an object (Hasher.Hash). */
export function contentHash(obj: Obj): string {
  return encodeHash(sha256(utf8(hashInput(obj))));
}
