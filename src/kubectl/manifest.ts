/**
 * Reading manifests for `-f`: files, directories and stdin, split into YAML or JSON documents and
 * decoded as kubectl's resource builder does (pkg/resource/visitor.go, sigs.k8s.io/yaml).
 * Errors use kubectl's wording: `error parsing STDIN: error converting YAML to JSON: yaml: line 3:
 * mapping values are not allowed in this context`.
 */
import { isMap, parseAllDocuments } from "yaml";
import { resourceForKind } from "../engine/api/resources";
import type { KubeObject } from "../engine/api/types";
import { type Invocation, KubectlError } from "./command";

/** The API server's request size limit (3 MiB), applied to each document. */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;

/** One object read from a manifest, with where it came from. */
export interface ManifestObject {
  obj: KubeObject;
  /** "STDIN" or the file name, as kubectl names sources in messages. */
  source: string;
}

/** A manifest problem found while reading: kubectl reports it and goes on with the rest. */
export interface ManifestResult {
  objects: ManifestObject[];
  /** Messages printed after the objects are handled (each a full line without "\n"). */
  errors: string[];
}

const EXTENSIONS = [".json", ".yaml", ".yml"];

/** Reads every `-f` source of an invocation (`-f -` is stdin; directories list .json/.yaml/.yml files). */
export function readManifests(inv: Invocation): ManifestResult {
  const result: ManifestResult = { objects: [], errors: [] };
  for (const name of inv.flags.list("filename")) {
    if (name === "-") {
      decodeStream(inv.stdin, "STDIN", result);
      continue;
    }
    if (/^https?:\/\//.test(name)) {
      result.errors.push(`error: unable to read URL "${name}": network access is not available`);
      continue;
    }
    const entries = inv.ctx.listDir?.(name);
    if (entries) {
      const files = entries
        .filter((f) => EXTENSIONS.some((ext) => f.endsWith(ext)))
        .sort()
        .map((f) => (name.endsWith("/") ? `${name}${f}` : `${name}/${f}`));
      for (const file of files) readOne(inv, file, result);
      continue;
    }
    readOne(inv, name, result);
  }
  return result;
}

function readOne(inv: Invocation, path: string, result: ManifestResult): void {
  let text: string;
  try {
    if (!inv.ctx.readFile) throw new Error("no file system");
    text = inv.ctx.readFile(path);
  } catch {
    result.errors.push(`error: the path "${path}" does not exist`);
    return;
  }
  decodeStream(text, path, result);
}

/** go-yaml's words for the yaml package's error codes (what sigs.k8s.io/yaml would print). */
function goYamlMessage(code: string, message: string): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return "mapping values are not allowed in this context";
    case "BAD_INDENT":
    case "BAD_INDENT_MAP":
      return "did not find expected key";
    case "TAB_AS_INDENT":
      return "found character that cannot start any token";
    case "MISSING_CHAR":
      return /quote/i.test(message) ? "found unexpected end of stream" : "did not find expected ',' or ']'";
    case "DUPLICATE_KEY":
      return `mapping key ${/"([^"]*)"/.exec(message)?.[0] ?? "key"} already defined`;
    default:
      return message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
  }
}

/**
 * Splits a stream into documents and decodes each. A syntax error stops the stream there (the
 * documents before it are kept), as the builder's stream visitor does.
 */
export function decodeStream(text: string, source: string, result: ManifestResult): void {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      addObject(JSON.parse(text), source, result);
      return;
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      // Fall through to YAML, which also reads JSON and gives line numbers.
    }
  }
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    result.errors.push(`error: error parsing ${source}: ${(e as Error).message}`);
    return;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    // kubectl's YAML reader hands go-yaml the text after a "---" separator line.
    const start = doc.range?.[0] ?? 0;
    const startLine = lineOf(text, start) + (text.startsWith("---", start) ? 1 : 0);
    const err = doc.errors[0];
    if (err) {
      // go-yaml reports "mapping values are not allowed" at the ':' it stopped on; when the key
      // ran over a line break (`- name: c` then an over-indented `image: x`) that is the later line.
      const multiline = doc.errors.find((e) => e.code === "MULTILINE_IMPLICIT_KEY");
      const at =
        err.code === "BLOCK_AS_IMPLICIT_KEY" && multiline ? multiline.linePos?.[1] : err.linePos?.[0];
      const line = (at?.line ?? 1) - startLine + 1;
      result.errors.push(
        `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(err.code, err.message)}`,
      );
      return;
    }
    const size = (doc.range?.[1] ?? 0) - (doc.range?.[0] ?? 0);
    if (size > MAX_DOCUMENT_BYTES) {
      result.errors.push(
        `Error from server (RequestEntityTooLarge): error when creating "${source}": Request entity too large: limit is ${MAX_DOCUMENT_BYTES}`,
      );
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const msg = (e as Error).message;
      const text2 = /alias count/i.test(msg)
        ? "yaml: document contains excessive aliasing"
        : /Unresolved alias/.test(msg)
          ? `yaml: unknown anchor '${msg.split(": ").pop()}' referenced`
          : `yaml: ${msg}`;
      result.errors.push(`error: error parsing ${source}: error converting YAML to JSON: ${text2}`);
      return;
    }
    if (value === null || value === undefined) continue;
    if (!isMap(doc.contents)) {
      result.errors.push(
        `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
      continue;
    }
    addObject(value, source, result);
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function addObject(value: unknown, source: string, result: ManifestResult): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    result.errors.push(
      `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
    return;
  }
  const obj = value as KubeObject;
  if ((obj.kind === "List" || obj.kind?.endsWith("List")) && Array.isArray(obj.items)) {
    for (const item of obj.items) addObject(item, source, result);
    return;
  }
  if (!obj.kind) {
    result.errors.push(
      `error: error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
    return;
  }
  // Lenient on purpose: real kubectl rejects a manifest without apiVersion ("apiVersion not
  // set"), but the conformance cases and learners' snippets write bare `kind: Node`. We infer
  // the apiVersion from the kind, as the only version the simulated API server serves.
  if (!obj.apiVersion) {
    const res = resourceForKind(obj.kind);
    if (res) obj.apiVersion = res.group ? `${res.group}/${res.version}` : res.version;
  }
  obj.metadata = obj.metadata ?? {};
  result.objects.push({ obj, source });
}

/** Throws when no -f was given for a command that needs one. */
export function requireFilenames(inv: Invocation, usage: string): void {
  if (inv.flags.list("filename").length === 0)
    throw new KubectlError(`must specify one of -f and -k\n\n${usage}`);
}
