/**
 * Reading manifests for `-f`: files, directories and stdin, split into YAML or JSON documents and
 * decoded as kubectl's resource builder does (pkg/resource/visitor.go, sigs.k8s.io/yaml).
 * Errors use kubectl's wording: `error parsing STDIN: error converting YAML to JSON: yaml: line 3:
 * mapping values are not allowed in this context`.
 */
import { isMap, parseAllDocuments } from "yaml";
import type { FieldValidation } from "../engine/api/interface";
import { resourceForKind } from "../engine/api/resources";
import type { KubeObject } from "../engine/api/types";
import { metadataDecodingError } from "../engine/apiserver/schema/strict";
import { type Invocation, KubectlError } from "./command";
import { readKustomization } from "./kustomize";
import { readManifestUrl } from "./remote/urls";
import { sortedJson } from "./strategicmerge";
import {
  LineCounter,
  nestingDepth,
  SAFE_DEPTH,
  safeDepthError,
  splitJsonStream,
  yamlDepthError,
} from "./streamscan";

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

/** Whether the invocation names manifests: `-f` files or a `-k` kustomization directory. */
export function hasManifestSource(inv: Invocation): boolean {
  return inv.flags.list("filename").length > 0 || inv.flags.has("kustomize");
}

/** FilenameOptions.validate (k8s.io/cli-runtime/pkg/resource/builder.go): -f and -k exclude each other. */
function validateFilenameOptions(inv: Invocation): void {
  if (!inv.flags.has("kustomize")) return;
  if (inv.flags.list("filename").length > 0) throw new KubectlError("only one of -f or -k can be specified");
  if (inv.flags.has("recursive") && inv.flags.bool("recursive"))
    throw new KubectlError("the -k flag can't be used with -f or -R");
}

/**
 * Reads every `-f` source of an invocation (`-f -` is stdin; directories list .json/.yaml/.yml
 * files), or the objects `-k DIR` builds with kustomize.
 */
export function readManifests(inv: Invocation): ManifestResult {
  validateFilenameOptions(inv);
  if (inv.flags.has("kustomize")) return readKustomization(inv, inv.flags.str("kustomize"));
  const result: ManifestResult = { objects: [], errors: [] };
  const options = { validate: validates(inv) };
  for (const name of inv.flags.list("filename")) {
    if (name === "-") {
      decodeStream(inv.stdin, "STDIN", result, options);
      continue;
    }
    if (/^https?:\/\//.test(name)) {
      const read = readManifestUrl(name);
      if (read.ok) decodeStream(read.text, name, result, options);
      else result.errors.push(read.error);
      continue;
    }
    const entries = inv.ctx.listDir?.(name);
    if (entries) {
      // Entries may come as full paths (the shell's listDir): each is read under the name given.
      const files = entries
        .map((f) => f.slice(f.lastIndexOf("/") + 1))
        .filter((f) => EXTENSIONS.some((ext) => f.endsWith(ext)))
        .sort()
        .map((f) => (name.endsWith("/") ? `${name}${f}` : `${name}/${f}`));
      for (const file of files) readOne(inv, file, result, options);
      continue;
    }
    readOne(inv, name, result, options);
  }
  return result;
}

/** How the stream is checked: --validate=false (or ignore) skips kubectl's schema check. */
export interface DecodeOptions {
  validate: boolean;
}

/**
 * The fieldValidation kubectl sends for --validate (cmdutil.GetValidationDirective): strict or
 * true (the default) is Strict, warn is Warn, ignore or false is Ignore.
 */
export function fieldValidation(inv: Invocation): FieldValidation {
  const v = inv.flags.has("validate") ? inv.flags.str("validate").toLowerCase() : "strict";
  if (v === "warn") return "Warn";
  if (v === "false" || v === "ignore") return "Ignore";
  return "Strict";
}

/** Prints the API server's warnings as client-go's default warning handler does. */
export function printWarnings(inv: Invocation, warnings: string[]): void {
  for (const w of warnings.splice(0)) inv.err(`Warning: ${w}\n`);
}

/** Whether --validate asks for kubectl's schema check (strict, the default, or warn). */
function validates(inv: Invocation): boolean {
  if (!inv.flags.has("validate")) return true;
  return !["false", "ignore"].includes(inv.flags.str("validate"));
}

function readOne(inv: Invocation, path: string, result: ManifestResult, options: DecodeOptions): void {
  let text: string;
  try {
    if (!inv.ctx.readFile) throw new Error("no file system");
    text = inv.ctx.readFile(path);
  } catch {
    result.errors.push(`error: the path "${path}" does not exist`);
    return;
  }
  decodeStream(text, path, result, options);
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
 * Splits a stream into documents and decodes each. A stream that starts with "{" is a stream of
 * JSON values (`{...}{...}`), as GuessJSONStream decides; anything else is YAML. A syntax error
 * stops the stream there (the documents before it are kept), as the builder's stream visitor does.
 */
export function decodeStream(
  text: string,
  source: string,
  result: ManifestResult,
  options: DecodeOptions = { validate: true },
): void {
  if (text.trimStart().startsWith("{")) {
    const values = splitJsonStream(text);
    if (values.ok) {
      for (const value of values.docs) if (!addObject(value, source, result, options)) return;
      return;
    }
    if (values.depth) {
      result.errors.push(`error: error parsing ${source}: ${values.depth}`);
      return;
    }
    // Fall through to YAML, which also reads JSON and gives line numbers.
  }
  const deep = yamlDepthError(text);
  if (deep) {
    result.errors.push(`error: error parsing ${source}: error converting YAML to JSON: ${deep}`);
    return;
  }
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    // Duplicate keys are not an error: sigs.k8s.io/yaml's YAMLToJSON keeps the last value.
    docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: false, prettyErrors: true });
  } catch (e) {
    const msg = e instanceof RangeError ? safeDepthError("yaml") : (e as Error).message;
    result.errors.push(`error: error parsing ${source}: ${msg}`);
    return;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const lines = new LineCounter(text);
  for (const doc of list) {
    // kubectl's YAML reader hands go-yaml the text after a "---" separator line.
    const start = doc.range?.[0] ?? 0;
    const startLine = lines.lineOf(start) + (text.startsWith("---", start) ? 1 : 0);
    const err = doc.errors[0];
    if (err && /call stack/i.test(err.message)) {
      result.errors.push(
        `error: error parsing ${source}: error converting YAML to JSON: ${safeDepthError("yaml")}`,
      );
      return;
    }
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
      const text2 =
        e instanceof RangeError && !/alias count/i.test(msg)
          ? safeDepthError("yaml")
          : /alias count/i.test(msg)
            ? "yaml: document contains excessive aliasing"
            : /Unresolved alias/.test(msg)
              ? `yaml: unknown anchor '${msg.split(": ").pop()}' referenced`
              : `yaml: ${msg}`;
      result.errors.push(`error: error parsing ${source}: error converting YAML to JSON: ${text2}`);
      return;
    }
    if (value === null || value === undefined) continue;
    if (nestingDepth(value) > SAFE_DEPTH) {
      result.errors.push(
        `error: error parsing ${source}: error converting YAML to JSON: ${safeDepthError("yaml")}`,
      );
      return;
    }
    if (!isMap(doc.contents)) {
      result.errors.push(
        `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
      continue;
    }
    if (!addObject(value, source, result, options)) return;
  }
}

/** The kind/apiVersion problems kubectl's schema check finds first (validation.getObjectKind). */
function objectKindErrors(obj: Record<string, unknown>): string[] {
  const errs: string[] = [];
  if (obj.apiVersion !== undefined && obj.apiVersion !== null && typeof obj.apiVersion !== "string")
    errs.push("apiVersion isn't string type");
  if (obj.kind === undefined || obj.kind === null) errs.push("kind not set");
  else if (typeof obj.kind !== "string") errs.push("kind isn't string type");
  return errs;
}

/** Adds one decoded document; false when the error stops the stream (a failed validation). */
function addObject(value: unknown, source: string, result: ManifestResult, options: DecodeOptions): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    result.errors.push(
      `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
    return true;
  }
  const record = value as Record<string, unknown>;
  if (!options.validate) {
    // Without the schema check, the unstructured decoder finds a missing kind and the
    // metadataOnlyObject decode an apiVersion that is not a string.
    if (typeof record.kind !== "string" || record.kind === "") {
      result.errors.push(
        `error: unable to decode "${source}": Object 'Kind' is missing in '${sortedJson(record)}'`,
      );
      return true;
    }
    if (
      record.apiVersion !== undefined &&
      record.apiVersion !== null &&
      typeof record.apiVersion !== "string"
    ) {
      const kind = Array.isArray(record.apiVersion)
        ? "array"
        : typeof record.apiVersion === "object"
          ? "object"
          : typeof record.apiVersion === "boolean"
            ? "bool"
            : "number";
      result.errors.push(
        `error: unable to decode "${source}": json: cannot unmarshal ${kind} into Go struct field metadataOnlyObject.apiVersion of type string`,
      );
      return true;
    }
  }
  const kindErrors = options.validate ? objectKindErrors(record) : [];
  if (kindErrors.length) {
    const list = kindErrors.length === 1 ? kindErrors[0] : `[${kindErrors.join(", ")}]`;
    result.errors.push(
      `error: error validating "${source}": error validating data: ${list}; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
    return false;
  }
  const obj = value as KubeObject;
  if ((obj.kind === "List" || obj.kind?.endsWith("List")) && Array.isArray(obj.items)) {
    for (const item of obj.items) if (!addObject(item, source, result, options)) return false;
    return true;
  }
  // The builder decodes metadata on the client (a metadataOnlyObject): `name: 5` stops here.
  const metaError = metadataDecodingError(obj);
  if (metaError) {
    result.errors.push(`error: unable to decode "${source}": ${metaError}`);
    return true;
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
  return true;
}

/** Throws when no -f was given for a command that needs one. */
export function requireFilenames(inv: Invocation, usage: string): void {
  if (!hasManifestSource(inv)) throw new KubectlError(`must specify one of -f and -k\n\n${usage}`);
}
