/**
 * Informational verbs: `version`, `api-resources` (cmd/apiresources), `explain` (cmd/explain,
 * plaintext template over the OpenAPI schema) and `cluster-info`.
 */

import { servedGroupVersions } from "../../engine/api/discovery";
import { groupVersion } from "../../engine/api/resources";
import { type JsonSchema, kubernetesSchema } from "../../engine/apiserver/schema/strict";
import {
  serverVersionInfo as engineServerVersionInfo,
  V1_32_BUILD,
  versionInfo,
} from "../../engine/apiserver/version";
import type { Cluster } from "../../engine/cluster";
import { KUBERNETES_VERSION } from "../../engine/kubelet/constants";
import { type Command, F, KubectlError } from "../command";
import { toYaml } from "../output";
import { TABLE_TABWRITER, tabwrite } from "../printers";

/** The versions Kubeglass reports. */
export const CLIENT_VERSION = "v1.32.0";
export const KUSTOMIZE_VERSION = "v5.5.0";
/** The API server runs the control-plane images' version (the kubelets report the same). */
export const SERVER_VERSION = KUBERNETES_VERSION;

/** The version.Info of the client (the v1.32.0 build). */
function clientInfo() {
  return { ...V1_32_BUILD, gitVersion: CLIENT_VERSION };
}

/** The API server's version.Info (engine/apiserver/version.ts); without a cluster, the default release's. */
export function serverVersionInfo(cluster?: Cluster) {
  return cluster ? engineServerVersionInfo(cluster) : versionInfo(SERVER_VERSION);
}

export const version: Command = {
  name: "version",
  flags: [{ name: "client", type: "bool" }, { name: "short", type: "bool" }, F.output],
  run(inv) {
    const client = clientInfo();
    const server = serverVersionInfo(inv.cluster);
    const output = inv.flags.str("output");
    const onlyClient = inv.flags.bool("client");
    if (output === "json" || output === "yaml") {
      const v: Record<string, unknown> = { clientVersion: client, kustomizeVersion: KUSTOMIZE_VERSION };
      if (!onlyClient) v.serverVersion = server;
      inv.out(output === "json" ? `${JSON.stringify(v, null, 2)}\n` : toYaml(v));
      return;
    }
    if (output) throw new KubectlError(`--output must be 'yaml' or 'json'`);
    inv.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (!onlyClient) inv.out(`Server Version: ${server.gitVersion}\n`);
  },
};

export const apiResources: Command = {
  name: "api-resources",
  flags: [
    F.output,
    { name: "namespaced", type: "bool" },
    { name: "api-group", type: "string" },
    { name: "no-headers", type: "bool" },
    { name: "verbs", type: "stringArray" },
    { name: "sort-by", type: "string" },
    { name: "cached", type: "bool" },
    { name: "categories", type: "stringArray" },
  ],
  run(inv) {
    const output = inv.flags.str("output");
    if (output && output !== "wide" && output !== "name")
      throw new KubectlError(`--output ${output} is not available`);
    // One row per resource, its preferred version; stably sorted by group (sortableResource).
    const seen = new Set<string>();
    let list = inv.mapper.invalidate().filter((r) => {
      const key = `${r.group}/${r.plural}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    list = [...list].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
    if (inv.flags.has("namespaced")) list = list.filter((r) => r.namespaced === inv.flags.bool("namespaced"));
    if (inv.flags.has("api-group")) list = list.filter((r) => r.group === inv.flags.str("api-group"));
    const verbs = inv.flags.list("verbs").flatMap((v) => v.split(","));
    if (verbs.length) list = list.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const sortBy = inv.flags.str("sort-by");
    if (sortBy === "name")
      list = [...list].sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
    if (output === "name") {
      for (const r of list) inv.out(`${r.group ? `${r.plural}.${r.group}` : r.plural}\n`);
      return;
    }
    const wide = output === "wide";
    const lines: string[] = [];
    if (!inv.flags.bool("no-headers"))
      lines.push(
        [
          "NAME",
          "SHORTNAMES",
          "APIVERSION",
          "NAMESPACED",
          "KIND",
          ...(wide ? ["VERBS", "CATEGORIES"] : []),
        ].join("\t"),
      );
    for (const r of list)
      lines.push(
        [
          r.plural,
          r.shortNames.join(","),
          groupVersion(r),
          String(r.namespaced),
          r.kind,
          ...(wide ? [r.verbs.join(","), (r.categories ?? []).join(",")] : []),
        ].join("\t"),
      );
    inv.out(tabwrite(`${lines.join("\n")}\n`, TABLE_TABWRITER));
  },
};

export const apiVersions: Command = {
  name: "api-versions",
  flags: [],
  run(inv) {
    const versions = [...new Set(inv.mapper.invalidate().flatMap(servedGroupVersions))].sort();
    inv.out(versions.map((v) => `${v}\n`).join(""));
  },
};

// --- explain (explain/v2/templates/plaintext.tmpl over the OpenAPI schema) ---

const definitions = (kubernetesSchema as unknown as { definitions: Record<string, JsonSchema> }).definitions;

function resolveRef(ref: string | undefined): JsonSchema | undefined {
  return ref ? definitions[ref.replace("#/definitions/", "")] : undefined;
}

/** The template's typeGuess. */
function typeGuess(s: JsonSchema): string {
  if (s.items) return `[]${typeGuess(s.items)}`;
  if (s.additionalProperties && typeof s.additionalProperties === "object")
    return `map[string]${typeGuess(s.additionalProperties)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(s.allOf[0] as JsonSchema);
  if (s.$ref) {
    const ref = resolveRef(s.$ref);
    if (!ref?.type || ref.type === "object")
      return (s.$ref.split("/").pop() ?? "").split(".").pop() || "Object";
    return String(ref.type);
  }
  if (s.type === "object") return "Object";
  return s.type ? String(s.type) : "Object";
}

/** The template's description: this schema's, then its allOf/items/additionalProperties', each with "\n". */
function descriptionOf(schema: JsonSchema): string {
  const s = resolveRef(schema.$ref) ?? schema;
  let out = s.description ? `${s.description}\n` : "";
  for (const a of s.allOf ?? []) out += descriptionOf(a);
  if (s.items) out += descriptionOf(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === "object")
    out += descriptionOf(s.additionalProperties);
  return out;
}

/**
 * explain's `wrap`: drops every newline (descriptions run together, as upstream), then
 * github.com/mitchellh/go-wordwrap WrapString: lines of at most lim characters, words kept whole.
 */
function wrap(text: string, lim: number): string {
  const s = text.replaceAll("\n", "");
  let out = "";
  let current = 0;
  let word = "";
  let space = "";
  for (const ch of s) {
    if (/\s/.test(ch) && ch !== "\u00a0") {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        out += space + word;
        space = "";
        word = "";
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        out += "\n";
        current = 0;
        space = "";
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) out += space;
  } else out += space + word;
  return out;
}

/** explain's `indent`: pad every line. */
function indent(text: string, n: number): string {
  const pad = " ".repeat(n);
  return pad + text.replaceAll("\n", `\n${pad}`);
}

function enumOf(s: JsonSchema, long: boolean, limit: number, indentAmount = 0): string {
  const values = s.enum;
  if (!values?.length) return "";
  let out = long ? "ENUM:" : `\n${" ".repeat(indentAmount)}enum: `;
  values.forEach((v, i) => {
    if (limit > -1 && i >= limit) {
      if (i === limit) out += ", ....";
      return;
    }
    if (i > 0 && !long) out += ", ";
    else if (long) out += "\n    ";
    out += v === "" ? '""' : String(v);
  });
  return out;
}

/** The fields of a schema, following refs, allOf, items and maps. */
function fieldList(schema: JsonSchema, seen = new Set<string>()): string {
  if (schema.$ref && seen.has(schema.$ref)) return "";
  const next = new Set(seen);
  if (schema.$ref) next.add(schema.$ref);
  const s = resolveRef(schema.$ref) ?? schema;
  let out = "";
  const required = new Set(s.required ?? []);
  for (const name of Object.keys(s.properties ?? {}).sort()) {
    const f = (s.properties as Record<string, JsonSchema>)[name] as JsonSchema;
    out += `  ${name}\t<${typeGuess(f)}>${required.has(name) ? " -required-" : ""}${enumOf(f, false, 4, 2)}\n`;
    out += `${indent(wrap(f.description ?? "<no description>", 76), 4)}\n\n`;
  }
  for (const a of s.allOf ?? []) out += fieldList(a, next);
  if (s.items) out += fieldList(s.items, next);
  if (s.additionalProperties && typeof s.additionalProperties === "object")
    out += fieldList(s.additionalProperties, next);
  return out;
}

/**
 * The OpenAPI schema the apiextensions-apiserver publishes for a custom resource
 * (controller/openapi/builder): the CRD's schema with apiVersion, kind and metadata added.
 */
function customResourceSchema(schema: JsonSchema | undefined): JsonSchema {
  const base = schema ?? { type: "object" };
  const pod = definitions["io.k8s.api.core.v1.Pod"]?.properties ?? {};
  return {
    ...base,
    properties: {
      apiVersion: pod.apiVersion as JsonSchema,
      kind: pod.kind as JsonSchema,
      metadata: {
        description:
          "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        allOf: [{ $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }],
      },
      ...(base.properties ?? {}),
    },
  };
}

/** The template's "output": follow the field path, then DESCRIPTION and FIELDS. */
function explainOutput(schema: JsonSchema, path: string[]): string | undefined {
  const resolved = resolveRef(schema.$ref) ?? schema;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(wrap(descriptionOf(resolved) || "<empty>", 76), 4)}\n`;
    const fields = fieldList(resolved);
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  const [first, ...rest] = path as [string, ...string[]];
  const sub = resolved.properties?.[first];
  if (sub) {
    let out = "";
    if (rest.length === 0) out += `FIELD: ${first} <${typeGuess(sub)}>\n${enumOf(sub, true, -1)}\n\n`;
    const inner = explainOutput(sub, rest);
    return inner === undefined ? undefined : out + inner;
  }
  if (resolved.items) return explainOutput(resolved.items, path);
  if (resolved.additionalProperties && typeof resolved.additionalProperties === "object")
    return explainOutput(resolved.additionalProperties, path);
  for (const a of resolved.allOf ?? []) {
    const r = explainOutput(a, path);
    if (r) return r;
  }
  return undefined;
}

export const explain: Command = {
  name: "explain",
  flags: [{ name: "recursive", type: "bool" }, { name: "api-version", type: "string" }, F.output],
  run(inv) {
    const arg = inv.flags.args[0];
    if (!arg)
      throw new KubectlError(
        `You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n`,
      );
    const [typed, ...path] = arg.split(".");
    let res = inv.mapper.resolve(typed as string);
    if (!res) throw new KubectlError(`the server doesn't have a resource type "${typed}"`);
    const asked = inv.flags.str("api-version");
    if (asked && res.custom) res = inv.mapper.forGVK(asked, res.kind) ?? res;
    if (res.custom) {
      const body = explainOutput(customResourceSchema(res.custom.definition?.schema?.openAPIV3Schema), path);
      if (body === undefined) throw new KubectlError(`field "${path[path.length - 1]}" does not exist`);
      inv.out(`GROUP:      ${res.group}\nKIND:       ${res.kind}\nVERSION:    ${res.version}\n\n${body}\n`);
      return;
    }
    const entry = (
      kubernetesSchema as unknown as {
        "x-kubeglass-kinds": { apiVersion: string; kind: string; ref: string }[];
      }
    )["x-kubeglass-kinds"].find((k) => k.apiVersion === groupVersion(res) && k.kind === res.kind);
    if (!entry)
      throw new KubectlError(
        `GVR (${res.group ? `${res.group}/` : "/"}${res.version}, Resource=${res.plural}) not found in OpenAPI schema`,
      );
    const body = explainOutput({ $ref: entry.ref }, path);
    if (body === undefined) throw new KubectlError(`field "${path[path.length - 1]}" does not exist`);
    const head = `${res.group ? `GROUP:      ${res.group}\n` : ""}KIND:       ${res.kind}\nVERSION:    ${res.version}\n\n`;
    inv.out(`${head}${body}\n`);
  },
};

// --- cluster-info ---

export const clusterInfo: Command = {
  name: "cluster-info",
  flags: [],
  run(inv) {
    const green = (s: string) => `\x1b[0;32m${s}\x1b[0m`;
    const yellow = (s: string) => `\x1b[0;33m${s}\x1b[0m`;
    inv.out(`${green("Kubernetes control plane")} is running at ${yellow("https://controlplane:6443")}\n`);
    if (inv.cluster.api.get("Service", "kube-system", "kube-dns"))
      inv.out(
        `${green("CoreDNS")} is running at ${yellow("https://controlplane:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy")}\n`,
      );
    inv.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  },
};
