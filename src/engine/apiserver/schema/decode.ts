/**
 * Typed decoding, as the API server's JSON serializer decodes a request body into the v1.32 Go
 * types (sigs.k8s.io/json, a fork of encoding/json): a value of the wrong JSON type is refused
 * with encoding/json's UnmarshalTypeError text (`json: cannot unmarshal string into Go struct
 * field DeploymentSpec.spec.replicas of type int32`), the first one in the order the body is read;
 * a type with its own UnmarshalJSON (Quantity, IntOrString, Time) stops decoding with its own
 * error. Quantities that decode are written back in canonical form (`0.5` is `500m`), as the
 * stored object would marshal them.
 *
 * kubectl sends the body as Go marshals a map: keys in sorted order, so fields are read sorted.
 * The Go types come from the OpenAPI definitions (v1.Container, []v1.Toleration, int32,
 * map[string]string); named string types the OpenAPI document flattens are listed in NAMED_TYPES.
 */
import { ERR_FORMAT_WRONG, formatQuantity, parseQuantityExact } from "../quantity";
import type { JsonSchema } from "./strict";

/** What decoding found: nothing wrong, or the decoder's error text (json: ..., quantities ...). */
export type DecodeResult = { ok: true } | { ok: false; message: string };

const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
const MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";

/** resource.ErrSuffix and resource.ErrNumeric (k8s.io/apimachinery/pkg/api/resource/quantity.go). */
export const ERR_SUFFIX = "unable to parse quantity's suffix";
export const ERR_NUMERIC = "unable to parse numeric part of quantity";

/**
 * Go named types the OpenAPI document writes as plain strings or maps, by "Struct.field"; the
 * decoder's message names the Go type (`of type v1.Protocol`).
 */
const NAMED_TYPES: Record<string, string> = {
  "Container.imagePullPolicy": "v1.PullPolicy",
  "Container.terminationMessagePolicy": "v1.TerminationMessagePolicy",
  "Container.restartPolicy": "v1.ContainerRestartPolicy",
  "ContainerPort.protocol": "v1.Protocol",
  "ServicePort.protocol": "v1.Protocol",
  "EndpointPort.protocol": "v1.Protocol",
  "PodSpec.restartPolicy": "v1.RestartPolicy",
  "PodSpec.dnsPolicy": "v1.DNSPolicy",
  "PodSpec.preemptionPolicy": "v1.PreemptionPolicy",
  "PriorityClass.preemptionPolicy": "v1.PreemptionPolicy",
  "Toleration.operator": "v1.TolerationOperator",
  "Toleration.effect": "v1.TaintEffect",
  "Taint.effect": "v1.TaintEffect",
  "NodeSelectorRequirement.operator": "v1.NodeSelectorOperator",
  "LabelSelectorRequirement.operator": "v1.LabelSelectorOperator",
  "ServiceSpec.type": "v1.ServiceType",
  "ServiceSpec.sessionAffinity": "v1.ServiceAffinity",
  "ServiceSpec.externalTrafficPolicy": "v1.ServiceExternalTrafficPolicy",
  "DeploymentStrategy.type": "v1.DeploymentStrategyType",
  "DaemonSetUpdateStrategy.type": "v1.DaemonSetUpdateStrategyType",
  "StatefulSetUpdateStrategy.type": "v1.StatefulSetUpdateStrategyType",
  "JobSpec.completionMode": "v1.CompletionMode",
  "CronJobSpec.concurrencyPolicy": "v1.ConcurrencyPolicy",
  "Secret.type": "v1.SecretType",
  "PodStatus.phase": "v1.PodPhase",
  "PodStatus.qosClass": "v1.PodQOSClass",
  "HostPathVolumeSource.type": "v1.HostPathType",
  "EnvVarSource.fieldRef": "v1.ObjectFieldSelector",
  "PersistentVolumeClaimSpec.volumeMode": "v1.PersistentVolumeMode",
  "PersistentVolumeClaimSpec.accessModes": "[]v1.PersistentVolumeAccessMode",
  "PersistentVolumeSpec.accessModes": "[]v1.PersistentVolumeAccessMode",
  "PersistentVolumeSpec.persistentVolumeReclaimPolicy": "v1.PersistentVolumeReclaimPolicy",
  "PersistentVolumeSpec.volumeMode": "v1.PersistentVolumeMode",
  "StorageClass.reclaimPolicy": "v1.PersistentVolumeReclaimPolicy",
  "StorageClass.volumeBindingMode": "v1.VolumeBindingMode",
  "EphemeralContainer.imagePullPolicy": "v1.PullPolicy",
  "EphemeralContainer.terminationMessagePolicy": "v1.TerminationMessagePolicy",
  "Capabilities.add": "[]v1.Capability",
  "Capabilities.drop": "[]v1.Capability",
  "SecurityContext.procMount": "v1.ProcMountType",
  "SeccompProfile.type": "v1.SeccompProfileType",
  "AppArmorProfile.type": "v1.AppArmorProfileType",
  "PodSecurityContext.fsGroupChangePolicy": "v1.PodFSGroupChangePolicy",
  "PodOS.name": "v1.OSName",
  "HTTPGetAction.scheme": "v1.URIScheme",
  "ContainerResizePolicy.resourceName": "v1.ResourceName",
  "ContainerResizePolicy.restartPolicy": "v1.ResourceResizeRestartPolicy",
  "TopologySpreadConstraint.whenUnsatisfiable": "v1.UnsatisfiableConstraintAction",
  "TopologySpreadConstraint.nodeAffinityPolicy": "v1.NodeInclusionPolicy",
  "TopologySpreadConstraint.nodeTaintsPolicy": "v1.NodeInclusionPolicy",
  "ServiceSpec.ipFamilies": "[]v1.IPFamily",
  "ServiceSpec.ipFamilyPolicy": "v1.IPFamilyPolicy",
  "ServiceSpec.internalTrafficPolicy": "v1.ServiceInternalTrafficPolicy",
  "JobSpec.podReplacementPolicy": "v1.PodReplacementPolicy",
  "PodFailurePolicyRule.action": "v1.PodFailurePolicyAction",
  "ResourceQuotaSpec.scopes": "[]v1.ResourceQuotaScope",
  "LimitRangeItem.type": "v1.LimitType",
  "NamespaceSpec.finalizers": "[]v1.FinalizerName",
  "PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy": "v1.UnhealthyPodEvictionPolicyType",
};

/** A schema with its $ref (and one-element allOf wrapper) resolved, and the definition's name. */
interface Resolved {
  schema: JsonSchema;
  /** The definition name when the node was a reference ("io.k8s.api.core.v1.Container"). */
  def?: string;
}

/** One decode pass over an object (the state encoding/json's decodeState keeps). */
class Decoder {
  /** The first UnmarshalTypeError (or base64 error), reported when nothing aborts. */
  saved: string | undefined;

  constructor(private readonly definitions: Record<string, JsonSchema>) {}

  resolve(node: JsonSchema | undefined): Resolved | undefined {
    let s = node;
    let def: string | undefined;
    for (let i = 0; s && i < 10; i++) {
      if (s.$ref) {
        def = s.$ref.replace("#/definitions/", "");
        s = this.definitions[def];
      } else if (s.allOf && s.allOf.length === 1) s = s.allOf[0];
      else return s ? { schema: s, def } : undefined;
    }
    return s ? { schema: s, def } : undefined;
  }

  /** The Go type a schema node decodes into, as reflect.Type.String() prints it. */
  goType(r: Resolved, named?: string): string {
    if (named) return named;
    const s = r.schema;
    if (r.def && (s.properties || r.def === QUANTITY || r.def === INT_OR_STRING || r.def === TIME))
      return goTypeName(r.def);
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    switch (type) {
      case "string":
        return s.format === "byte" ? "[]uint8" : "string";
      case "boolean":
        return "bool";
      case "integer":
        return s.format === "int32" ? "int32" : "int64";
      case "number":
        return "float64";
      case "array": {
        const item = this.resolve(s.items);
        return `[]${item ? this.goType(item) : "interface {}"}`;
      }
      case "object": {
        if (s.additionalProperties && typeof s.additionalProperties === "object") {
          const elem = this.resolve(s.additionalProperties);
          if (elem?.def === QUANTITY) return "v1.ResourceList";
          return `map[string]${elem ? this.goType(elem) : "interface {}"}`;
        }
        return "map[string]interface {}";
      }
      default:
        return "interface {}";
    }
  }

  /** A type error at the current field (UnmarshalTypeError with its errorContext), kept if first. */
  typeError(value: string, type: string, struct: string, path: string[]): void {
    if (this.saved === undefined) this.saved = unmarshalTypeError(value, type, struct, path);
  }

  /**
   * Decodes value against node. struct and path are the errorContext (the innermost Go struct
   * and the JSON field names from the root). Returns an error that stops decoding (an
   * UnmarshalJSON failure), or undefined. set replaces the value (canonical quantities).
   */
  value(
    value: unknown,
    node: JsonSchema | undefined,
    struct: string,
    path: string[],
    set: (v: unknown) => void,
    named?: string,
  ): string | undefined {
    const r = this.resolve(node);
    if (!r || value === null || value === undefined) return undefined;
    if (r.def === QUANTITY) return decodeQuantity(value, set);
    // An UnmarshalJSON's own json.Unmarshal error stops decoding; d.unmarshal adds the field.
    const inner =
      r.def === INT_OR_STRING
        ? intOrStringError(value)
        : r.def === TIME || r.def === MICRO_TIME
          ? timeError(value)
          : undefined;
    if (inner) return unmarshalTypeError(inner.value, inner.type, struct, path);
    if (r.def === INT_OR_STRING || r.def === TIME || r.def === MICRO_TIME) return undefined;
    const s = r.schema;
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    const kind = jsonKind(value);
    if (s.properties) {
      if (kind !== "object") {
        this.typeError(kind, this.goType(r, named), struct, path);
        return undefined;
      }
      const name = r.def ? (r.def.split(".").pop() as string) : struct;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record).sort()) {
        const prop = s.properties[key];
        if (!prop) continue; // unknown fields are strict decoding's business
        const err = this.value(
          record[key],
          prop,
          name,
          [...path, key],
          (v) => {
            record[key] = v;
          },
          NAMED_TYPES[`${name}.${key}`],
        );
        if (err !== undefined) return err;
      }
      return undefined;
    }
    switch (type) {
      case "array": {
        if (kind !== "array") {
          this.typeError(kind, this.goType(r, named), struct, path);
          return undefined;
        }
        const list = value as unknown[];
        // A named element type ([]v1.Capability) names its elements' errors too.
        const item = named?.startsWith("[]") ? named.slice(2) : undefined;
        for (let i = 0; i < list.length; i++) {
          const err = this.value(
            list[i],
            s.items,
            struct,
            path,
            (v) => {
              list[i] = v;
            },
            item,
          );
          if (err !== undefined) return err;
        }
        return undefined;
      }
      case "object": {
        const elem = s.additionalProperties;
        if (!elem || typeof elem !== "object") return undefined; // free-form (RawExtension, FieldsV1)
        if (kind !== "object") {
          this.typeError(kind, this.goType(r, named), struct, path);
          return undefined;
        }
        const record = value as Record<string, unknown>;
        for (const key of Object.keys(record).sort()) {
          const err = this.value(record[key], elem, struct, path, (v) => {
            record[key] = v;
          });
          if (err !== undefined) return err;
        }
        return undefined;
      }
      case "string":
        if (s.format === "byte" && kind === "string") {
          const bad = base64Error(value as string);
          if (bad !== undefined && this.saved === undefined) this.saved = bad;
        } else if (kind !== "string") this.typeError(kind, this.goType(r, named), struct, path);
        return undefined;
      case "boolean":
        if (kind !== "bool") this.typeError(kind, "bool", struct, path);
        return undefined;
      case "integer": {
        const goType = this.goType(r, named);
        if (kind === "number") {
          const n = value as number;
          if (!fitsInt(n, goType)) this.typeError(`number ${goNumber(n)}`, goType, struct, path);
        } else this.typeError(kind, goType, struct, path);
        return undefined;
      }
      case "number":
        if (kind !== "number") this.typeError(kind, "float64", struct, path);
        return undefined;
      default:
        return undefined;
    }
  }
}

/** The name reflect prints for a definition: its Go package's last element and the type name. */
function goTypeName(def: string): string {
  if (def === QUANTITY) return "resource.Quantity";
  if (def === INT_OR_STRING) return "intstr.IntOrString";
  const parts = def.split(".");
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

/** How encoding/json names a JSON value in its messages. */
function jsonKind(value: unknown): "string" | "number" | "bool" | "array" | "object" {
  if (typeof value === "string" || value instanceof Date) return "string";
  if (typeof value === "number" || typeof value === "bigint") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "array";
  return "object";
}

/** A number as Go's json.Marshal writes a float64 (what kubectl sends for a YAML number). */
export function goNumber(n: number): string {
  return String(n);
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function fitsInt(n: number, goType: string): boolean {
  if (!Number.isInteger(n)) return false;
  if (goType === "int32") return n >= INT32_MIN && n <= INT32_MAX;
  return n >= -(2 ** 63) && n < 2 ** 63;
}

/** The error Quantity.UnmarshalJSON returns (ParseQuantity's), or undefined; canonicalises. */
function decodeQuantity(value: unknown, set: (v: unknown) => void): string | undefined {
  let text: string;
  if (typeof value === "string") text = value.trim();
  else if (typeof value === "number") text = goNumber(value);
  else return ERR_FORMAT_WRONG; // the raw JSON ({...}, [...], true) is not a quantity
  const q = parseQuantityExact(text);
  if (!q) return quantityParseError(text);
  set(formatQuantity(q));
  return undefined;
}

/** Which of ParseQuantity's errors a text that is not a quantity gets. */
export function quantityParseError(text: string): string {
  const m = /^[+-]?[0-9]*(?:\.[0-9]*)?([eEinumkKMGTP]*)([-+]?[0-9]*)$/.exec(text);
  if (!m || text === "") return ERR_FORMAT_WRONG;
  const suffix = `${m[1]}${m[2]}`;
  if (!/^(?:[numkMGTPE]|[KMGTPE]i|[eE][-+]?[0-9]+)?$/.test(suffix)) return ERR_SUFFIX;
  return ERR_NUMERIC;
}

/** UnmarshalTypeError.Error(): with the field when the decoder had one. */
function unmarshalTypeError(value: string, type: string, struct: string, path: string[]): string {
  return struct || path.length
    ? `json: cannot unmarshal ${value} into Go struct field ${struct}.${path.join(".")} of type ${type}`
    : `json: cannot unmarshal ${value} into Go value of type ${type}`;
}

/** An UnmarshalTypeError's value and type, before the decoder adds the field. */
interface InnerTypeError {
  value: string;
  type: string;
}

/** IntOrString.UnmarshalJSON: a string, or json.Unmarshal into its int32. */
function intOrStringError(value: unknown): InnerTypeError | undefined {
  const kind = jsonKind(value);
  if (kind === "string") return undefined;
  if (kind === "number") {
    const n = value as number;
    return fitsInt(n, "int32") ? undefined : { value: `number ${goNumber(n)}`, type: "int32" };
  }
  return { value: kind, type: "int32" };
}

/** metav1.Time.UnmarshalJSON: json.Unmarshal into a string first. */
function timeError(value: unknown): InnerTypeError | undefined {
  const kind = jsonKind(value);
  return kind === "string" ? undefined : { value: kind, type: "string" };
}

const BASE64 = /[A-Za-z0-9+/]/;

/**
 * base64.StdEncoding.Decode's CorruptInputError text for s, or undefined when s decodes
 * (encoding/base64 decodeQuantum: newlines skipped, padding required, nothing after it).
 */
export function base64Error(s: string): string | undefined {
  const at = (i: number) => `illegal base64 data at input byte ${i}`;
  const skipNewlines = (i: number) => {
    let k = i;
    while (k < s.length && (s[k] === "\n" || s[k] === "\r")) k++;
    return k;
  };
  let si = 0;
  while (si < s.length) {
    let j = 0;
    while (j < 4) {
      if (si === s.length) {
        if (j === 0) return undefined;
        return at(si - j);
      }
      const c = s[si] as string;
      si++;
      if (c === "\n" || c === "\r") continue;
      if (c === "=") {
        if (j < 2) return at(si - 1);
        if (j === 2) {
          // "==" is expected.
          si = skipNewlines(si);
          if (si === s.length) return at(s.length);
          if (s[si] !== "=") return at(si - 1);
          si++;
        }
        si = skipNewlines(si);
        return si < s.length ? at(si) : undefined;
      }
      if (!BASE64.test(c)) return at(si - 1);
      j++;
    }
  }
  return undefined;
}

/** Decodes obj (a kind's object) against its definition; quantities are rewritten in place. */
export function decodeTyped(
  obj: Record<string, unknown>,
  def: string,
  definitions: Record<string, JsonSchema>,
): DecodeResult {
  const d = new Decoder(definitions);
  const abort = d.value(obj, { $ref: `#/definitions/${def}` }, "", [], () => {});
  const message = abort ?? d.saved;
  return message === undefined ? { ok: true } : { ok: false, message };
}

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/**
 * What kubectl's builder finds decoding a manifest's metadata into a metadataOnlyObject on the
 * client (cli-runtime resource/mapper.go): `json: cannot unmarshal number into Go struct field
 * ObjectMeta.metadata.name of type string`; undefined when it decodes. Nothing is rewritten.
 */
export function decodeMetadataOnly(
  metadata: unknown,
  definitions: Record<string, JsonSchema>,
): string | undefined {
  const d = new Decoder(definitions);
  const abort = d.value(
    metadata,
    { $ref: `#/definitions/${OBJECT_META}` },
    "metadataOnlyObject",
    ["metadata"],
    () => {},
  );
  return abort ?? d.saved;
}
