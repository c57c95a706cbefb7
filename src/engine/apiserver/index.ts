/**
 * The API server's write path: strict field validation, defaulting, the registry strategies,
 * validation and admission plugins, registered on the store in the order the real API server
 * runs them (see api/interface.ts AdmissionPlugin): decoding (strict fields, defaults) and
 * mutating admission first, then validation, then validating admission (quota).
 */

import { CRD_KIND } from "../api/discovery";
import { invalid } from "../api/errors";
import type { AdmissionPlugin } from "../api/interface";
import { resourceForKind } from "../api/resources";
import type { Cluster } from "../cluster";
import { daemonSetStrategy } from "./admission/daemonsetstrategy";
import { defaultIngressClassAdmission } from "./admission/defaultingressclass";
import { limitRanger } from "./admission/limitranger";
import { namespaceLifecycle } from "./admission/namespacelifecycle";
import { podStrategy } from "./admission/podstrategy";
import { priorityAdmission } from "./admission/priority";
import { persistentVolumeClaimResize } from "./admission/pvcresize";
import { resourceQuotaAdmission } from "./admission/resourcequota";
import { serviceAccountAdmission } from "./admission/serviceaccount";
import { serviceAllocation } from "./admission/services";
import { defaultStorageClass, storageObjectInUseProtection } from "./admission/storageprotection";
import { defaultTolerationSeconds } from "./admission/tolerationseconds";
import { validatingAdmissionWebhook } from "./admission/validatingwebhook";
import { customResourceDefinitionStrategy, customResourceHandler } from "./apiextensions/admission";
import { installCustomResourceDefinitionControllers } from "./apiextensions/controllers";
import { createBootstrapPolicy } from "./auth/bootstrap";
import { createSystemPriorityClasses, NamespaceBootstrap } from "./bootstrap";
import { certificateSigningRequestStrategy } from "./certificates";
import { applyDefaults, defaultEphemeralContainers } from "./defaults";
import { EphemeralOnCreateForbidden, validateEphemeralContainersUpdate } from "./ephemeral";
import { installEventTTL } from "./eventttl";
import { forbidden } from "./field";
import { persistentVolumeStrategyWarnings } from "./pvwarnings";
import { decodingError, dropField, STRICT_DECODING_ERROR, unknownFieldPaths } from "./schema/strict";
import { validateObject, validateUpdate } from "./validate-kinds";

export { type EvictionOptions, evictPod } from "./eviction";

/** The pods/ephemeralcontainers subresource's name, as AdmissionRequest.subresource carries it. */
export const EPHEMERAL_CONTAINERS = "ephemeralcontainers";
export { formatQuantity, milliValue, parseQuantity } from "./quantity";
export { jsonPatchDecodingError, patchDecodingError } from "./schema/patch";
export { kubernetesSchema, schemaForKind } from "./schema/strict";

/**
 * Decoding: a value of the wrong type (typed decoding) or an unknown field (strict field
 * validation) refuses a create or update of a main resource; quantities become canonical.
 */
export const strictFieldValidation: AdmissionPlugin = {
  name: "StrictFieldValidation",
  decode(object, options) {
    const err = decodingError(object);
    if (!err) return;
    const mode = options?.fieldValidation ?? "Strict";
    const unknownOnly = mode !== "Strict" && err.message.includes(STRICT_DECODING_ERROR);
    if (!unknownOnly) throw err;
    // Warn and Ignore: unknown fields are dropped as the decoder drops them; Warn says which.
    for (const f of unknownFieldPaths(object)) {
      if (mode === "Warn") options?.warnings?.push(`unknown field ${JSON.stringify(f)}`);
      dropField(object, f);
    }
  },
};

/** Defaulting as the decoder applies it (pkg/apis/.../v1/defaults.go). */
export const defaulting: AdmissionPlugin = {
  name: "Defaulting",
  mutate(request) {
    if (request.object && request.subresource === EPHEMERAL_CONTAINERS) {
      defaultEphemeralContainers(request.object.spec);
      return;
    }
    if (!request.object || request.subresource !== "" || request.operation === "DELETE") return;
    applyDefaults(request.object, request.operation === "CREATE");
  },
};

/** The registry strategies' Validate and ValidateUpdate. */
export const validation: AdmissionPlugin = {
  name: "Validation",
  validate(request) {
    const obj = request.object;
    if (!obj || request.operation === "DELETE") return;
    if (request.subresource === EPHEMERAL_CONTAINERS && request.oldObject) {
      // ValidatePodEphemeralContainersUpdate: the pod as a whole, then what changed.
      const causes = validateEphemeralContainersUpdate(obj, request.oldObject, validateObject(obj));
      if (causes.length > 0) throw invalid(obj.kind, obj.metadata.name ?? "", causes);
      return;
    }
    if (request.subresource !== "") return;
    // CustomResourceDefinitions and custom resources have their own strategies (apiextensions).
    if (obj.kind === CRD_KIND || !resourceForKind(obj.kind)) return;
    const causes = validateObject(obj);
    if (
      request.operation === "CREATE" &&
      obj.kind === "Pod" &&
      (obj.spec?.ephemeralContainers ?? []).length > 0
    )
      causes.push(forbidden("spec.ephemeralContainers", EphemeralOnCreateForbidden));
    if (request.operation === "UPDATE" && request.oldObject)
      causes.push(...validateUpdate(obj, request.oldObject));
    if (causes.length === 0) return;
    const res = resourceForKind(obj.kind);
    const kind = res?.group ? `${obj.kind}.${res.group}` : obj.kind;
    throw invalid(kind, obj.metadata.name ?? "", causes);
  },
};

/** Registers defaulting, validation and admission (DefaultTolerationSeconds, Priority, quota...). */
export function installApiServer(cluster: Cluster): void {
  const api = cluster.api;
  api.addAdmissionPlugin(strictFieldValidation);
  api.addAdmissionPlugin(persistentVolumeStrategyWarnings);
  api.addAdmissionPlugin(customResourceHandler(api));
  api.addAdmissionPlugin(defaulting);
  api.addAdmissionPlugin(serviceAllocation(cluster.rng));
  api.addAdmissionPlugin(namespaceLifecycle);
  // Mutating admission, in kube-apiserver's plugin order.
  api.addAdmissionPlugin(limitRanger);
  api.addAdmissionPlugin(serviceAccountAdmission(cluster.rng));
  api.addAdmissionPlugin(priorityAdmission);
  api.addAdmissionPlugin(defaultTolerationSeconds);
  api.addAdmissionPlugin(defaultStorageClass);
  api.addAdmissionPlugin(storageObjectInUseProtection);
  api.addAdmissionPlugin(defaultIngressClassAdmission);
  api.addAdmissionPlugin(podStrategy);
  api.addAdmissionPlugin(daemonSetStrategy);
  api.addAdmissionPlugin(certificateSigningRequestStrategy(cluster.clock));
  api.addAdmissionPlugin(customResourceDefinitionStrategy);
  api.addAdmissionPlugin(validation);
  api.addAdmissionPlugin(persistentVolumeClaimResize);
  api.addAdmissionPlugin(validatingAdmissionWebhook(api, () => cluster.rng.uuid()));
  api.addAdmissionPlugin(resourceQuotaAdmission(api, cluster.clock));
  createSystemPriorityClasses(cluster);
  createBootstrapPolicy(cluster);
  installEventTTL(cluster);
  installCustomResourceDefinitionControllers(cluster);
  cluster.addComponent(new NamespaceBootstrap(cluster));
}
