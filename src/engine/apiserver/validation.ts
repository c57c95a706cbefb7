/**
 * Object and pod spec validation with the texts of pkg/apis/core/validation/validation.go.
 * Each function returns field errors (FieldCause); an empty list means valid.
 */
import type { FieldCause } from "../api/errors";
import { validateEphemeralContainers } from "./ephemeral";
import {
  duplicate,
  forbidden,
  invalidField,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  notSupported,
  required,
} from "./field";
import { compareQuantities, formatQuantity, parseQuantityExact } from "./quantity";

// biome-ignore lint/suspicious/noExplicitAny: validation walks open JSON
type Json = any;

/** How an object's name is checked (ValidateNameFunc). */
export type NameValidator = (name: string) => string[];

export const nameIsDNSSubdomain: NameValidator = isDNS1123Subdomain;
export const nameIsDNSLabel: NameValidator = isDNS1123Label;
export const nameIsDNS1035Label: NameValidator = isDNS1035Label;

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateLabels: keys are qualified names, values label values. */
export function validateLabels(labels: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!labels || typeof labels !== "object") return errs;
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(invalidField(path, k, msg));
    for (const msg of isValidLabelValue(String(v ?? ""))) errs.push(invalidField(path, v, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (lower-cased), total size at most 256 KiB. */
export function validateAnnotations(annotations: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!annotations || typeof annotations !== "object") return errs;
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalidField(path, k, msg));
    size += k.length + String(v ?? "").length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT)
    errs.push({
      type: "FieldValueTooLong",
      field: path,
      message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`,
    });
  return errs;
}

/** ValidateObjectMeta: name (with the kind's rule), namespace, labels, annotations. */
export function validateObjectMeta(
  meta: Json,
  namespaced: boolean,
  nameFn: NameValidator,
  path = "metadata",
): FieldCause[] {
  const errs: FieldCause[] = [];
  if (meta.generateName) {
    for (const msg of nameFn(String(meta.generateName).replace(/-$/, "a")))
      errs.push(invalidField(`${path}.generateName`, meta.generateName, msg));
  }
  if (!meta.name) errs.push(required(`${path}.name`, "name or generateName is required"));
  else for (const msg of nameFn(String(meta.name))) errs.push(invalidField(`${path}.name`, meta.name, msg));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(`${path}.namespace`));
    else
      for (const msg of isDNS1123Label(String(meta.namespace)))
        errs.push(invalidField(`${path}.namespace`, meta.namespace, msg));
  } else if (meta.namespace) errs.push(forbidden(`${path}.namespace`, "not allowed on this type"));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errs;
}

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const TOLERATION_OPERATORS = ["Equal", "Exists"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];
const PREEMPTION_POLICIES = ["Never", "PreemptLowerPriority"];
const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

/** validateResourceName for container resources: standard, hugepages-*, or fully qualified. */
function validateContainerResourceName(name: string, path: string): FieldCause[] {
  if (STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith("hugepages-")) return [];
  const errs: FieldCause[] = [];
  for (const msg of isQualifiedName(name)) errs.push(invalidField(path, name, msg));
  if (errs.length) return errs;
  if (!name.includes("/"))
    return [invalidField(path, name, "must be a standard resource type or fully qualified")];
  if (name.startsWith("kubernetes.io/") || name.includes(".kubernetes.io/") === false) return [];
  return [invalidField(path, name, "must be a standard resource for containers")];
}

/** ValidateResourceRequirements: names, non-negative quantities, requests <= limits. */
export function validateResources(res: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!res || typeof res !== "object") return errs;
  for (const part of ["limits", "requests"] as const) {
    for (const [name, value] of Object.entries(res[part] ?? {})) {
      const p = `${path}.${part}[${name}]`;
      errs.push(...validateContainerResourceName(name, p));
      const q = parseQuantityExact(value as string);
      if (!q) {
        errs.push(invalidField(p, value, "must be a valid quantity"));
        continue;
      }
      if (q.nanos < 0n) errs.push(invalidField(p, formatQuantity(q), "must be greater than or equal to 0"));
      if (name.startsWith("hugepages-") && q.nanos % 1_000_000_000n !== 0n)
        errs.push(invalidField(p, formatQuantity(q), "must be an integer"));
    }
  }
  for (const [name, value] of Object.entries(res.requests ?? {})) {
    const limit = res.limits?.[name];
    if (limit === undefined) continue;
    const rq = parseQuantityExact(value as string);
    const lq = parseQuantityExact(limit);
    if (rq && lq && compareQuantities(rq, lq) > 0)
      errs.push(
        invalidField(
          `${path}.requests`,
          formatQuantity(rq),
          `must be less than or equal to ${name} limit of ${formatQuantity(lq)}`,
        ),
      );
  }
  return errs;
}

function validateContainerPorts(ports: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!Array.isArray(ports)) return errs;
  const names = new Set<string>();
  ports.forEach((port: Json, i: number) => {
    const p = `${path}[${i}]`;
    if (port?.name) {
      for (const msg of isValidPortName(port.name)) errs.push(invalidField(`${p}.name`, port.name, msg));
      if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      names.add(port.name);
    }
    if (!port?.containerPort) errs.push(required(`${p}.containerPort`));
    else
      for (const msg of isValidPortNum(port.containerPort))
        errs.push(invalidField(`${p}.containerPort`, port.containerPort, msg));
    if (port?.hostPort)
      for (const msg of isValidPortNum(port.hostPort))
        errs.push(invalidField(`${p}.hostPort`, port.hostPort, msg));
    if (!port?.protocol) errs.push(required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol))
      errs.push(notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
  });
  return errs;
}

function validateContainers(
  containers: Json,
  path: string,
  names: Set<string>,
  requiredList: boolean,
): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!Array.isArray(containers) || containers.length === 0) {
    if (requiredList) errs.push(required(path));
    return errs;
  }
  containers.forEach((c: Json, i: number) => {
    const p = `${path}[${i}]`;
    if (!c?.name) errs.push(required(`${p}.name`));
    else {
      for (const msg of isDNS1123Label(c.name)) errs.push(invalidField(`${p}.name`, c.name, msg));
      if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
      names.add(c.name);
    }
    if (!c?.image || String(c.image).trim() === "") errs.push(required(`${p}.image`));
    else if (typeof c.image === "string" && c.image.trim() !== c.image)
      errs.push(invalidField(`${p}.image`, c.image, "must not have leading or trailing whitespace"));
    if (c?.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy))
      errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    if (
      c?.terminationMessagePolicy !== undefined &&
      !TERMINATION_MESSAGE_POLICIES.includes(c.terminationMessagePolicy)
    )
      errs.push(
        notSupported(
          `${p}.terminationMessagePolicy`,
          c.terminationMessagePolicy,
          TERMINATION_MESSAGE_POLICIES,
        ),
      );
    errs.push(...validateContainerPorts(c?.ports, `${p}.ports`));
    errs.push(...validateEnv(c?.env, `${p}.env`));
    errs.push(...validateResources(c?.resources, `${p}.resources`));
    const volumeMounts = Array.isArray(c?.volumeMounts) ? c.volumeMounts : [];
    volumeMounts.forEach((m: Json, j: number) => {
      if (!m?.name) errs.push(required(`${p}.volumeMounts[${j}].name`));
      if (!m?.mountPath) errs.push(required(`${p}.volumeMounts[${j}].mountPath`));
    });
  });
  return errs;
}

/** ValidateEnv: names (relaxed in v1.32: printable ASCII other than "="). */
function validateEnv(env: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!Array.isArray(env)) return errs;
  env.forEach((e: Json, i: number) => {
    const p = `${path}[${i}].name`;
    if (!e?.name) errs.push(required(p));
    else for (const msg of isRelaxedEnvVarName(String(e.name))) errs.push(invalidField(p, e.name, msg));
    errs.push(...validateEnvVarValueFrom(e?.valueFrom, `${path}[${i}].valueFrom`));
  });
  return errs;
}

/** validateEnvVarValueFrom's required fields of each source (validateObjectFieldSelector, validateConfigMapKeySelector, ...). */
function validateEnvVarValueFrom(from: Json, p: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!from || typeof from !== "object") return errs;
  if (from.fieldRef && !from.fieldRef.fieldPath) errs.push(required(`${p}.fieldRef.fieldPath`));
  if (from.resourceFieldRef && !from.resourceFieldRef.resource)
    errs.push(required(`${p}.resourceFieldRef.resource`));
  for (const ref of ["configMapKeyRef", "secretKeyRef"]) {
    if (!from[ref]) continue;
    if (!from[ref].name) errs.push(required(`${p}.${ref}.name`));
    if (!from[ref].key) errs.push(required(`${p}.${ref}.key`));
  }
  return errs;
}

/** The data keys of a ConfigMap or Secret (ValidateConfigMap, ValidateSecret), in key order. */
export function validateDataKeys(data: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!data || typeof data !== "object") return errs;
  for (const key of Object.keys(data).sort())
    for (const msg of isConfigMapKey(key)) errs.push(invalidField(`${path}[${key}]`, key, msg));
  return errs;
}

/** validateTolerations. */
export function validateTolerations(tolerations: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!Array.isArray(tolerations)) return errs;
  tolerations.forEach((t: Json, i: number) => {
    const p = `${path}[${i}]`;
    if (t?.key) for (const msg of isQualifiedName(t.key)) errs.push(invalidField(`${p}.key`, t.key, msg));
    if (!t?.key && t?.operator !== "Exists")
      errs.push(
        invalidField(
          `${p}.operator`,
          t?.operator ?? "",
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t?.tolerationSeconds !== undefined && t?.effect !== "NoExecute")
      errs.push(
        invalidField(
          `${p}.effect`,
          t?.effect ?? "",
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    switch (t?.operator) {
      case undefined:
      case "":
      case "Equal":
        for (const msg of isValidLabelValue(String(t?.value ?? "")))
          errs.push(invalidField(`${p}.operator`, t.value, msg));
        break;
      case "Exists":
        if (t.value)
          errs.push(
            invalidField(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"),
          );
        break;
      default:
        errs.push(notSupported(`${p}.operator`, t.operator, TOLERATION_OPERATORS));
    }
    if (t?.effect && !TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** validateNodeSelectorRequirement / metav1 label selector requirement (shared texts). */
function validateSelectorRequirement(req: Json, path: string, node: boolean): FieldCause[] {
  const errs: FieldCause[] = [];
  const op = req?.operator;
  const values = Array.isArray(req?.values) ? req.values : [];
  switch (op) {
    case "In":
    case "NotIn":
      if (values.length === 0)
        errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0)
        errs.push(
          forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      break;
    case "Gt":
    case "Lt":
      if (node) {
        if (values.length !== 1)
          errs.push(
            required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"),
          );
        break;
      }
      errs.push(invalidField(`${path}.operator`, op, "not a valid selector operator"));
      break;
    default:
      if (node) errs.push(invalidField(`${path}.operator`, op ?? "", "not a valid selector operator"));
      else errs.push(notSupported(`${path}.operator`, op ?? "", ["In", "NotIn", "Exists", "DoesNotExist"]));
  }
  if (req?.key !== undefined || !node)
    for (const msg of isQualifiedName(String(req?.key ?? "")))
      errs.push(invalidField(`${path}.key`, req?.key ?? "", msg));
  return errs;
}

/** ValidateLabelSelector (metav1validation). */
export function validateLabelSelector(sel: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!sel) return errs;
  (sel.matchExpressions ?? []).forEach((req: Json, i: number) => {
    errs.push(...validateSelectorRequirement(req, `${path}.matchExpressions[${i}]`, false));
  });
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}

function validateNodeSelectorTerm(term: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  (term?.matchExpressions ?? []).forEach((req: Json, i: number) => {
    errs.push(...validateSelectorRequirement(req, `${path}.matchExpressions[${i}]`, true));
  });
  (term?.matchFields ?? []).forEach((req: Json, i: number) => {
    const p = `${path}.matchFields[${i}]`;
    if (req?.key !== "metadata.name")
      errs.push(invalidField(`${p}.key`, req?.key ?? "", "not a valid field selector key"));
    if (req?.operator !== "In" && req?.operator !== "NotIn")
      errs.push(invalidField(`${p}.operator`, req?.operator ?? "", "not a valid selector operator"));
    else if (!Array.isArray(req.values) || req.values.length !== 1)
      errs.push(
        required(
          `${p}.values`,
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
  });
  return errs;
}

function validatePodAffinityTerm(term: Json, path: string): FieldCause[] {
  const errs = validateLabelSelector(term?.labelSelector, `${path}.labelSelector`);
  if (!term?.topologyKey) errs.push(required(`${path}.topologyKey`, "can not be empty"));
  else
    for (const msg of isQualifiedName(term.topologyKey))
      errs.push(invalidField(`${path}.topologyKey`, term.topologyKey, msg));
  return errs;
}

function validateWeight(w: Json, path: string): FieldCause[] {
  return typeof w === "number" && w >= 1 && w <= 100
    ? []
    : [invalidField(`${path}.weight`, w ?? 0, "must be in the range 1-100")];
}

/** validateAffinity. */
export function validateAffinity(aff: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!aff) return errs;
  const na = aff.nodeAffinity;
  if (na) {
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const p = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      const terms = req.nodeSelectorTerms ?? [];
      if (terms.length === 0) errs.push(required(p, "must have at least one node selector term"));
      terms.forEach((t: Json, i: number) => {
        errs.push(...validateNodeSelectorTerm(t, `${p}[${i}]`));
      });
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: Json, i: number) => {
      const p = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      errs.push(...validateWeight(t?.weight, p));
      errs.push(...validateNodeSelectorTerm(t?.preference, `${p}.preference`));
    });
  }
  for (const kind of ["podAffinity", "podAntiAffinity"] as const) {
    const pa = aff[kind];
    if (!pa) continue;
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: Json, i: number) => {
      errs.push(
        ...validatePodAffinityTerm(t, `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`),
      );
    });
    (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: Json, i: number) => {
      const p = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      errs.push(...validateWeight(t?.weight, p));
      errs.push(...validatePodAffinityTerm(t?.podAffinityTerm, `${p}.podAffinityTerm`));
    });
  }
  return errs;
}

function validateVolumes(volumes: Json, path: string): { errs: FieldCause[]; names: Set<string> } {
  const errs: FieldCause[] = [];
  const names = new Set<string>();
  if (!Array.isArray(volumes)) return { errs, names };
  volumes.forEach((v: Json, i: number) => {
    const p = `${path}[${i}]`;
    if (!v?.name) errs.push(required(`${p}.name`));
    else {
      for (const msg of isDNS1123Label(v.name)) errs.push(invalidField(`${p}.name`, v.name, msg));
      if (names.has(v.name)) errs.push(duplicate(`${p}.name`, v.name));
      names.add(v.name);
    }
    errs.push(...validateVolumeSource(v, p));
  });
  return { errs, names };
}

/** The required names and paths of validateVolumeSource's sources (validateHostPathVolumeSource, ...). */
function validateVolumeSource(v: Json, p: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (v?.hostPath && !v.hostPath.path) errs.push(required(`${p}.hostPath.path`));
  if (v?.configMap && !v.configMap.name) errs.push(required(`${p}.configMap.name`));
  if (v?.secret && !v.secret.secretName) errs.push(required(`${p}.secret.secretName`));
  if (v?.persistentVolumeClaim && !v.persistentVolumeClaim.claimName)
    errs.push(required(`${p}.persistentVolumeClaim.claimName`));
  return errs;
}

/** ValidatePodSpec (the parts the simulator uses). `path` is "spec" or "spec.template.spec". */
export function validatePodSpec(spec: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!spec || typeof spec !== "object") return [required(path)];
  const volumes = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...volumes.errs);
  const names = new Set<string>();
  errs.push(...validateContainers(spec.containers, `${path}.containers`, names, true));
  errs.push(...validateContainers(spec.initContainers, `${path}.initContainers`, names, false));
  errs.push(
    ...validateEphemeralContainers(spec.ephemeralContainers, new Set(names), `${path}.ephemeralContainers`),
  );
  for (const list of ["containers", "initContainers"] as const)
    (Array.isArray(spec[list]) ? spec[list] : []).forEach((c: Json, i: number) => {
      (Array.isArray(c?.volumeMounts) ? c.volumeMounts : []).forEach((m: Json, j: number) => {
        if (m?.name && !volumes.names.has(m.name))
          errs.push({
            type: "FieldValueNotFound",
            field: `${path}.${list}[${i}].volumeMounts[${j}].name`,
            message: `Not found: ${JSON.stringify(m.name)}`,
          });
      });
    });
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy))
    errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy))
    errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  if (spec.nodeSelector) errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (spec.nodeName)
    for (const msg of isDNS1123Subdomain(spec.nodeName))
      errs.push(invalidField(`${path}.nodeName`, spec.nodeName, msg));
  if (spec.serviceAccountName)
    for (const msg of isDNS1123Subdomain(spec.serviceAccountName))
      errs.push(invalidField(`${path}.serviceAccountName`, spec.serviceAccountName, msg));
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0)
    errs.push(
      invalidField(
        `${path}.terminationGracePeriodSeconds`,
        spec.terminationGracePeriodSeconds,
        "must be >= 0",
      ),
    );
  if (spec.activeDeadlineSeconds !== undefined && !(spec.activeDeadlineSeconds >= 1))
    errs.push(
      invalidField(
        `${path}.activeDeadlineSeconds`,
        spec.activeDeadlineSeconds,
        "must be between 1 and 2147483647, inclusive",
      ),
    );
  if (spec.preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(spec.preemptionPolicy))
    errs.push(notSupported(`${path}.preemptionPolicy`, spec.preemptionPolicy, PREEMPTION_POLICIES));
  if (spec.hostname)
    for (const msg of isDNS1123Label(spec.hostname))
      errs.push(invalidField(`${path}.hostname`, spec.hostname, msg));
  if (spec.subdomain)
    for (const msg of isDNS1123Label(spec.subdomain))
      errs.push(invalidField(`${path}.subdomain`, spec.subdomain, msg));
  if (spec.priorityClassName)
    for (const msg of isDNS1123Subdomain(spec.priorityClassName))
      errs.push(invalidField(`${path}.priorityClassName`, spec.priorityClassName, msg));
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errs.push(...validateAffinity(spec.affinity, `${path}.affinity`));
  (spec.topologySpreadConstraints ?? []).forEach((c: Json, i: number) => {
    const p = `${path}.topologySpreadConstraints[${i}]`;
    if (!(c?.maxSkew > 0))
      errs.push(invalidField(`${p}.maxSkew`, c?.maxSkew ?? 0, "must be greater than zero"));
    if (!c?.topologyKey) errs.push(required(`${p}.topologyKey`, "can not be empty"));
    if (c?.whenUnsatisfiable !== "DoNotSchedule" && c?.whenUnsatisfiable !== "ScheduleAnyway")
      errs.push(
        notSupported(`${p}.whenUnsatisfiable`, c?.whenUnsatisfiable ?? "", [
          "DoNotSchedule",
          "ScheduleAnyway",
        ]),
      );
  });
  return errs;
}

/** Taint list checks shared by Node spec validation. */
export function validateNodeTaints(taints: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!Array.isArray(taints)) return errs;
  const seen = new Set<string>();
  taints.forEach((t: Json, i: number) => {
    const p = `${path}[${i}]`;
    for (const msg of isQualifiedName(String(t?.key ?? "")))
      errs.push(invalidField(`${p}.key`, t?.key ?? "", msg));
    if (t?.value)
      for (const msg of isValidLabelValue(t.value)) errs.push(invalidField(`${p}.value`, t.value, msg));
    if (!t?.effect) errs.push(required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
    const key = `${t?.key}\u0000${t?.effect}`;
    if (seen.has(key)) {
      const shown = `core.Taint{Key:${JSON.stringify(t?.key ?? "")}, Value:${JSON.stringify(t?.value ?? "")}, Effect:${JSON.stringify(t?.effect ?? "")}, TimeAdded:<nil>}`;
      errs.push({
        type: "FieldValueDuplicate",
        field: p,
        message: `Duplicate value: ${shown}: taints must be unique by key and effect pair`,
      });
    }
    seen.add(key);
  });
  return errs;
}
