/**
 * Per-kind validation (create and update) with upstream texts: the registry strategies' Validate
 * and ValidateUpdate for the kinds the simulator serves.
 */

import type { FieldCause } from "../api/errors";
import { resourceForKind } from "../api/resources";
import { matchesLabelSelector } from "../api/selectors";
import type { KubeObject } from "../api/types";
import { validateCertificateSigningRequest, validateCertificateSigningRequestUpdate } from "./certificates";
import {
  forbidden,
  invalidField,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortNum,
  notSupported,
  required,
} from "./field";
import { isQuantity, parseQuantity } from "./quantity";
import {
  validateHorizontalPodAutoscaler,
  validateIngress,
  validateIngressClass,
  validateIngressClassUpdate,
  validateNetworkPolicy,
} from "./validate-apis";
import {
  type NameValidator,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateDataKeys,
  validateLabelSelector,
  validateLabels,
  validateNodeTaints,
  validateObjectMeta,
  validatePodSpec,
} from "./validation";

// biome-ignore lint/suspicious/noExplicitAny: validation walks open JSON
type Json = any;

/** The name rule of each kind (default: DNS subdomain). */
/** ValidateRBACName (path.IsValidPathSegmentName): RBAC names may hold colons, not slashes or %. */
function nameIsPathSegment(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

const NAME_RULES: Record<string, NameValidator> = {
  // ValidateCertificateRequestName: "We don't care what you call your certificate requests."
  CertificateSigningRequest: () => [],
  Namespace: nameIsDNSLabel,
  Service: nameIsDNS1035Label,
  Role: nameIsPathSegment,
  ClusterRole: nameIsPathSegment,
  RoleBinding: nameIsPathSegment,
  ClusterRoleBinding: nameIsPathSegment,
};

/** Go's %#v of a map[string]string, as validation messages print label maps. */
export function goStringMap(m: Record<string, string> | undefined): string {
  if (!m || Object.keys(m).length === 0) return "map[string]string(nil)";
  const body = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(", ");
  return `map[string]string{${body}}`;
}

/** Go's %#v of a v1.LabelSelector. */
export function goLabelSelector(sel: Json): string {
  const labels =
    sel?.matchLabels && Object.keys(sel.matchLabels).length
      ? goStringMap(sel.matchLabels)
      : "map[string]string(nil)";
  const exprs =
    Array.isArray(sel?.matchExpressions) && sel.matchExpressions.length
      ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
          .map(
            (e: Json) =>
              `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? "")}, Operator:${JSON.stringify(e.operator ?? "")}, Values:${
                Array.isArray(e.values) && e.values.length
                  ? `[]string{${e.values.map((v: string) => JSON.stringify(v)).join(", ")}}`
                  : "[]string(nil)"
              }}`,
          )
          .join(", ")}}`
      : "[]v1.LabelSelectorRequirement(nil)";
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

function invalidRaw(field: string, shown: string, detail: string): FieldCause {
  return { type: "FieldValueInvalid", field, message: `Invalid value: ${shown}: ${detail}` };
}

function nonNegative(value: Json, path: string): FieldCause[] {
  if (value === undefined) return [];
  return value < 0 ? [invalidField(path, value, "must be greater than or equal to 0")] : [];
}

/** A workload's selector and template (Deployment, ReplicaSet, DaemonSet). */
function validateSelectorAndTemplate(spec: Json, kind: string): FieldCause[] {
  const errs: FieldCause[] = [];
  const sel = spec?.selector;
  if (!sel) errs.push(required("spec.selector"));
  else {
    errs.push(...validateLabelSelector(sel, "spec.selector"));
    const empty =
      Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
    if (empty)
      errs.push(
        invalidRaw(
          "spec.selector",
          goLabelSelector(sel),
          `empty selector is invalid for ${kind === "DaemonSet" ? "daemonset" : kind.toLowerCase()}`,
        ),
      );
  }
  const tpl = spec?.template;
  if (!tpl) {
    errs.push(required("spec.template"));
    return errs;
  }
  const labels = tpl.metadata?.labels ?? {};
  if (
    sel &&
    !(Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) &&
    !matchesLabelSelector(sel, labels)
  )
    errs.push(
      invalidRaw(
        "spec.template.metadata.labels",
        goStringMap(labels),
        "`selector` does not match template `labels`",
      ),
    );
  errs.push(...validateObjectMetaOfTemplate(tpl.metadata));
  errs.push(...validatePodSpec(tpl.spec, "spec.template.spec"));
  return errs;
}

function validateObjectMetaOfTemplate(meta: Json): FieldCause[] {
  if (!meta) return [];
  const errs: FieldCause[] = [];
  errs.push(...validateLabels(meta.labels, "spec.template.metadata.labels"));
  errs.push(...validateAnnotations(meta.annotations, "spec.template.metadata.annotations"));
  return errs;
}

function requireRestartPolicy(spec: Json, allowed: string[], path: string): FieldCause[] {
  const rp = spec?.restartPolicy;
  return rp !== undefined && !allowed.includes(rp) ? [notSupported(path, rp, allowed)] : [];
}

function validateIntOrPercent(value: Json, path: string): FieldCause[] {
  if (value === undefined) return [];
  if (typeof value === "number") return nonNegative(value, path);
  if (!/^[0-9]+%$/.test(String(value)))
    return [
      invalidField(
        path,
        value,
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  return [];
}

function validateDeployment(d: Json): FieldCause[] {
  const spec = d.spec ?? {};
  const errs: FieldCause[] = [...nonNegative(spec.replicas, "spec.replicas")];
  errs.push(...validateSelectorAndTemplate(spec, "Deployment"));
  errs.push(...requireRestartPolicy(spec.template?.spec, ["Always"], "spec.template.spec.restartPolicy"));
  const strategy = spec.strategy;
  if (strategy) {
    if (strategy.type !== "RollingUpdate" && strategy.type !== "Recreate")
      errs.push(notSupported("spec.strategy.type", strategy.type ?? "", ["Recreate", "RollingUpdate"]));
    if (strategy.type === "Recreate" && strategy.rollingUpdate)
      errs.push(
        forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"),
      );
    const ru = strategy.rollingUpdate;
    if (ru) {
      errs.push(...validateIntOrPercent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable"));
      errs.push(...validateIntOrPercent(ru.maxSurge, "spec.strategy.rollingUpdate.maxSurge"));
      const zero = (v: Json) => v === 0 || v === "0%";
      if (zero(ru.maxUnavailable) && zero(ru.maxSurge))
        errs.push(
          invalidField(
            "spec.strategy.rollingUpdate.maxUnavailable",
            ru.maxUnavailable,
            "may not be 0 when `maxSurge` is 0",
          ),
        );
    }
  }
  errs.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  if (
    spec.progressDeadlineSeconds !== undefined &&
    spec.minReadySeconds !== undefined &&
    spec.progressDeadlineSeconds <= spec.minReadySeconds
  )
    errs.push(
      invalidField(
        "spec.progressDeadlineSeconds",
        spec.progressDeadlineSeconds,
        "must be greater than minReadySeconds",
      ),
    );
  return errs;
}

function validateReplicaSet(rs: Json): FieldCause[] {
  const spec = rs.spec ?? {};
  return [
    ...nonNegative(spec.replicas, "spec.replicas"),
    ...validateSelectorAndTemplate(spec, "ReplicaSet"),
    ...requireRestartPolicy(spec.template?.spec, ["Always"], "spec.template.spec.restartPolicy"),
  ];
}

function validateStatefulSet(sts: Json): FieldCause[] {
  const spec = sts.spec ?? {};
  // The claim templates' names are volumes the containers may mount (ValidatePodTemplateSpecForStatefulSet).
  const claims = (spec.volumeClaimTemplates ?? []).map((t: Json) => ({
    name: t?.metadata?.name,
    persistentVolumeClaim: { claimName: t?.metadata?.name },
  }));
  const withClaims =
    claims.length && spec.template?.spec
      ? {
          ...spec,
          template: {
            ...spec.template,
            spec: { ...spec.template.spec, volumes: [...(spec.template.spec.volumes ?? []), ...claims] },
          },
        }
      : spec;
  const errs = [
    ...validateSelectorAndTemplate(withClaims, "StatefulSet"),
    ...requireRestartPolicy(spec.template?.spec, ["Always"], "spec.template.spec.restartPolicy"),
    ...nonNegative(spec.replicas, "spec.replicas"),
  ];
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== "OrderedReady" && policy !== "Parallel")
    errs.push(notSupported("spec.podManagementPolicy", policy, ["OrderedReady", "Parallel"]));
  const us = spec.updateStrategy;
  if (us && us.type !== "RollingUpdate" && us.type !== "OnDelete")
    errs.push(notSupported("spec.updateStrategy.type", us.type ?? "", ["OnDelete", "RollingUpdate"]));
  return errs;
}

/** ValidateStatefulSetUpdate's refusal: what may change in a StatefulSet's spec. */
export const STATEFULSET_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function validateStatefulSetUpdate(sts: Json, old: Json): FieldCause[] {
  const mutable = [
    "replicas",
    "ordinals",
    "template",
    "updateStrategy",
    "revisionHistoryLimit",
    "persistentVolumeClaimRetentionPolicy",
    "minReadySeconds",
  ];
  const rest = (spec: Json) => {
    const out = { ...(spec ?? {}) };
    for (const k of mutable) delete out[k];
    return JSON.stringify(sortKeys(out));
  };
  return rest(sts.spec) === rest(old.spec) ? [] : [forbidden("spec", STATEFULSET_UPDATE_FORBIDDEN)];
}

function validateDaemonSet(ds: Json): FieldCause[] {
  const spec = ds.spec ?? {};
  const errs = [
    ...validateSelectorAndTemplate(spec, "DaemonSet"),
    ...requireRestartPolicy(spec.template?.spec, ["Always"], "spec.template.spec.restartPolicy"),
  ];
  const us = spec.updateStrategy;
  if (us && us.type !== "RollingUpdate" && us.type !== "OnDelete")
    errs.push(notSupported("spec.updateStrategy.type", us.type ?? "", ["OnDelete", "RollingUpdate"]));
  return errs;
}

function validateJobSpec(spec: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  errs.push(...nonNegative(spec.parallelism, `${path}.parallelism`));
  errs.push(...nonNegative(spec.completions, `${path}.completions`));
  errs.push(...nonNegative(spec.backoffLimit, `${path}.backoffLimit`));
  if (spec.activeDeadlineSeconds !== undefined && !(spec.activeDeadlineSeconds > 0))
    errs.push(
      invalidField(
        `${path}.activeDeadlineSeconds`,
        spec.activeDeadlineSeconds,
        "must be greater than or equal to 1",
      ),
    );
  if (!spec.template) return [...errs, required(`${path}.template`)];
  errs.push(...validatePodSpec(spec.template.spec, `${path}.template.spec`));
  const rp = spec.template.spec?.restartPolicy;
  if (rp !== "OnFailure" && rp !== "Never")
    errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp ?? "", ["OnFailure", "Never"]));
  if (spec.selector && !matchesLabelSelector(spec.selector, spec.template.metadata?.labels ?? {}))
    errs.push(
      invalidRaw(
        `${path}.template.metadata.labels`,
        goStringMap(spec.template.metadata?.labels),
        "`selector` does not match template `labels`",
      ),
    );
  return errs;
}

function validateCronJob(cj: Json): FieldCause[] {
  const spec = cj.spec ?? {};
  const errs: FieldCause[] = [];
  if (!spec.schedule) errs.push(required("spec.schedule"));
  else if (String(spec.schedule).trim().split(/\s+/).length !== 5 && !String(spec.schedule).startsWith("@"))
    errs.push(
      invalidField(
        "spec.schedule",
        spec.schedule,
        `unparseable schedule: ${JSON.stringify(spec.schedule)} : expected exactly 5 fields, found ${String(spec.schedule).trim().split(/\s+/).length}: [${spec.schedule}]`,
      ),
    );
  const policies = ["Allow", "Forbid", "Replace"];
  if (spec.concurrencyPolicy !== undefined && !policies.includes(spec.concurrencyPolicy))
    errs.push(notSupported("spec.concurrencyPolicy", spec.concurrencyPolicy, policies));
  if (cj.metadata?.name && cj.metadata.name.length > 52)
    errs.push(invalidField("metadata.name", cj.metadata.name, "must be no more than 52 characters"));
  errs.push(...validateJobSpec(spec.jobTemplate?.spec ?? {}, "spec.jobTemplate.spec"));
  return errs;
}

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

function validateService(svc: Json): FieldCause[] {
  const spec = svc.spec ?? {};
  const errs: FieldCause[] = [];
  if (spec.type !== undefined && !SERVICE_TYPES.includes(spec.type))
    errs.push(notSupported("spec.type", spec.type, SERVICE_TYPES));
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = spec.clusterIP === "None";
  if (spec.type !== "ExternalName" && !headless && ports.length === 0) errs.push(required("spec.ports"));
  if (spec.type === "ExternalName") {
    if (!spec.externalName) errs.push(required("spec.externalName"));
  }
  const names = new Set<string>();
  ports.forEach((p: Json, i: number) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p?.name) errs.push(required(`${path}.name`));
    if (p?.name) {
      for (const msg of isDNS1123Label(p.name)) errs.push(invalidField(`${path}.name`, p.name, msg));
      if (names.has(p.name))
        errs.push({
          type: "FieldValueDuplicate",
          field: `${path}.name`,
          message: `Duplicate value: ${JSON.stringify(p.name)}`,
        });
      names.add(p.name);
    }
    for (const msg of isValidPortNum(p?.port ?? 0))
      errs.push(invalidField(`${path}.port`, p?.port ?? 0, msg));
    if (p?.protocol && !["SCTP", "TCP", "UDP"].includes(p.protocol))
      errs.push(notSupported(`${path}.protocol`, p.protocol, ["SCTP", "TCP", "UDP"]));
    if (typeof p?.targetPort === "number")
      for (const msg of isValidPortNum(p.targetPort))
        errs.push(invalidField(`${path}.targetPort`, p.targetPort, msg));
    if (p?.nodePort !== undefined && spec.type !== "NodePort" && spec.type !== "LoadBalancer")
      errs.push(forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
  });
  errs.push(...validateLabels(spec.selector, "spec.selector"));
  return errs;
}

function validateNode(node: Json): FieldCause[] {
  const errs = validateNodeTaints(node.spec?.taints, "spec.taints");
  for (const part of ["capacity", "allocatable"] as const)
    for (const [name, value] of Object.entries(node.status?.[part] ?? {}))
      if (!isQuantity(value as string))
        errs.push(invalidField(`status.${part}[${name}]`, value, "must be a valid quantity"));
  return errs;
}

function validatePriorityClass(pc: Json): FieldCause[] {
  const errs: FieldCause[] = [];
  const name = String(pc.metadata?.name ?? "");
  const systemNames = ["system-node-critical", "system-cluster-critical"];
  if (name.startsWith("system-") && !systemNames.includes(name))
    errs.push(forbidden("metadata.name", "priority class names with 'system-' prefix are reserved"));
  if (typeof pc.value !== "number") errs.push(required("value"));
  else if (!systemNames.includes(name) && pc.value > 1_000_000_000)
    errs.push(forbidden("value", "maximum allowed value of a user defined priority is 1000000000"));
  if (pc.preemptionPolicy !== undefined && !["Never", "PreemptLowerPriority"].includes(pc.preemptionPolicy))
    errs.push(notSupported("preemptionPolicy", pc.preemptionPolicy, ["Never", "PreemptLowerPriority"]));
  return errs;
}

function validatePDB(pdb: Json): FieldCause[] {
  const spec = pdb.spec ?? {};
  const errs: FieldCause[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
    errs.push(invalidField("spec", spec, "minAvailable and maxUnavailable cannot be both set"));
  errs.push(...validateIntOrPercent(spec.minAvailable, "spec.minAvailable"));
  errs.push(...validateIntOrPercent(spec.maxUnavailable, "spec.maxUnavailable"));
  errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  return errs;
}

function validateResourceQuota(rq: Json): FieldCause[] {
  const errs: FieldCause[] = [];
  for (const [name, value] of Object.entries(rq.spec?.hard ?? {})) {
    const p = `spec.hard[${name}]`;
    if (!isQuantity(value as string)) errs.push(invalidField(p, value, "must be a valid quantity"));
    else if (String(value).startsWith("-"))
      errs.push(invalidField(p, value, "must be greater than or equal to 0"));
  }
  return errs;
}

function validateLimitRange(lr: Json): FieldCause[] {
  const errs: FieldCause[] = [];
  (lr.spec?.limits ?? []).forEach((item: Json, i: number) => {
    const types = ["Pod", "Container", "PersistentVolumeClaim"];
    if (!types.includes(item?.type))
      errs.push(notSupported(`spec.limits[${i}].type`, item?.type ?? "", types));
    for (const part of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"])
      for (const [name, value] of Object.entries(item?.[part] ?? {}))
        if (!isQuantity(value as string))
          errs.push(invalidField(`spec.limits[${i}].${part}[${name}]`, value, "must be a valid quantity"));
  });
  return errs;
}

function validatePod(pod: Json): FieldCause[] {
  return validatePodSpec(pod.spec, "spec");
}

const SPEC_VALIDATORS: Record<string, (obj: Json) => FieldCause[]> = {
  Pod: validatePod,
  Deployment: validateDeployment,
  ReplicaSet: validateReplicaSet,
  DaemonSet: validateDaemonSet,
  StatefulSet: validateStatefulSet,
  CertificateSigningRequest: validateCertificateSigningRequest,
  Job: (job) => validateJobSpec(job.spec ?? {}, "spec"),
  CronJob: validateCronJob,
  Service: validateService,
  Node: validateNode,
  PriorityClass: validatePriorityClass,
  PodDisruptionBudget: validatePDB,
  ResourceQuota: validateResourceQuota,
  LimitRange: validateLimitRange,
  ConfigMap: (cm) => [...validateDataKeys(cm.data, "data"), ...validateDataKeys(cm.binaryData, "binaryData")],
  Secret: (secret) => validateDataKeys({ ...(secret.data ?? {}), ...(secret.stringData ?? {}) }, "data"),
  NetworkPolicy: validateNetworkPolicy,
  Ingress: validateIngress,
  IngressClass: validateIngressClass,
  HorizontalPodAutoscaler: validateHorizontalPodAutoscaler,
};

/** Create-time validation of an object (metadata plus its kind's rules). */
export function validateObject(obj: KubeObject): FieldCause[] {
  const res = resourceForKind(obj.kind);
  const nameFn = NAME_RULES[obj.kind] ?? nameIsDNSSubdomain;
  const errs = validateObjectMeta(obj.metadata ?? {}, res?.namespaced ?? false, nameFn);
  errs.push(...(SPEC_VALIDATORS[obj.kind]?.(obj) ?? []));
  return errs;
}

/** ValidateImmutableField. */
function immutable(newValue: Json, oldValue: Json, path: string, shown: string): FieldCause[] {
  return JSON.stringify(newValue) === JSON.stringify(oldValue)
    ? []
    : [invalidRaw(path, shown, "field is immutable")];
}

/** The text of ValidatePodUpdate's Forbidden error (v1.32). */
export const POD_UPDATE_FORBIDDEN =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

function goFieldName(key: string): string {
  const special: Record<string, string> = { nodeName: "NodeName", serviceAccountName: "ServiceAccountName" };
  return special[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/** A cmp.Diff-like rendering of two specs of a Go type: changed top-level fields only. */
function specDiff(oldSpec: Json, newSpec: Json, goType = "core.PodSpec"): string {
  const keys = [...new Set([...Object.keys(oldSpec ?? {}), ...Object.keys(newSpec ?? {})])];
  const lines = [`  ${goType}{`];
  let same = 0;
  for (const k of keys) {
    const a = JSON.stringify(oldSpec?.[k]);
    const b = JSON.stringify(newSpec?.[k]);
    if (a === b) {
      same++;
      continue;
    }
    if (same) lines.push(`  \t... // ${same} identical field${same > 1 ? "s" : ""}`);
    same = 0;
    if (a !== undefined) lines.push(`- \t${goFieldName(k)}: ${a},`);
    if (b !== undefined) lines.push(`+ \t${goFieldName(k)}: ${b},`);
  }
  if (same) lines.push(`  \t... // ${same} identical field${same > 1 ? "s" : ""}`);
  lines.push("  }");
  return lines.join("\n");
}

/** ValidatePersistentVolumeClaimUpdate's message when the spec changes beyond what may. */
export const PVC_SPEC_IMMUTABLE =
  "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

/**
 * ValidatePersistentVolumeClaimUpdate: volumeName may be set once, a bound claim's storage
 * request and volumeAttributesClassName may change, nothing else; the request may not go below
 * status.capacity (RecoverVolumeExpansionFailure, beta and on in v1.32).
 */
function validatePVCUpdate(pvc: Json, old: Json): FieldCause[] {
  const errs: FieldCause[] = [];
  const oldSpec = structuredClone(old.spec ?? {});
  const newSpec = structuredClone(pvc.spec ?? {});
  if (!oldSpec.volumeName) {
    if (newSpec.volumeName === undefined) delete oldSpec.volumeName;
    else oldSpec.volumeName = newSpec.volumeName;
  }
  if (pvc.status?.phase === "Bound" && newSpec.resources?.requests) {
    newSpec.resources.requests.storage = oldSpec.resources?.requests?.storage;
    if (newSpec.resources.requests.storage === undefined) delete newSpec.resources.requests.storage;
  }
  // validateStorageClassUpgradeFromNil: a claim created with no class may get one (retroactive
  // default StorageClass assignment).
  const betaClass = "volume.beta.kubernetes.io/storage-class";
  if (
    old.metadata?.annotations?.[betaClass] === undefined &&
    oldSpec.storageClassName == null &&
    typeof newSpec.storageClassName === "string" &&
    newSpec.storageClassName.length > 0
  )
    delete newSpec.storageClassName;
  if (pvc.status?.phase === "Bound") {
    if (oldSpec.volumeAttributesClassName === undefined) delete newSpec.volumeAttributesClassName;
    else newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  }
  if (JSON.stringify(sortKeys(newSpec)) !== JSON.stringify(sortKeys(oldSpec)))
    errs.push(
      forbidden(
        "spec",
        `${PVC_SPEC_IMMUTABLE}\n${specDiff(oldSpec, newSpec, "core.PersistentVolumeClaimSpec")}\n`,
      ),
    );
  const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = parseQuantity(old.spec?.resources?.requests?.storage);
  const capacity = old.status?.capacity?.storage;
  if (newSize < oldSize && capacity !== undefined && newSize <= parseQuantity(capacity))
    errs.push(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
  return errs;
}

/** ValidatePodSpecUpdate's munging: what may change is copied from the old spec before comparing. */
function validatePodUpdate(pod: Json, old: Json): FieldCause[] {
  const newSpec = structuredClone(pod.spec ?? {});
  const oldSpec = old.spec ?? {};
  const munged = structuredClone(newSpec);
  for (const list of ["containers", "initContainers"] as const) {
    if (!Array.isArray(munged[list]) || !Array.isArray(oldSpec[list])) continue;
    munged[list].forEach((c: Json, i: number) => {
      if (c && oldSpec[list][i]) c.image = oldSpec[list][i].image;
    });
  }
  const errs: FieldCause[] = [];
  if (oldSpec.activeDeadlineSeconds !== undefined) {
    const n = newSpec.activeDeadlineSeconds;
    if (n === undefined || n > oldSpec.activeDeadlineSeconds)
      errs.push(
        invalidField("spec.activeDeadlineSeconds", n ?? 0, `must be less than or equal to previous value`),
      );
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (munged.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  // Tolerations: only additions.
  const oldTol = (oldSpec.tolerations ?? []).map((t: Json) => JSON.stringify(t));
  const newTol = (newSpec.tolerations ?? []).map((t: Json) => JSON.stringify(t));
  if (oldTol.every((t: string) => newTol.includes(t))) {
    munged.tolerations = oldSpec.tolerations;
    if (munged.tolerations === undefined) delete munged.tolerations;
  }
  if (oldSpec.terminationGracePeriodSeconds < 0 && newSpec.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  // Scheduling gates may only be removed.
  const oldGates = (oldSpec.schedulingGates ?? []).map((g: Json) => g.name);
  const newGates = (newSpec.schedulingGates ?? []).map((g: Json) => g.name);
  if (newGates.every((g: string) => oldGates.includes(g))) {
    munged.schedulingGates = oldSpec.schedulingGates;
    if (munged.schedulingGates === undefined) delete munged.schedulingGates;
  }
  if (JSON.stringify(sortKeys(munged)) !== JSON.stringify(sortKeys(oldSpec)))
    errs.push(forbidden("spec", `${POD_UPDATE_FORBIDDEN}\n${specDiff(oldSpec, munged)}\n`));
  return errs;
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

function selectorImmutable(obj: Json, old: Json): FieldCause[] {
  const a = obj.spec?.selector;
  const b = old.spec?.selector;
  if (JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))) return [];
  return [invalidRaw("spec.selector", goLabelSelector(a), "field is immutable")];
}

/** Update-time checks of a kind (immutable fields), after the create-time ones. */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldCause[] {
  const errs: FieldCause[] = [];
  switch (obj.kind) {
    case "Pod":
      errs.push(...validatePodUpdate(obj, old));
      break;
    case "Deployment":
    case "ReplicaSet":
    case "DaemonSet":
      errs.push(...selectorImmutable(obj, old));
      break;
    case "Job": {
      errs.push(...selectorImmutable(obj, old));
      const a = { ...(obj.spec?.template ?? {}) };
      const b = { ...(old.spec?.template ?? {}) };
      if (JSON.stringify(sortKeys(a.spec)) !== JSON.stringify(sortKeys(b.spec)) && !obj.spec?.suspend)
        errs.push(invalidRaw("spec.template", "core.PodTemplateSpec{...}", "field is immutable"));
      errs.push(
        ...immutable(
          obj.spec?.completions,
          old.spec?.completions,
          "spec.completions",
          String(obj.spec?.completions),
        ),
      );
      break;
    }
    case "Service": {
      const oldIP = old.spec?.clusterIP;
      if (
        oldIP &&
        oldIP !== "" &&
        obj.spec?.clusterIP !== undefined &&
        obj.spec.clusterIP !== oldIP &&
        obj.spec.type !== "ExternalName"
      )
        errs.push(
          invalidRaw(
            "spec.clusterIPs[0]",
            `[]string{${JSON.stringify(obj.spec.clusterIP)}}`,
            "may not change once set",
          ),
        );
      break;
    }
    case "PriorityClass":
      if (obj.value !== old.value) errs.push(forbidden("value", "may not be changed in an update."));
      if (
        (obj.preemptionPolicy ?? "PreemptLowerPriority") !== (old.preemptionPolicy ?? "PreemptLowerPriority")
      )
        errs.push(invalidRaw("preemptionPolicy", JSON.stringify(obj.preemptionPolicy), "field is immutable"));
      break;
    case "StatefulSet":
      errs.push(...validateStatefulSetUpdate(obj, old));
      break;
    case "PersistentVolumeClaim":
      errs.push(...validatePVCUpdate(obj, old));
      break;
    case "IngressClass":
      errs.push(...validateIngressClassUpdate(obj, old));
      break;
    case "CertificateSigningRequest":
      errs.push(...validateCertificateSigningRequestUpdate(obj, old, ""));
      break;
    case "ConfigMap":
    case "Secret":
      errs.push(...immutableDataUpdate(obj, old));
      break;
    case "Namespace":
      break;
  }
  return errs;
}

/** The detail of a change to an immutable ConfigMap or Secret (ValidateConfigMapUpdate, ValidateSecretUpdate). */
const IMMUTABLE_SET = "field is immutable when `immutable` is set";

/**
 * ValidateConfigMapUpdate / ValidateSecretUpdate: once `immutable: true`, neither the flag nor
 * the data may change (a Secret's type never may).
 */
function immutableDataUpdate(obj: Json, old: Json): FieldCause[] {
  const errs: FieldCause[] = [];
  if (obj.kind === "Secret" && (obj.type ?? "Opaque") !== (old.type ?? "Opaque"))
    errs.push(invalidRaw("type", JSON.stringify(obj.type ?? "Opaque"), "field is immutable"));
  if (old.immutable !== true) return errs;
  const same = (a: unknown, b: unknown) =>
    JSON.stringify(sortKeys(a ?? {})) === JSON.stringify(sortKeys(b ?? {}));
  if (obj.immutable !== true) errs.push(forbidden("immutable", IMMUTABLE_SET));
  if (!same(obj.data, old.data)) errs.push(forbidden("data", IMMUTABLE_SET));
  if (obj.kind === "ConfigMap" && !same(obj.binaryData, old.binaryData))
    errs.push(forbidden("binaryData", IMMUTABLE_SET));
  return errs;
}

export { isDNS1123Subdomain };
