/**
 * Ephemeral containers (pkg/apis/core/validation/validation.go validateEphemeralContainers,
 * ValidatePodEphemeralContainersUpdate; pkg/registry/core/pod/strategy.go
 * podEphemeralContainersStrategy): the checks on spec.ephemeralContainers, and what a write to
 * the pods/ephemeralcontainers subresource may change (only additions).
 */
import type { FieldCause } from "../api/errors";
import { duplicate, forbidden, invalidField, isDNS1123Label, required } from "./field";

// biome-ignore lint/suspicious/noExplicitAny: validation walks open JSON
type Json = any;

/** The detail of every field an ephemeral container may not set. */
export const EphemeralFieldForbidden = "cannot be set for an Ephemeral Container";
/** ValidatePodCreate: ephemeral containers come only through the subresource. */
export const EphemeralOnCreateForbidden = "cannot be set on create";
/** ValidatePodEphemeralContainersUpdate on a mirror pod (#113935). */
export const StaticPodEphemeralForbidden = "static pods do not support ephemeral containers";

/** The annotation a mirror pod carries. */
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

/**
 * The EphemeralContainerCommon fields an ephemeral container may set (allowedEphemeralContainerFields);
 * the others (ports, probes, lifecycle, resources, restartPolicy...) are Forbidden.
 */
const ALLOWED_FIELDS = new Set([
  "name",
  "image",
  "command",
  "args",
  "workingDir",
  "envFrom",
  "env",
  "volumeMounts",
  "volumeDevices",
  "terminationMessagePath",
  "terminationMessagePolicy",
  "imagePullPolicy",
  "securityContext",
  "stdin",
  "stdinOnce",
  "tty",
  "targetContainerName",
]);

/** Whether a value is Go's zero value for its field (what validateFieldAllowList skips). */
function isZero(v: Json): boolean {
  if (v === undefined || v === null || v === false || v === "" || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.values(v).every(isZero);
  return false;
}

/**
 * validateEphemeralContainers: names are DNS labels unique among all the pod's containers, only
 * the allowed fields are set, no subPath mounts, and a target names a container or init container.
 * `names` holds the names of spec.containers and spec.initContainers.
 */
export function validateEphemeralContainers(
  list: Json,
  names: ReadonlySet<string>,
  path: string,
): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!Array.isArray(list)) return errs;
  const seen = new Set(names);
  list.forEach((ec: Json, i: number) => {
    const p = `${path}[${i}]`;
    if (!ec?.name) errs.push(required(`${p}.name`));
    else {
      for (const msg of isDNS1123Label(ec.name)) errs.push(invalidField(`${p}.name`, ec.name, msg));
      if (seen.has(ec.name)) errs.push(duplicate(`${p}.name`, ec.name));
      seen.add(ec.name);
    }
    if (!ec?.image || String(ec.image).trim() === "") errs.push(required(`${p}.image`));
    for (const [key, value] of Object.entries(ec ?? {}))
      if (!ALLOWED_FIELDS.has(key) && !isZero(value))
        errs.push(forbidden(`${p}.${key}`, EphemeralFieldForbidden));
    (Array.isArray(ec?.volumeMounts) ? ec.volumeMounts : []).forEach((m: Json, j: number) => {
      if (m?.subPath) errs.push(forbidden(`${p}.volumeMounts[${j}].subPath`, EphemeralFieldForbidden));
      if (m?.subPathExpr)
        errs.push(forbidden(`${p}.volumeMounts[${j}].subPathExpr`, EphemeralFieldForbidden));
    });
    if (ec?.targetContainerName && !names.has(ec.targetContainerName))
      errs.push({
        type: "FieldValueNotFound",
        field: `${p}.targetContainerName`,
        message: `Not found: ${JSON.stringify(ec.targetContainerName)}`,
      });
  });
  return errs;
}

/**
 * ValidatePodEphemeralContainersUpdate: the new pod's own validation errors (podErrors), unless
 * the pod is a mirror pod, which takes none; then existing ephemeral containers may be neither
 * removed nor changed.
 */
export function validateEphemeralContainersUpdate(
  pod: Json,
  old: Json,
  podErrors: FieldCause[],
): FieldCause[] {
  if (old?.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined)
    return [forbidden("", StaticPodEphemeralForbidden)];
  const errs: FieldCause[] = [...podErrors];
  const path = "spec.ephemeralContainers";
  const next = new Map<string, Json>();
  for (const ec of pod?.spec?.ephemeralContainers ?? []) next.set(ec?.name, ec);
  for (const ec of old?.spec?.ephemeralContainers ?? []) {
    const now = next.get(ec.name);
    if (now === undefined)
      errs.push(
        forbidden(path, `existing ephemeral containers ${JSON.stringify(ec.name)} may not be removed\n`),
      );
    else if (JSON.stringify(sorted(now)) !== JSON.stringify(sorted(ec)))
      errs.push(
        forbidden(path, `existing ephemeral containers ${JSON.stringify(ec.name)} may not be changed\n`),
      );
  }
  return errs;
}

/** A JSON value with its object keys in order, for a comparison that ignores key order. */
function sorted(v: Json): Json {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted(v[k])]),
    );
  return v;
}
