/**
 * The apiextensions-apiserver's write paths on the simulated API server: the
 * CustomResourceDefinition strategy (pkg/registry/customresourcedefinition/strategy.go: defaults,
 * storedVersions, validation) and the custom resource handler (pkg/apiserver/
 * customresource_handler.go and pkg/registry/customresource/strategy.go: decoding with pruning
 * and defaulting, strict unknown-field errors, metadata and schema validation).
 */

import { CRD_KIND, crdConditionTrue } from "../../api/discovery";
import { ApiError, invalid } from "../../api/errors";
import type { AdmissionPlugin, AdmissionRequest } from "../../api/interface";
import type { MemoryStore } from "../../api/store";
import type { KubeObject } from "../../api/types";
import { nameIsDNSSubdomain, validateObjectMeta } from "../validation";
import { applySchemaDefaults, pruneUnknownFields, type SchemaProps, validateValue } from "./schema";
import {
  validateCustomResourceDefinition,
  validateCustomResourceDefinitionUpdate,
  validateNames,
} from "./validation";

/** How the API server names the CRD kind in errors. */
export const CRD_GROUP_KIND = "CustomResourceDefinition.apiextensions.k8s.io";

// biome-ignore lint/suspicious/noExplicitAny: CustomResourceDefinitions are open JSON here
type Json = any;

/** SetDefaults_CustomResourceDefinitionSpec (apis/apiextensions/v1/defaults.go). */
export function defaultCustomResourceDefinition(crd: KubeObject): void {
  const spec: Json = crd.spec;
  if (!spec || typeof spec !== "object") return;
  const names: Json = spec.names;
  if (names && typeof names === "object") {
    if (!names.singular && typeof names.kind === "string") names.singular = names.kind.toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  }
  if (!spec.conversion) spec.conversion = { strategy: "None" };
  const service = spec.conversion?.webhook?.clientConfig?.service;
  if (service && service.port === undefined) service.port = 443;
}

/** The storage version's name, if exactly one version is marked storage. */
function storageVersion(crd: KubeObject): string | undefined {
  const marked = ((crd.spec?.versions ?? []) as Json[]).filter((v) => v?.storage);
  return marked.length === 1 ? marked[0].name : undefined;
}

/** The CustomResourceDefinition strategy: PrepareForCreate/Update, Validate/ValidateUpdate. */
export const customResourceDefinitionStrategy: AdmissionPlugin = {
  name: "CustomResourceDefinitionStrategy",
  // Defaults are set as the body is decoded, before the registry compares it with the stored one.
  decode(crd) {
    if (crd.kind === CRD_KIND) defaultCustomResourceDefinition(crd);
  },
  mutate(request) {
    const crd = request.object;
    if (!crd || crd.kind !== CRD_KIND || request.operation === "DELETE") return;
    if (request.subresource !== "") return;
    const storage = storageVersion(crd);
    if (request.operation === "CREATE") {
      crd.status = { storedVersions: storage ? [storage] : [] };
    } else {
      const stored: string[] = [...(crd.status?.storedVersions ?? [])];
      if (storage && !stored.includes(storage)) stored.push(storage);
      crd.status = { ...(crd.status ?? {}), storedVersions: stored };
    }
  },
  validate(request) {
    const crd = request.object;
    if (!crd || crd.kind !== CRD_KIND || request.operation === "DELETE") return;
    let causes: ReturnType<typeof validateNames>;
    if (request.subresource === "status")
      causes = validateNames(crd.status?.acceptedNames, "status.acceptedNames");
    else if (request.subresource !== "") return;
    else if (request.operation === "CREATE") causes = validateCustomResourceDefinition(crd);
    else {
      const old = request.oldObject as KubeObject;
      causes = validateCustomResourceDefinitionUpdate(crd, old, crdConditionTrue(old, "Established"));
    }
    if (causes.length > 0) throw invalid(CRD_GROUP_KIND, crd.metadata?.name ?? "", causes);
  },
};

/** The openAPIV3Schema of the version a custom resource is served in. */
function schemaOf(
  api: MemoryStore,
  obj: KubeObject,
): { schema: SchemaProps | undefined; groupKind: string } | undefined {
  const res = api.discovery.forGVK(obj.apiVersion, obj.kind) ?? api.discovery.forKind(obj.kind);
  if (!res?.custom) return undefined;
  return { schema: res.custom.definition?.schema?.openAPIV3Schema, groupKind: `${res.kind}.${res.group}` };
}

/** transformDecodeError's text for a custom resource body. */
function cannotBeHandled(obj: KubeObject, cause: string): ApiError {
  const version = obj.apiVersion?.includes("/") ? obj.apiVersion.split("/")[1] : obj.apiVersion;
  return new ApiError(
    "BadRequest",
    `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: ${cause}`,
  );
}

/**
 * The custom resource handler: a body is decoded with its schema (unknown fields are a strict
 * decoding error, `default:`s are set), then metadata and the schema are validated.
 */
export function customResourceHandler(api: MemoryStore): AdmissionPlugin {
  return {
    name: "CustomResourceHandler",
    decode(obj, options) {
      const found = schemaOf(api, obj);
      if (!found) return;
      const unknown = pruneUnknownFields(obj, found.schema);
      const mode = options?.fieldValidation ?? "Strict";
      if (mode === "Warn")
        for (const f of unknown) options?.warnings?.push(`unknown field ${JSON.stringify(f)}`);
      if (unknown.length > 0 && mode === "Strict")
        throw cannotBeHandled(
          obj,
          `strict decoding error: ${unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(", ")}`,
        );
      applySchemaDefaults(obj, found.schema);
    },
    validate(request: AdmissionRequest) {
      const obj = request.object;
      if (!obj || request.operation === "DELETE") return;
      const found = schemaOf(api, obj);
      if (!found) return;
      const res = api.discovery.forKind(obj.kind);
      const causes = validateObjectMeta(obj.metadata ?? {}, Boolean(res?.namespaced), nameIsDNSSubdomain);
      const { metadata: _m, ...body } = obj;
      causes.push(...validateValue(body, found.schema, ""));
      if (causes.length > 0) throw invalid(found.groupKind, obj.metadata?.name ?? "", causes);
    },
  };
}
