/**
 * ValidateCustomResourceDefinition and ValidateCustomResourceDefinitionUpdate of
 * k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go (v1 options:
 * schemas required, structural, defaults allowed), with the structural-schema checks of
 * pkg/apiserver/schema/validation.go, in upstream order and wording. Webhook conversion, CEL
 * rules, list-map keys and selectable fields are checked only as far as the common mistakes go.
 */
import type { FieldCause } from "../../api/errors";
import {
  forbidden,
  invalidField,
  isDNS1035Label,
  isDNS1123Subdomain,
  notSupported,
  required,
} from "../field";
import { validateObjectMeta } from "../validation";
import { type SchemaProps, validateValue } from "./schema";

// biome-ignore lint/suspicious/noExplicitAny: CustomResourceDefinitions are open JSON here
type Json = any;

const OPENAPI_V3_TYPES = ["array", "boolean", "integer", "number", "object", "string"];
const PRINTER_COLUMN_TYPES = ["boolean", "date", "integer", "number", "string"];
const PRINTER_COLUMN_FORMATS = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];
const META_FIELDS = new Set(["apiVersion", "kind", "metadata"]);

/** The annotation protected groups (k8s.io, kubernetes.io) must carry (validateAPIApproval). */
export const API_APPROVED_ANNOTATION = "api-approved.kubernetes.io";

/** A field.Invalid whose value Go prints with %#v (a struct), given already rendered. */
function invalidShown(field: string, shown: string, detail: string): FieldCause {
  return { type: "FieldValueInvalid", field, message: `Invalid value: ${shown}: ${detail}` };
}

function goString(v: unknown): string {
  return JSON.stringify(typeof v === "string" ? v : "");
}

/** A stand-in for a Go pointer's address in %#v (the real one differs on every request). */
function pointer(type: string, value: unknown, n: number): string {
  return value === undefined || value === null
    ? `(*${type})(nil)`
    : `(*${type})(0xc000${(0x1000 + n * 0x40).toString(16)})`;
}

/** %#v of spec.versions as the internal type, as field.Invalid prints it. */
export function goVersions(versions: Json[]): string {
  const items = versions.map((v, i) => {
    const columns = (v.additionalPrinterColumns ?? []) as Json[];
    const cols = columns.length
      ? `[]apiextensions.CustomResourceColumnDefinition{${columns
          .map(
            (c) =>
              `apiextensions.CustomResourceColumnDefinition{Name:${goString(c.name)}, Type:${goString(c.type)}, Format:${goString(c.format)}, Description:${goString(c.description)}, Priority:${Number(c.priority ?? 0)}, JSONPath:${goString(c.jsonPath)}}`,
          )
          .join(", ")}}`
      : "[]apiextensions.CustomResourceColumnDefinition(nil)";
    return `apiextensions.CustomResourceDefinitionVersion{Name:${goString(v.name)}, Served:${Boolean(v.served)}, Storage:${Boolean(v.storage)}, Deprecated:${Boolean(v.deprecated)}, DeprecationWarning:${pointer("string", v.deprecationWarning, i * 3)}, Schema:${pointer("apiextensions.CustomResourceValidation", v.schema, i * 3 + 1)}, Subresources:${pointer("apiextensions.CustomResourceSubresources", v.subresources, i * 3 + 2)}, AdditionalPrinterColumns:${cols}, SelectableFields:[]apiextensions.SelectableField(nil)}`;
  });
  return `[]apiextensions.CustomResourceDefinitionVersion{${items.join(", ")}}`;
}

/** ValidateCustomResourceDefinitionNames (spec.names and status.acceptedNames). */
export function validateNames(names: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  const n = names ?? {};
  const check = (value: string | undefined, field: string, mixedCase = false) => {
    if (!value) return;
    const msgs = isDNS1035Label(mixedCase ? value.toLowerCase() : value);
    if (msgs.length)
      errs.push(
        invalidField(
          `${path}.${field}`,
          value,
          mixedCase ? `may have mixed case, but should otherwise match: ${msgs.join(",")}` : msgs.join(","),
        ),
      );
  };
  check(n.plural, "plural");
  check(n.singular, "singular");
  check(n.kind, "kind", true);
  check(n.listKind, "listKind", true);
  (n.shortNames ?? []).forEach((s: string, i: number) => {
    const msgs = isDNS1035Label(String(s));
    if (msgs.length) errs.push(invalidField(`${path}.shortNames[${i}]`, s, msgs.join(",")));
  });
  if (n.kind && n.kind === n.listKind)
    errs.push(invalidField(`${path}.listKind`, n.listKind, "kind and listKind may not be the same"));
  (n.categories ?? []).forEach((s: string, i: number) => {
    const msgs = isDNS1035Label(String(s));
    if (msgs.length) errs.push(invalidField(`${path}.categories[${i}]`, s, msgs.join(",")));
  });
  return errs;
}

/** ValidateCustomResourceColumnDefinition. */
function validateColumn(col: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!col.name) errs.push(required(`${path}.name`));
  const types = `must be one of ${PRINTER_COLUMN_TYPES.join(",")}`;
  if (!col.type) errs.push(required(`${path}.type`, types));
  else if (!PRINTER_COLUMN_TYPES.includes(col.type)) errs.push(invalidField(`${path}.type`, col.type, types));
  if (col.format && !PRINTER_COLUMN_FORMATS.includes(col.format))
    errs.push(
      invalidField(`${path}.format`, col.format, `must be one of ${PRINTER_COLUMN_FORMATS.join(",")}`),
    );
  if (!col.jsonPath) errs.push(required(`${path}.JSONPath`));
  else if (!String(col.jsonPath).startsWith("."))
    errs.push(invalidField(`${path}.JSONPath`, col.jsonPath, "must be a simple json path starting with ."));
  return errs;
}

/** specStandardValidatorV3.validate plus the recursion of ValidateCustomResourceDefinitionOpenAPISchema. */
function validateOpenAPISchema(
  s: SchemaProps | undefined,
  path: string,
  root: boolean,
  defaultsForbidden: string | undefined,
): FieldCause[] {
  if (!s || typeof s !== "object") return [];
  const errs: FieldCause[] = [];
  if (s.type && !OPENAPI_V3_TYPES.includes(s.type))
    errs.push(notSupported(`${path}.type`, s.type, OPENAPI_V3_TYPES));
  if (s.default !== undefined && defaultsForbidden !== undefined)
    errs.push(forbidden(`${path}.default`, `must not be set ${defaultsForbidden}`.trimEnd()));
  if ("$ref" in s) errs.push(forbidden(`${path}.$ref`, "$ref is not supported"));
  if (s.uniqueItems === true)
    errs.push(
      forbidden(
        `${path}.uniqueItems`,
        "uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
      ),
    );
  if (s.additionalProperties !== undefined) {
    if (s.properties && Object.keys(s.properties).length > 0)
      if (s.additionalProperties === false || typeof s.additionalProperties === "object")
        errs.push(
          forbidden(
            `${path}.additionalProperties`,
            "additionalProperties and properties are mutual exclusive",
          ),
        );
    if (typeof s.additionalProperties === "object")
      errs.push(
        ...validateOpenAPISchema(
          s.additionalProperties,
          `${path}.additionalProperties`,
          false,
          defaultsForbidden,
        ),
      );
  }
  for (const key of Object.keys(s.properties ?? {}).sort()) {
    const sub = (s.properties as Record<string, SchemaProps>)[key];
    const meta = (root || s["x-kubernetes-embedded-resource"]) && META_FIELDS.has(key);
    const reason = meta && root ? `in top-level ${key}` : defaultsForbidden;
    errs.push(...validateOpenAPISchema(sub, `${path}.properties[${key}]`, false, reason));
  }
  for (const k of ["allOf", "oneOf", "anyOf"] as const) {
    const list = s[k];
    if (Array.isArray(list))
      list.forEach((sub, i) => {
        errs.push(
          ...validateOpenAPISchema(sub as SchemaProps, `${path}.${k}[${i}]`, false, defaultsForbidden),
        );
      });
  }
  if (s.not)
    errs.push(...validateOpenAPISchema(s.not as SchemaProps, `${path}.not`, false, defaultsForbidden));
  if (s.items) errs.push(...validateOpenAPISchema(s.items, `${path}.items`, false, defaultsForbidden));
  if (s["x-kubernetes-preserve-unknown-fields"] === false)
    errs.push(
      invalidField(`${path}.x-kubernetes-preserve-unknown-fields`, false, "must be true or undefined"),
    );
  if (s["x-kubernetes-list-type"] !== undefined && s.type !== "array") {
    if (!s.type) errs.push(required(`${path}.type`, "must be array if x-kubernetes-list-type is specified"));
    else
      errs.push(invalidField(`${path}.type`, s.type, "must be array if x-kubernetes-list-type is specified"));
  }
  if (s["x-kubernetes-map-type"] !== undefined && s.type !== "object") {
    if (!s.type) errs.push(required(`${path}.type`, "must be object if x-kubernetes-map-type is specified"));
    else
      errs.push(invalidField(`${path}.type`, s.type, "must be object if x-kubernetes-map-type is specified"));
  }
  return errs;
}

type Level = "root" | "item" | "field";

/** ValidateStructural: every specified node has a type; the root is an object; metadata stays plain. */
function validateStructural(s: SchemaProps | undefined, path: string, level: Level): FieldCause[] {
  if (!s || typeof s !== "object") return [];
  const errs: FieldCause[] = [];
  for (const k of ["allOf", "oneOf", "anyOf", "not"] as const) {
    // Value validations under a logical junctor may not specify types or structure (simplified).
    if (s[k] !== undefined && level === "root" && k !== "not") {
      /* allowed: checked for nested structure only */
    }
  }
  if (s.type === "array" && s.items === undefined) errs.push(required(`${path}.items`, "must be specified"));
  const embedded = Boolean(s["x-kubernetes-embedded-resource"]);
  if (embedded && s.type !== "object") {
    if (!s.type)
      errs.push(required(`${path}.type`, "must be object if x-kubernetes-embedded-resource is true"));
    else
      errs.push(
        invalidField(`${path}.type`, s.type, "must be object if x-kubernetes-embedded-resource is true"),
      );
  } else if (!s.type && !s["x-kubernetes-int-or-string"] && !s["x-kubernetes-preserve-unknown-fields"]) {
    const detail =
      level === "root"
        ? "must not be empty at the root"
        : level === "item"
          ? "must not be empty for specified array items"
          : "must not be empty for specified object fields";
    errs.push(required(`${path}.type`, detail));
  }
  if (s["x-kubernetes-int-or-string"] && s.type)
    errs.push(invalidField(`${path}.type`, s.type, "must be empty if x-kubernetes-int-or-string is true"));
  if (level === "root" && s.type && s.type !== "object")
    errs.push(invalidField(`${path}.type`, s.type, "must be object at the root"));
  const checkMetadata = level === "root" || embedded;
  const props = s.properties ?? {};
  if (checkMetadata) {
    for (const key of ["kind", "apiVersion"]) {
      const p = props[key];
      if (p && p.type !== "string")
        errs.push(invalidField(`${path}.properties[${key}].type`, p.type ?? "", "must be string"));
    }
    const meta = props.metadata;
    if (meta) {
      if (meta.type !== "object")
        errs.push(invalidField(`${path}.properties[metadata].type`, meta.type ?? "", "must be object"));
      if (level === "root") {
        const extra = Object.keys(meta).filter(
          (k) => k !== "type" && k !== "properties" && k !== "description",
        );
        const metaProps = Object.keys(meta.properties ?? {}).filter(
          (k) => k !== "name" && k !== "generateName",
        );
        if (extra.length > 0 || metaProps.length > 0)
          errs.push(
            forbidden(
              `${path}.properties[metadata]`,
              "must not specify anything other than name and generateName, but metadata is implicitly specified",
            ),
          );
      }
    }
  }
  for (const key of Object.keys(props).sort())
    errs.push(...validateStructural(props[key], `${path}.properties[${key}]`, "field"));
  if (typeof s.additionalProperties === "object")
    errs.push(...validateStructural(s.additionalProperties, `${path}.additionalProperties`, "field"));
  if (s.items) errs.push(...validateStructural(s.items, `${path}.items`, "item"));
  return errs;
}

/** structuraldefaulting.ValidateDefaults: each default is valid against its own schema. */
function validateDefaults(s: SchemaProps | undefined, path: string): FieldCause[] {
  if (!s || typeof s !== "object") return [];
  const errs: FieldCause[] = [];
  if (s.default !== undefined)
    for (const e of validateValue(s.default, { ...s, default: undefined }, "<value>"))
      errs.push({
        ...e,
        field: `${path}.default`,
        message: e.message.replaceAll("<value>", `${path}.default`),
      });
  for (const key of Object.keys(s.properties ?? {}).sort())
    errs.push(
      ...validateDefaults((s.properties as Record<string, SchemaProps>)[key], `${path}.properties[${key}]`),
    );
  if (s.items) errs.push(...validateDefaults(s.items, `${path}.items`));
  if (typeof s.additionalProperties === "object")
    errs.push(...validateDefaults(s.additionalProperties, `${path}.additionalProperties`));
  return errs;
}

/** validateCustomResourceDefinitionValidation for one version's schema. */
function validateVersionSchema(schema: Json, statusEnabled: boolean, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  const s: SchemaProps | undefined = schema?.openAPIV3Schema;
  if (!s) return errs;
  const p = `${path}.openAPIV3Schema`;
  if (statusEnabled && s.type !== undefined && s.type !== "object")
    errs.push(
      invalidField(
        `${p}.type`,
        s.type,
        `only "object" is allowed as the type at the root of the schema if the status subresource is enabled`,
      ),
    );
  if (s.nullable) errs.push(forbidden(`${p}.nullable`, "nullable cannot be true at the root"));
  errs.push(...validateOpenAPISchema(s, p, true, undefined));
  const structural = validateStructural(s, p, "root");
  if (structural.length > 0) errs.push(...structural);
  else errs.push(...validateDefaults(s, p));
  return errs;
}

function hasStatus(version: Json): boolean {
  return Boolean(version?.subresources?.status);
}

/** validateCustomResourceDefinitionSpec with the v1 create options. */
export function validateCustomResourceDefinitionSpec(spec: Json, path = "spec"): FieldCause[] {
  const errs: FieldCause[] = [];
  const sp = spec ?? {};
  if (!sp.group) errs.push(required(`${path}.group`));
  else {
    const msgs = isDNS1123Subdomain(sp.group);
    if (msgs.length) errs.push(invalidField(`${path}.group`, sp.group, msgs.join(",")));
    else if (String(sp.group).split(".").length < 2)
      errs.push(invalidField(`${path}.group`, sp.group, "should be a domain with at least one dot"));
  }
  if (!sp.scope) errs.push(required(`${path}.scope`));
  else if (sp.scope !== "Cluster" && sp.scope !== "Namespaced")
    errs.push(notSupported(`${path}.scope`, sp.scope, ["Cluster", "Namespaced"]));
  const versions: Json[] = Array.isArray(sp.versions) ? sp.versions : [];
  versions.forEach((v, i) => {
    if (!v?.schema?.openAPIV3Schema)
      errs.push(required(`${path}.versions[${i}].schema.openAPIV3Schema`, "schemas are required"));
  });
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    if (v?.storage) storage++;
    if (seen.has(v?.name)) unique = false;
    else seen.add(v?.name);
    const msgs = isDNS1035Label(String(v?.name ?? ""));
    if (msgs.length) errs.push(invalidField(`${path}.versions[${i}].name`, v?.name ?? "", msgs.join(",")));
    const vp = `${path}.versions[${i}]`;
    if (v?.deprecationWarning !== undefined && !v?.deprecated)
      errs.push(
        invalidField(
          `${vp}.deprecationWarning`,
          v.deprecationWarning,
          "can only be set for deprecated versions",
        ),
      );
    errs.push(...validateVersionSchema(v?.schema, hasStatus(v), `${vp}.schema`));
    errs.push(...validateSubresources(v?.subresources, `${vp}.subresources`));
    (v?.additionalPrinterColumns ?? []).forEach((c: Json, j: number) => {
      errs.push(...validateColumn(c, `${vp}.additionalPrinterColumns[${j}]`));
    });
  });
  if (!unique)
    errs.push(invalidShown(`${path}.versions`, goVersions(versions), "must contain unique version names"));
  if (storage !== 1)
    errs.push(
      invalidShown(
        `${path}.versions`,
        goVersions(versions),
        "must have exactly one version marked as storage version",
      ),
    );
  const names = sp.names ?? {};
  if (!names.plural) errs.push(required(`${path}.names.plural`));
  if (!names.singular) errs.push(required(`${path}.names.singular`));
  if (!names.kind) errs.push(required(`${path}.names.kind`));
  if (!names.listKind) errs.push(required(`${path}.names.listKind`));
  errs.push(...validateNames(names, `${path}.names`));
  const conversion = sp.conversion;
  if (conversion) {
    if (!conversion.strategy) errs.push(required(`${path}.conversion.strategy`));
    else if (conversion.strategy !== "None" && conversion.strategy !== "Webhook")
      errs.push(notSupported(`${path}.conversion.strategy`, conversion.strategy, ["None", "Webhook"]));
    else if (conversion.strategy === "Webhook") {
      if (!conversion.webhook?.clientConfig)
        errs.push(
          required(`${path}.conversion.webhookClientConfig`, "required when strategy is set to Webhook"),
        );
    } else {
      const notWebhook = "should not be set when strategy is not set to Webhook";
      if (conversion.webhook?.clientConfig)
        errs.push(forbidden(`${path}.conversion.webhookClientConfig`, notWebhook));
      if ((conversion.webhook?.conversionReviewVersions ?? []).length > 0)
        errs.push(forbidden(`${path}.conversion.conversionReviewVersions`, notWebhook));
    }
  }
  return errs;
}

/** ValidateCustomResourceDefinitionSubresources (the scale paths). */
function validateSubresources(sub: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  const scale = sub?.scale;
  if (!scale) return errs;
  const p = `${path}.scale`;
  for (const [key, value, mustBeSpec] of [
    ["specReplicasPath", scale.specReplicasPath, true],
    ["statusReplicasPath", scale.statusReplicasPath, false],
  ] as const) {
    if (!value) errs.push(required(`${p}.${key}`));
    else if (!String(value).startsWith(mustBeSpec ? ".spec." : ".status."))
      errs.push(
        invalidField(`${p}.${key}`, value, `should be a json path under ${mustBeSpec ? ".spec" : ".status"}`),
      );
  }
  if (scale.labelSelectorPath && !/^\.(spec|status)\./.test(scale.labelSelectorPath))
    errs.push(
      invalidField(
        `${p}.labelSelectorPath`,
        scale.labelSelectorPath,
        "should be a json path under either .spec or .status",
      ),
    );
  return errs;
}

/** Whether a group is one whose APIs need the Kubernetes API review (validateAPIApproval). */
function protectedGroup(group: string): boolean {
  return (
    group === "k8s.io" ||
    group.endsWith(".k8s.io") ||
    group === "kubernetes.io" ||
    group.endsWith(".kubernetes.io")
  );
}

/** ValidateCustomResourceDefinition: metadata (name is plural.group), spec, status, approval. */
export function validateCustomResourceDefinition(crd: Json): FieldCause[] {
  const spec = crd.spec ?? {};
  const requiredName = `${spec.names?.plural ?? ""}.${spec.group ?? ""}`;
  const nameFn = (name: string) => {
    const out = isDNS1123Subdomain(name);
    if (name !== requiredName) out.push(`must be spec.names.plural+"."+spec.group`);
    return out;
  };
  const errs = validateObjectMeta(crd.metadata ?? {}, false, nameFn);
  errs.push(...validateCustomResourceDefinitionSpec(spec));
  errs.push(...validateNames(crd.status?.acceptedNames, "status.acceptedNames"));
  const stored: string[] = crd.status?.storedVersions ?? [];
  if (stored.length === 0)
    errs.push({
      type: "FieldValueInvalid",
      field: "status.storedVersions",
      message: "Invalid value: []string(nil): must have at least one stored version",
    });
  if (protectedGroup(String(spec.group ?? "")) && !crd.metadata?.annotations?.[API_APPROVED_ANNOTATION])
    errs.push(
      required(
        `metadata.annotations[${API_APPROVED_ANNOTATION}]`,
        `protected groups must have approval annotation "${API_APPROVED_ANNOTATION}", see https://github.com/kubernetes/enhancements/pull/1111`,
      ),
    );
  if (spec.preserveUnknownFields === true)
    errs.push(
      invalidField(
        "spec.preserveUnknownFields",
        true,
        "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead",
      ),
    );
  return errs;
}

/** ValidateCustomResourceDefinitionUpdate: the create rules plus what may not change. */
export function validateCustomResourceDefinitionUpdate(
  crd: Json,
  old: Json,
  established: boolean,
): FieldCause[] {
  const errs = validateCustomResourceDefinition(crd);
  const immutable = (a: unknown, b: unknown, field: string) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      errs.push(invalidField(field, a ?? "", "field is immutable"));
  };
  if (established) {
    immutable(crd.spec?.scope, old.spec?.scope, "spec.scope");
    immutable(crd.spec?.names?.kind, old.spec?.names?.kind, "spec.names.kind");
  }
  immutable(crd.spec?.group, old.spec?.group, "spec.group");
  immutable(crd.spec?.names?.plural, old.spec?.names?.plural, "spec.names.plural");
  return errs;
}
