/**
 * ResourceQuota admission and usage bookkeeping (staging/.../admission/plugin/resourcequota
 * controller.go and pkg/quota/v1/evaluator/core). A write that would take a namespace over a
 * quota's hard limits is refused with the upstream texts; after every write that changes usage,
 * each quota's status.hard/used is recomputed, so terminal and deleted pods stop counting.
 */
import type { AdmissionPlugin, AdmissionRequest, ApiStore } from "../../api/interface";
import { qualifiedPlural, RESOURCES, resourceForKind } from "../../api/resources";
import { clone, type KubeObject } from "../../api/types";
import type { Clock } from "../../clock/clock";
import { getPodQOS } from "../qos";
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  parseQuantityExact,
  type Quantity,
} from "../quantity";
import { admissionForbidden } from "./forbidden";

// biome-ignore lint/suspicious/noExplicitAny: open JSON
type Json = any;
type Usage = Map<string, Quantity>;

const ONE: Quantity = { nanos: 1_000_000_000n, format: "DecimalSI" };
const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };
/** Resources whose quota makes every container name them (the backward-compatibility rule). */
const VALIDATION_SET = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];
const LEGACY_COUNTS: Record<string, string> = {
  Pod: "pods",
  Service: "services",
  ConfigMap: "configmaps",
  Secret: "secrets",
  PersistentVolumeClaim: "persistentvolumeclaims",
  ResourceQuota: "resourcequotas",
};

function add(u: Usage, key: string, v: Quantity): void {
  const prev = u.get(key);
  u.set(key, prev ? addQuantities(prev, v) : v);
}

/** podComputeUsageHelper: the quota resources one container (or pod total) uses. */
function computeUsageHelper(requests: Json, limits: Json): Usage {
  const u: Usage = new Map();
  for (const [name, v] of Object.entries(requests ?? {})) {
    const qv = parseQuantityExact(v as string);
    if (!qv) continue;
    if (name === "cpu" || name === "memory" || name === "ephemeral-storage") {
      u.set(name, qv);
      u.set(`requests.${name}`, qv);
    } else if (name.startsWith("hugepages-")) {
      u.set(name, qv);
      u.set(`requests.${name}`, qv);
    } else if (name.includes("/") && !name.startsWith("kubernetes.io/")) {
      u.set(`requests.${name}`, qv);
    }
  }
  for (const [name, v] of Object.entries(limits ?? {})) {
    const qv = parseQuantityExact(v as string);
    if (!qv) continue;
    if (name === "cpu" || name === "memory" || name === "ephemeral-storage") u.set(`limits.${name}`, qv);
  }
  return u;
}

function maxUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    if (!prev || compareQuantities(v, prev) > 0) out.set(k, v);
  }
  return out;
}

/** The resources a pod uses (PodUsageFunc): containers summed, init containers maxed, overhead. */
export function podUsage(pod: KubeObject): Usage {
  let sum: Usage = new Map();
  for (const c of pod.spec?.containers ?? [])
    for (const [k, v] of computeUsageHelper(c?.resources?.requests, c?.resources?.limits)) add(sum, k, v);
  for (const c of pod.spec?.initContainers ?? [])
    sum = maxUsage(sum, computeUsageHelper(c?.resources?.requests, c?.resources?.limits));
  if (pod.spec?.overhead)
    for (const [k, v] of computeUsageHelper(pod.spec.overhead, pod.spec.overhead)) add(sum, k, v);
  sum.set("pods", ONE);
  sum.set("count/pods", ONE);
  return sum;
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace, are not charged. */
export function podCountsForQuota(pod: KubeObject, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  const ts = pod.metadata.deletionTimestamp;
  if (ts && pod.metadata.deletionGracePeriodSeconds !== undefined) {
    if (nowMs > Date.parse(ts) + pod.metadata.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** The quota usage of any object. */
export function objectUsage(obj: KubeObject): Usage {
  if (obj.kind === "Pod") return podUsage(obj);
  const u: Usage = new Map();
  const res = resourceForKind(obj.kind);
  if (!res) return u;
  u.set(`count/${qualifiedPlural(res)}`, ONE);
  const legacy = LEGACY_COUNTS[obj.kind];
  if (legacy) u.set(legacy, ONE);
  if (obj.kind === "Service") {
    const type = obj.spec?.type;
    const nodePorts = (obj.spec?.ports ?? []).filter((p: Json) => p?.nodePort).length;
    if (type === "NodePort" || type === "LoadBalancer")
      u.set("services.nodeports", { nanos: BigInt(nodePorts) * ONE.nanos, format: "DecimalSI" });
    if (type === "LoadBalancer") u.set("services.loadbalancers", ONE);
  }
  if (obj.kind === "PersistentVolumeClaim") {
    const storage = parseQuantityExact(obj.spec?.resources?.requests?.storage);
    if (storage) u.set("requests.storage", storage);
  }
  return u;
}

function scopeMatches(scope: string, pod: KubeObject, values?: string[], operator?: string): boolean {
  switch (scope) {
    case "Terminating":
      return pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds >= 0;
    case "NotTerminating":
      return !(pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds >= 0);
    case "BestEffort":
      return getPodQOS(pod.spec) === "BestEffort";
    case "NotBestEffort":
      return getPodQOS(pod.spec) !== "BestEffort";
    case "PriorityClass": {
      const pc = pod.spec?.priorityClassName ?? "";
      if (operator === "Exists") return pc !== "";
      if (operator === "DoesNotExist") return pc === "";
      if (operator === "NotIn") return !(values ?? []).includes(pc);
      return (values ?? []).includes(pc);
    }
    default:
      return true;
  }
}

/** Whether a quota's scopes select the object (only pods are scoped). */
function quotaMatches(quota: KubeObject, obj: KubeObject): boolean {
  const scopes: string[] = quota.spec?.scopes ?? [];
  const exprs: Json[] = quota.spec?.scopeSelector?.matchExpressions ?? [];
  if (scopes.length === 0 && exprs.length === 0) return true;
  if (obj.kind !== "Pod") return false;
  return (
    scopes.every((s) => scopeMatches(s, obj)) &&
    exprs.every((e) => scopeMatches(e.scopeName, obj, e.values, e.operator))
  );
}

function hardOf(quota: KubeObject): Usage {
  const hard: Usage = new Map();
  for (const [k, v] of Object.entries(quota.spec?.hard ?? {})) {
    const qv = parseQuantityExact(v as string);
    if (qv) hard.set(k, qv);
  }
  return hard;
}

function toList(u: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...u.keys()].sort()) out[k] = formatQuantity(u.get(k) as Quantity);
  return out;
}

function prettyPrint(u: Usage, keys: string[]): string {
  return keys
    .filter((k) => u.has(k))
    .sort()
    .map((k) => `${k}=${formatQuantity(u.get(k) as Quantity)}`)
    .join(",");
}

/** The kinds quota usage is computed from when a quota names them. */
function kindsToCount(hard: Usage): string[] {
  const kinds = new Set<string>(["Pod"]);
  for (const key of hard.keys()) {
    if (key.startsWith("services")) kinds.add("Service");
    else if (key === "configmaps") kinds.add("ConfigMap");
    else if (key === "secrets") kinds.add("Secret");
    else if (key === "persistentvolumeclaims" || key === "requests.storage")
      kinds.add("PersistentVolumeClaim");
    else if (key === "resourcequotas") kinds.add("ResourceQuota");
    else if (key.startsWith("count/")) {
      const [plural = "", ...group] = key.slice(6).split(".");
      const groupName = group.join(".");
      const kind = resourceByPlural(plural, groupName);
      if (kind) kinds.add(kind);
    }
  }
  return [...kinds];
}

function resourceByPlural(plural: string, group: string): string | undefined {
  return RESOURCES.find((r) => r.plural === plural && r.group === group)?.kind;
}

/** A quota's status.used, computed from the objects in its namespace. */
export function computeQuotaUsed(api: ApiStore, quota: KubeObject, nowMs: number): Usage {
  const hard = hardOf(quota);
  const used: Usage = new Map();
  for (const key of hard.keys()) used.set(key, ZERO);
  const ns = quota.metadata.namespace as string;
  for (const kind of kindsToCount(hard))
    for (const obj of api.list(kind, { namespace: ns })) {
      if (kind === "Pod" && !podCountsForQuota(obj, nowMs)) continue;
      if (!quotaMatches(quota, obj)) continue;
      for (const [k, v] of objectUsage(obj)) {
        if (!hard.has(k)) continue;
        const prev = used.get(k) as Quantity;
        used.set(k, addQuantities(prev, v));
      }
    }
  return used;
}

/** The ResourceQuota admission plugin and status bookkeeper. */
export function resourceQuotaAdmission(api: ApiStore, clock: Clock): AdmissionPlugin {
  const refresh = (namespace: string) => {
    for (const quota of api.list("ResourceQuota", { namespace })) {
      const hard = hardOf(quota);
      const status = { hard: toList(hard), used: toList(computeQuotaUsed(api, quota, clock.now())) };
      if (JSON.stringify(status) === JSON.stringify(quota.status)) continue;
      const copy = clone(quota);
      copy.status = status;
      api.updateStatus(copy);
    }
  };
  return {
    name: "ResourceQuota",
    validate(request: AdmissionRequest) {
      const obj = request.object;
      if (!obj || request.subresource !== "" || request.operation !== "CREATE") return;
      const ns = obj.metadata.namespace;
      if (!ns) return;
      const quotas = request.api.list("ResourceQuota", { namespace: ns });
      if (quotas.length === 0) return;
      const requested = objectUsage(obj);
      for (const quota of quotas) {
        if (!quotaMatches(quota, obj)) continue;
        const hard = hardOf(quota);
        const hardKeys = [...hard.keys()];
        if (obj.kind === "Pod") {
          const required = hardKeys.filter((k) => VALIDATION_SET.includes(k));
          const missing = new Map<string, string[]>();
          for (const c of [...(obj.spec?.containers ?? []), ...(obj.spec?.initContainers ?? [])]) {
            const have = computeUsageHelper(c?.resources?.requests, c?.resources?.limits);
            for (const r of required)
              if (!have.has(r)) missing.set(r, [...(missing.get(r) ?? []), c.name].sort());
          }
          if (missing.size) {
            const parts = [...missing.keys()]
              .sort()
              .map((r) => `${r} for: ${(missing.get(r) as string[]).join(",")}`);
            throw admissionForbidden(
              request,
              `failed quota: ${quota.metadata.name}: must specify ${parts.join("; ")}`,
            );
          }
        }
        const relevant = hardKeys.filter((k) => requested.has(k));
        if (relevant.length === 0) continue;
        const usedList: Record<string, string> =
          quota.status?.used ?? toList(computeQuotaUsed(api, quota, clock.now()));
        const used: Usage = new Map();
        for (const [k, v] of Object.entries(usedList)) {
          const qv = parseQuantityExact(v);
          if (qv) used.set(k, qv);
        }
        const exceeded = relevant.filter((k) => {
          const total = (used.get(k)?.nanos ?? 0n) + (requested.get(k) as Quantity).nanos;
          return total > (hard.get(k) as Quantity).nanos;
        });
        if (exceeded.length) {
          const usedShown: Usage = new Map();
          for (const k of exceeded) usedShown.set(k, used.get(k) ?? ZERO);
          throw admissionForbidden(
            request,
            `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(usedShown, exceeded)}, limited: ${prettyPrint(hard, exceeded)}`,
          );
        }
      }
    },
    committed(request, _stored) {
      if (request.dryRun) return;
      const obj = request.object ?? request.oldObject;
      if (!obj) return;
      const ns = obj.metadata.namespace;
      if (!ns) return;
      if (obj.kind === "ResourceQuota" && request.subresource === "status") return;
      if (api.list("ResourceQuota", { namespace: ns }).length === 0) return;
      refresh(ns);
    },
  };
}
