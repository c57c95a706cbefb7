/**
 * configMapGenerator and secretGenerator (api/kv/kv.go, api/internal/generators/utils.go,
 * plugin/builtin/configmapgenerator): data from literals (`k=v`), files (`[key=]path`) and env
 * files (`KEY=VALUE` lines), made into a ConfigMap or Secret whose name takes a content hash.
 */
import { KustomizeError } from "./errors";
import type { GeneratorArgs, GeneratorOptions } from "./kustomization";
import { type KustFs, readRelative } from "./loader";
import { basename } from "./paths";
import { newRes, type Obj, type Res } from "./resource";

/** A literal source split into key and value, quotes around the value removed (parseLiteralSource). */
export function parseLiteral(source: string): [string, string] {
  const i = source.indexOf("=");
  if (i < 0) throw new KustomizeError(`invalid literal source ${source}, expected key=value`);
  const key = source.slice(0, i);
  let value = source.slice(i + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0])
    value = value.slice(1, -1);
  return [key, value];
}

/** The key/value pairs of an env file (kv.keyValuesFromLines): comments and blank lines skipped. */
export function parseEnvFile(text: string, path: string): [string, string][] {
  const pairs: [string, string][] = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, n) => {
    const line = raw.replace(/\r$/, "");
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const i = trimmed.indexOf("=");
    if (i < 0) return; // A bare KEY takes its value from kustomize's environment: none here.
    const key = trimmed.slice(0, i);
    if (/\s/.test(key))
      throw new KustomizeError(
        `"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${n + 1} of ${path})`,
      );
    pairs.push([key, trimmed.slice(i + 1)]);
  });
  return pairs;
}

/** Options of one generator with the kustomization's generatorOptions under them (MergeGlobalOptionsIntoLocal). */
export function mergeOptions(local?: GeneratorOptions, global?: GeneratorOptions): GeneratorOptions {
  if (!global) return local ?? {};
  return {
    labels: { ...(global.labels ?? {}), ...(local?.labels ?? {}) },
    annotations: { ...(global.annotations ?? {}), ...(local?.annotations ?? {}) },
    disableNameSuffixHash: Boolean(global.disableNameSuffixHash || local?.disableNameSuffixHash),
    immutable: Boolean(global.immutable || local?.immutable),
  };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The key/value pairs of a generator's sources, in source order. */
function pairsOf(fs: KustFs, root: string, args: GeneratorArgs): [string, string][] {
  const pairs: [string, string][] = [];
  // kv.LoadKvPairs: each kind of source wraps its errors with the whole list of that kind.
  const wrap = <T>(what: string, list: string[], fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      throw new KustomizeError(`loading KV pairs: ${what} [${list.join(" ")}]: ${e.message}`);
    }
  };
  const envs = [...(args.env ? [args.env] : []), ...(args.envs ?? [])];
  wrap("env source files:", envs, () => {
    for (const env of envs) pairs.push(...parseEnvFile(readRelative(fs, root, env), env));
  });
  wrap("literal sources", args.literals ?? [], () => {
    for (const lit of args.literals ?? []) pairs.push(parseLiteral(lit));
  });
  wrap("file sources:", args.files ?? [], () => {
    for (const file of args.files ?? []) {
      const i = file.indexOf("=");
      const [key, path] = i < 0 ? [basename(file), file] : [file.slice(0, i), file.slice(i + 1)];
      if (key === "") throw new KustomizeError(`key name for file path ${path} missing`);
      pairs.push([key, readRelative(fs, root, path)]);
    }
  });
  const seen = new Set<string>();
  for (const [k] of pairs) {
    if (seen.has(k)) throw new KustomizeError(`configmap ${args.name} illegally repeats the key \`${k}\``);
    seen.add(k);
  }
  return pairs;
}

/** Makes the ConfigMap or Secret of one generator entry. */
export function generate(
  fs: KustFs,
  root: string,
  kind: "ConfigMap" | "Secret",
  args: GeneratorArgs,
  global?: GeneratorOptions,
): Res {
  if (!args.name)
    throw new KustomizeError(`a ${kind === "ConfigMap" ? "configmap" : "secret"} must have a name`);
  const options = mergeOptions(args.options, global);
  const metadata: Obj = { name: args.name };
  if (args.namespace) metadata.namespace = args.namespace;
  if (options.labels && Object.keys(options.labels).length) metadata.labels = { ...options.labels };
  if (options.annotations && Object.keys(options.annotations).length)
    metadata.annotations = { ...options.annotations };
  const obj: Obj = { apiVersion: "v1", kind, metadata };
  const data: Record<string, string> = {};
  for (const [k, v] of pairsOf(fs, root, args)) data[k] = kind === "Secret" ? base64(v) : v;
  if (Object.keys(data).length) obj.data = data;
  if (kind === "Secret") obj.type = args.type || "Opaque";
  if (options.immutable) obj.immutable = true;
  const res = newRes(obj, !options.disableNameSuffixHash);
  res.behavior = args.behavior || "create";
  return res;
}
