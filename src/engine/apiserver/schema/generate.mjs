#!/usr/bin/env node
/**
 * Builds kubernetes.schema.gen.json, the JSON Schema (draft-07) of the kinds the simulated API server
 * serves, from the upstream OpenAPI document of Kubernetes v1.32 (api/openapi-spec/swagger.json of
 * kubernetes/kubernetes release-1.32; kubernetes-client/python v32.0.1 ships the same file as
 * kubernetes/swagger.json.unprocessed; so does kubernetes-client/javascript at f89c179b, "Automated
 * openapi generation from 1.32", as src/gen/swagger.json.unprocessed).
 *
 *   node src/engine/apiserver/schema/generate.mjs path/to/swagger.json
 *
 * Only definitions reachable from the served kinds are kept; long descriptions are shortened.
 * Quantity and IntOrString accept numbers as YAML writes them; every object schema closes its
 * properties (additionalProperties: false) so unknown fields are reported, as the API server's
 * strict field validation does.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = process.argv[2];
if (!source) {
  console.error("usage: generate.mjs SWAGGER_JSON");
  process.exit(2);
}
const swagger = JSON.parse(readFileSync(source, "utf8"));
const defs = swagger.definitions;

/** The kinds served (src/engine/api/resources.ts), as group/version/kind. */
const resourcesTs = readFileSync(join(here, "../../api/resources.ts"), "utf8");
const served = [...resourcesTs.matchAll(/r\("(\w+)", "([\w.]*)", "(\w+)"/g)].map((m) => ({
  kind: m[1],
  group: m[2],
  version: m[3],
}));

const MAX_DESCRIPTION = 400;
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

function shorten(text) {
  if (!text || text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION);
  const end = cut.lastIndexOf(". ");
  return `${end > 100 ? cut.slice(0, end + 1) : cut}…`;
}

const kept = new Map();
function visitRef(ref) {
  const name = ref.replace("#/definitions/", "");
  if (kept.has(name)) return;
  const def = defs[name];
  if (!def) throw new Error(`missing definition ${name}`);
  kept.set(name, null);
  kept.set(name, convert(def, name));
}

function convert(schema, name) {
  const out = {};
  if (schema.description) out.description = shorten(schema.description);
  if (schema.$ref) {
    visitRef(schema.$ref);
    // draft-07 ignores siblings of $ref: wrap so the field's own description shows on hover.
    return out.description
      ? { description: out.description, allOf: [{ $ref: schema.$ref }] }
      : { $ref: schema.$ref };
  }
  if (name === QUANTITY)
    return {
      ...out,
      oneOf: [
        {
          type: "string",
          pattern:
            "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
        },
        { type: "number" },
      ],
    };
  if (name === INT_OR_STRING) return { ...out, oneOf: [{ type: "string" }, { type: "integer" }] };
  if (schema.type) out.type = schema.type;
  if (schema.format && schema.format !== "int-or-string") out.format = schema.format;
  if (schema.enum) out.enum = schema.enum;
  if (schema.required) out.required = schema.required;
  if (schema.items) out.items = convert(schema.items);
  if (schema.properties) {
    out.properties = {};
    for (const [key, prop] of Object.entries(schema.properties)) out.properties[key] = convert(prop);
    out.additionalProperties = false;
  }
  if (schema.additionalProperties) out.additionalProperties = convert(schema.additionalProperties);
  for (const ext of ["x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-patch-merge-key"])
    if (schema[ext] !== undefined) out[ext] = schema[ext];
  if (schema["x-kubernetes-group-version-kind"])
    out["x-kubernetes-group-version-kind"] = schema["x-kubernetes-group-version-kind"];
  // A date-time in YAML may be read as a Date; null is how kubectl prints an unset time.
  if (schema.format === "date-time") return { ...out, type: ["string", "null"] };
  return out;
}

const kinds = [];
for (const { kind, group, version } of served) {
  const entry = Object.entries(defs).find(([, d]) =>
    (d["x-kubernetes-group-version-kind"] ?? []).some(
      (g) => g.kind === kind && g.group === group && g.version === version,
    ),
  );
  if (!entry) throw new Error(`no definition for ${group}/${version} ${kind}`);
  visitRef(`#/definitions/${entry[0]}`);
  kinds.push({ apiVersion: group ? `${group}/${version}` : version, kind, ref: `#/definitions/${entry[0]}` });
}

// apiVersion and kind of each served kind are fixed; the top level picks the kind's schema.
const definitions = {};
for (const name of [...kept.keys()].sort()) definitions[name] = kept.get(name);
const schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://kubeglass.local/kubernetes-1.32.schema.json",
  title: "Kubernetes v1.32 objects served by Kubeglass",
  type: "object",
  required: ["apiVersion", "kind"],
  properties: {
    apiVersion: { type: "string", enum: [...new Set(kinds.map((k) => k.apiVersion))] },
    kind: { type: "string", enum: [...new Set(kinds.map((k) => k.kind))] },
  },
  allOf: kinds.map((k) => ({
    if: {
      properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } },
      required: ["apiVersion", "kind"],
    },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then
    then: { $ref: k.ref },
  })),
  "x-kubeglass-kinds": kinds,
  definitions,
};
writeFileSync(join(here, "kubernetes.schema.gen.json"), `${JSON.stringify(schema)}\n`);
console.log(`${kinds.length} kinds, ${kept.size} definitions`);
