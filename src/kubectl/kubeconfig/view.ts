/**
 * `kubectl config view` (pkg/cmd/config/view.go): the merged kubeconfig, minified to the current
 * context with --minify (clientcmdapi.MinifyConfig), with certificate data shown as DATA+OMITTED
 * (ShortenConfig) and secrets as REDACTED (RedactSecrets) unless --raw, printed as YAML, JSON in
 * the v1 struct order, or through a jsonpath template.
 */
import { KubectlError } from "../command";
import { JsonPathError, printJsonPath, toYaml } from "../output";
import { goJsonString } from "../output/gofmt";
import { type Entry, type Kubeconfig, toV1 } from "./load";

// biome-ignore lint/suspicious/noExplicitAny: kubeconfig values are free-form JSON
type Json = any;

/** What `config view` shows instead of certificate and key bytes (clientcmdapi.dataOmittedBytes). */
export const DATA_OMITTED = "DATA+OMITTED";
/** What `config view` shows instead of passwords and tokens (clientcmdapi.redactedBytes). */
export const REDACTED = "REDACTED";

const BYTE_FIELDS = ["certificate-authority-data", "client-certificate-data", "client-key-data"];
const SECRET_FIELDS = ["password", "token"];

/** The Go struct field order of each v1 type, for `-o json` (encoding/json follows the struct). */
const JSON_ORDER: Record<string, string[]> = {
  config: [
    "kind",
    "apiVersion",
    "preferences",
    "clusters",
    "users",
    "contexts",
    "current-context",
    "extensions",
  ],
  clusters: ["name", "cluster"],
  cluster: [
    "server",
    "tls-server-name",
    "insecure-skip-tls-verify",
    "certificate-authority",
    "certificate-authority-data",
    "proxy-url",
    "disable-compression",
    "extensions",
  ],
  users: ["name", "user"],
  user: [
    "client-certificate",
    "client-certificate-data",
    "client-key",
    "client-key-data",
    "token",
    "tokenFile",
    "as",
    "as-uid",
    "as-groups",
    "as-user-extra",
    "username",
    "password",
    "auth-provider",
    "exec",
    "extensions",
  ],
  contexts: ["name", "context"],
  context: ["cluster", "user", "namespace", "extensions"],
};

/** How to view. */
export interface ViewOptions {
  output: string;
  minify: boolean;
  raw: boolean;
  /** --context: the context --minify keeps. */
  context: string;
}

/** The text `kubectl config view` prints. Throws KubectlError. */
export function viewConfig(config: Kubeconfig, options: ViewOptions): string {
  let c = config;
  if (options.minify) c = minify(config, options.context || config.currentContext);
  let v1 = toV1(c);
  if (!options.raw) v1 = redact(v1);
  const output = options.output || "yaml";
  if (output === "yaml") return toYaml(v1);
  if (output === "json") return `${orderedJson(v1, "config", "")}\n`;
  const jp = /^jsonpath=(.*)$/s.exec(output);
  if (jp) {
    try {
      return printJsonPath(jp[1] as string, v1);
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(e.message.replace(/\n$/, ""));
      throw e;
    }
  }
  throw new KubectlError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
  );
}

/** clientcmdapi.MinifyConfig: only the context, its cluster and its user. */
function minify(config: Kubeconfig, contextName: string): Kubeconfig {
  if (!contextName) throw new KubectlError("current-context must exist in order to minify");
  const context = config.contexts.get(contextName);
  if (!context) throw new KubectlError(`cannot locate context ${contextName}`);
  const pick = (m: Map<string, Entry>, name: string | undefined) =>
    new Map(name !== undefined && m.has(name) ? [[name, m.get(name) as Entry]] : []);
  const clusterName = context.body.cluster as string | undefined;
  const userName = context.body.user as string | undefined;
  if (clusterName && !config.clusters.has(clusterName))
    throw new KubectlError(`cannot locate cluster ${clusterName}`);
  if (userName && !config.users.has(userName)) throw new KubectlError(`cannot locate user ${userName}`);
  return {
    currentContext: contextName,
    preferences: config.preferences,
    contexts: pick(config.contexts, contextName),
    clusters: pick(config.clusters, clusterName),
    users: pick(config.users, userName),
  };
}

/** ShortenConfig then RedactSecrets on a v1 Config object (a copy). */
function redact(v1: Json): Json {
  const copy = structuredClone(v1);
  for (const section of ["clusters", "users"])
    for (const item of copy[section] ?? []) {
      const body = item.cluster ?? item.user ?? {};
      for (const f of BYTE_FIELDS) if (body[f]) body[f] = DATA_OMITTED;
      for (const f of SECRET_FIELDS) if (body[f]) body[f] = REDACTED;
    }
  return copy;
}

/** json.MarshalIndent(v, "", "    ") of a v1 value, fields in struct order (unknown ones after, sorted). */
function orderedJson(v: Json, type: string | undefined, indent: string): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v !== "object") return JSON.stringify(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => `${inner}${orderedJson(x, type, inner)}`).join(",\n")}\n${indent}]`;
  }
  const order = (type && JSON_ORDER[type]) || [];
  const keys = [
    ...order.filter((k) => k in v),
    ...Object.keys(v)
      .filter((k) => !order.includes(k))
      .sort(),
  ];
  if (keys.length === 0) return "{}";
  const field = (k: string) =>
    ["clusters", "users", "contexts", "cluster", "user", "context"].includes(k) ? k : undefined;
  return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${orderedJson(v[k], field(k), inner)}`).join(",\n")}\n${indent}}`;
}
